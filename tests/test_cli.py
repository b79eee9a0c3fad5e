"""The kg command line, in-process (click's CliRunner) plus one smoke test of the installed script."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BROKEN = FIXTURES / "broken"


@pytest.fixture()
def runner():
    return CliRunner()


def test_validate_exits_0_on_the_shipped_graph(runner):
    result = runner.invoke(main, ["validate"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[-1].startswith("OK: the graph conforms (")


def test_validate_exits_1_and_lists_violations(runner):
    result = runner.invoke(main, ["validate", str(BROKEN / "fabricated-quote.ttl")])
    assert result.exit_code == 1
    assert result.output.splitlines()[0].startswith(
        '[evidence] :c-russia-accuses: quote "Russia accused Ukraine of planning the attacks for months"')
    assert re.fullmatch(r"FAILED: 1 violation\(s\) in \d+ triples\.", result.output.splitlines()[-1])


def test_validate_exits_2_with_file_and_line_on_a_syntax_error(runner):
    result = runner.invoke(main, ["validate", str(BROKEN / "syntax-error.ttl")])
    assert result.exit_code == 2
    assert f"kg: error: {BROKEN / 'syntax-error.ttl'}:20: turtle syntax error" in result.stderr
    assert "Traceback" not in result.output


def test_validate_exits_2_on_a_missing_file(runner):
    result = runner.invoke(main, ["validate", "no-such-file.ttl"])
    assert result.exit_code == 2
    assert result.stderr.strip() == "kg: error: no-such-file.ttl: file not found"


def test_validate_with_explicit_source(runner, tmp_path, article_text):
    copy = tmp_path / "copy.txt"
    copy.write_text(article_text, encoding="utf-8")
    result = runner.invoke(main, ["validate", str(FIXTURES / "minimal.ttl"), "--source", str(copy)])
    assert result.exit_code == 0, result.output
    assert f"evidence quotes checked against {copy}" in result.output


def test_unknown_option_is_a_usage_error(runner):
    result = runner.invoke(main, ["validate", "--frobnicate"])
    assert result.exit_code == 2
    assert "No such option '--frobnicate'" in result.output


def test_build_prints_summary_and_writes_files(runner, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert (f"Wrote 10 files to {out}/: belgorod.ttl, belgorod.nt, belgorod.html, belgorod.rdf, belgorod.jsonld, "
            "belgorod.graphml, belgorod.gexf, belgorod.cyjs, belgorod.dot, belgorod-neo4j") in result.output
    assert "Contested propositions: 2" in result.output
    assert (out / "belgorod.ttl").stat().st_size > 100_000


def test_build_exits_1_and_writes_nothing_on_violations(runner, tmp_path):
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", str(BROKEN / "missing-status.ttl"), "--out", str(out)])
    assert result.exit_code == 1
    assert "Nothing was written." in result.stderr
    assert not out.exists() or list(out.iterdir()) == []


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_has_help(runner, command):
    result = runner.invoke(main, [command, "--help"])
    assert result.exit_code == 0
    first_words = " ".join(main.commands[command].help.split()[:6])
    assert first_words in " ".join(result.output.split())


def test_installed_console_script_runs():
    script = shutil.which("kg") or str(Path(__import__("sys").executable).parent / "kg")
    result = subprocess.run([script, "validate"], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "OK: the graph conforms" in result.stdout


def test_export_and_html_name_their_output_after_the_data_file_and_never_overwrite_it(runner, tmp_path, monkeypatch):
    from kg.synth import write

    monkeypatch.chdir(tmp_path)
    (tmp_path / "out").mkdir()
    write(5, 1, tmp_path / "out" / "corpus.nt", tmp_path / "out" / "corpus.txt")
    result = runner.invoke(main, ["export", "--format", "gexf", "out/corpus.nt"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Wrote out/corpus.gexf (")
    result = runner.invoke(main, ["html", "out/corpus.nt"])
    assert result.exit_code == 0 and result.output.startswith("Wrote out/corpus.html ("), result.output
    before = (tmp_path / "out" / "corpus.nt").read_bytes()
    result = runner.invoke(main, ["export", "--format", "nt", "out/corpus.nt"])
    assert result.exit_code == 2
    assert result.stderr == "kg: error: out/corpus.nt: is an input file and would be overwritten; write elsewhere (--out)\n"
    assert (tmp_path / "out" / "corpus.nt").read_bytes() == before


def test_import_kg_loads_the_api_on_first_use_only():
    import sys

    code = ("import sys, kg\n"
            "assert 'networkx' not in sys.modules and 'pyshacl' not in sys.modules\n"
            "import kg.graph\n"
            "assert kg.queries.catalog() and kg.graph.load and 'networkx' not in sys.modules\n"
            "import kg.validate, kg.build, kg.export\n"  # submodules named like API functions
            "assert [type(f).__name__ for f in (kg.validate, kg.build, kg.export)] == ['function'] * 3\n"
            "assert 'networkx' in sys.modules and 'pyshacl' in sys.modules\n"
            "print('ok')")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout == "ok\n", done.stderr
