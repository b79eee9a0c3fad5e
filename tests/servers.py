"""Helpers for the tests against real SPARQL servers (test_remote.py: Oxigraph, test_virtuoso.py: Virtuoso):
a free loopback port, starting and stopping a server process, and checking a catalog answer."""

from __future__ import annotations

import csv
import difflib
import io
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from test_catalog import CATALOG, GOLDEN, as_csv, cell

from kg import queries


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _tail(log: Path, lines: int = 30) -> str:
    try:
        return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


@contextmanager
def running(command: list[str], ready_url: str, log: Path, timeout: float = 60, cwd: Path | None = None
            ) -> Iterator[subprocess.Popen]:
    """Start ``command`` (output to ``log``), wait until ``ready_url`` answers 200, and stop the process
    afterwards (terminate, then kill). Fails with the log's tail if the server exits or is not ready
    within ``timeout`` seconds."""
    with open(log, "wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, cwd=cwd)
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                with urllib.request.urlopen(ready_url, timeout=2) as response:
                    response.read()
                break
            except OSError:  # not listening yet, or an HTTP error status
                pass
            if process.poll() is not None:
                pytest.fail(f"{command[0]} exited with status {process.returncode} before answering {ready_url}; "
                            f"the end of {log}:\n{_tail(log)}")
            if time.monotonic() > deadline:
                pytest.fail(f"{command[0]} did not answer {ready_url} within {timeout:.0f} s; "
                            f"the end of {log}:\n{_tail(log)}")
            time.sleep(0.1)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def assert_catalog_answer(store, name: str, engine: str, golden=lambda text: text) -> None:
    """The catalog query ``name`` answers on ``store`` as its golden file (rows as a multiset of labels);
    ``golden`` rewrites the file's text first, for an engine's known, exactly described difference."""
    answer = queries.execute(store, CATALOG[name])
    path = GOLDEN / f"{name}.csv"
    expected = list(csv.reader(io.StringIO(golden(path.read_text(encoding="utf-8")))))
    header, expected_rows = expected[0], sorted(expected[1:])
    assert answer.vars == header
    rows = sorted([cell(v) for v in row] for row in answer.rows)
    if rows != expected_rows:
        diff = difflib.unified_diff(as_csv(header, expected_rows).splitlines(), as_csv(header, rows).splitlines(),
                                    f"golden/{path.name}", f"{engine} answer", lineterm="")
        pytest.fail("\n".join(diff))
