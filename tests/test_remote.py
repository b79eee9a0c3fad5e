"""Beyond one machine: push to a real Oxigraph server on loopback and run the catalog there."""

from __future__ import annotations

import csv
import http.server
import io
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_catalog import CATALOG, GOLDEN, cell

from kg import queries
from kg.cli import main
from kg.graph import load_store
from kg.remote import RemoteError, RemoteStore, push

OXIGRAPH = Path(sys.executable).parent / "oxigraph"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    if not OXIGRAPH.exists():
        pytest.fail("the oxigraph server binary is missing: pip install -e '.[test]' installs it")
    port = free_port()
    process = subprocess.Popen([str(OXIGRAPH), "serve", "--location", str(tmp_path_factory.mktemp("oxigraph")),
                                "--bind", f"127.0.0.1:{port}"], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).read()
            break
        except OSError:
            time.sleep(0.1)
    yield base
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture(scope="module")
def pushed(oxigraph_server):
    store = load_store(store="oxigraph")
    result = push(store, f"{oxigraph_server}/store", chunk_size=700)
    assert result.requests == 6 and result.triples == len(store)
    return oxigraph_server, len(store)


def test_push_is_chunked_and_a_second_push_does_not_duplicate(pushed):
    base, total = pushed
    remote = RemoteStore(f"{base}/query")
    assert len(remote) == total
    result = CliRunner().invoke(main, ["push", "--endpoint", f"{base}/store", "--chunk-size", "2000"])
    assert result.exit_code == 0, result.output
    assert f"Pushed {total} triples to the default graph" in result.output
    assert len(remote) == total


def test_push_to_a_named_graph(oxigraph_server):
    store = load_store(store="oxigraph")
    push(store, f"{oxigraph_server}/store", graph="https://kg.example.org/graph/belgorod", chunk_size=5000)
    answer = RemoteStore(f"{oxigraph_server}/query").graph.query(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://kg.example.org/graph/belgorod> { ?s ?p ?o } }")
    assert int(list(answer)[0][0]) == len(store)


@pytest.mark.parametrize("name", sorted(CATALOG))
def test_catalog_answers_remotely_as_locally(pushed, name):
    base, _ = pushed
    answer = queries.execute(RemoteStore(f"{base}/query"), CATALOG[name])
    expected = list(csv.reader(io.StringIO((GOLDEN / f"{name}.csv").read_text(encoding="utf-8"))))
    assert answer.vars == expected[0]
    assert sorted([cell(v) for v in row] for row in answer.rows) == sorted(expected[1:])


def test_kg_query_endpoint_cli(pushed):
    base, _ = pushed
    result = CliRunner().invoke(main, ["query", "--endpoint", f"{base}/query", "actor-statements",
                                       "--param", "actor=Podolyak", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert len(result.output.strip().splitlines()) == 5


class _Refusing(http.server.BaseHTTPRequestHandler):
    status = 500

    def _answer(self):
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        self.send_response(self.server.status)
        self.end_headers()
        self.wfile.write(b"no")

    do_GET = do_POST = do_PUT = _answer

    def log_message(self, *args):
        pass


@pytest.mark.parametrize(("status", "words"), [(401, "access refused (401); check --user and --password"),
                                               (413, "too large (413); use a smaller --chunk-size"),
                                               (500, "the server failed (500)")])
def test_http_errors_are_clear_messages(status, words):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Refusing)
    server.status = status
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with pytest.raises(RemoteError, match=words.replace("(", r"\(").replace(")", r"\)")):
            push(load_store(store="oxigraph"), f"{url}/store", user="u", password="p")
        result = CliRunner().invoke(main, ["query", "--endpoint", f"{url}/query", "accusations"])
        assert result.exit_code == 2 and "Traceback" not in result.output
        assert f"{url}/query: " in result.stderr
    finally:
        server.shutdown()


def test_unreachable_endpoint_is_a_clear_message():
    result = CliRunner().invoke(main, ["push", "--endpoint", f"http://127.0.0.1:{free_port()}/store"])
    assert result.exit_code == 2
    assert "cannot reach the endpoint; is the server running and the URL right?" in result.stderr


def test_malformed_line_deep_in_ntriples_names_the_line(tmp_path):
    path = tmp_path / "big.nt"
    with open(path, "w", encoding="utf-8") as handle:
        for i in range(50_000):
            handle.write(f"<https://x.example/s{i}> <https://x.example/p> \"{i}\" .\n")
        handle.write("<https://x.example/s> <https://x.example/p> \"unterminated .\n")
    result = CliRunner().invoke(main, ["query", "--store", "oxigraph", "--data", str(path), "-e", "ASK {}"])
    assert result.exit_code == 2
    assert f"{path}:50001: syntax error" in result.stderr
