"""Progress of long steps: silent in the API and in pipes, rich bars on a terminal."""

from __future__ import annotations

import io

from rich.console import Console

from kg.graph import load_store
from kg.progress import QUIET, RichProgress, terminal


def test_steps_show_as_bars_with_counts_on_a_terminal():
    screen = io.StringIO()
    progress = RichProgress(Console(file=screen, force_terminal=True, width=100))
    store = load_store(store="oxigraph", progress=progress)
    assert len(store) > 4000
    shown = screen.getvalue()
    assert "Loading 5 file(s) into Oxigraph" in shown and "7/7" in shown  # 5 files, then 2 label rules


def test_nested_steps_share_one_display():
    screen = io.StringIO()
    progress = RichProgress(Console(file=screen, force_terminal=True, width=100))
    with progress.step("outer", total=2) as outer:
        with progress.step("inner", total=3) as inner:
            inner(3)
        outer(2)
    shown = screen.getvalue()
    assert "outer" in shown and "inner" in shown and "3/3" in shown and "2/2" in shown


def test_pipes_and_the_api_stay_quiet(capsys):
    assert terminal() is QUIET  # pytest's captured stderr is not a terminal
    load_store(store="oxigraph")
    assert capsys.readouterr().err == ""


def test_ctrl_c_stops_a_long_build_cleanly(tmp_path):
    """SIGINT (Ctrl-C) during a build of ~10^5 triples: exit 130, one line, and no output files."""
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    from kg.synth import write

    corpus = tmp_path / "corpus.nt"
    write(1250, 1, corpus, corpus.with_suffix(".txt"))
    out = tmp_path / "out"
    kg_command = Path(sys.executable).parent / "kg"
    process = subprocess.Popen([str(kg_command), "build", str(corpus), "--source", str(corpus.with_suffix(".txt")),
                                "--out", str(out)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    time.sleep(4)  # loading and validating ~10^5 triples takes far longer than this
    assert process.poll() is None, process.communicate()
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "kg: interrupted; nothing was written." in stderr and "Traceback" not in stderr
    assert not out.exists() or [p.name for p in out.rglob("*")] == []
