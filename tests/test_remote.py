"""Beyond one machine: push to a real Oxigraph server on loopback and run the catalog there."""

from __future__ import annotations

import http.server
import sys
import threading
import time
from pathlib import Path

import pytest
import requests
from click.testing import CliRunner
from servers import assert_catalog_answer, free_port, running
from test_catalog import CATALOG

import kg
from kg import queries
from kg.cli import main
from kg.graph import load_store
from kg.remote import RemoteError, RemoteStore, push

OXIGRAPH = Path(sys.executable).parent / "oxigraph"


@pytest.fixture(scope="module")
def oxigraph_server(tmp_path_factory):
    if not OXIGRAPH.exists():
        pytest.fail("the oxigraph server binary is missing: pip install -e '.[test]' installs it")
    directory = tmp_path_factory.mktemp("oxigraph")
    base = f"http://127.0.0.1:{free_port()}"
    with running([str(OXIGRAPH), "serve", "--location", str(directory / "db"), "--bind", base.removeprefix("http://")],
                 f"{base}/query?query=ASK%7B%7D", directory / "server.log", timeout=10):
        yield base


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
    answer = kg.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH <https://kg.example.org/graph/belgorod> { ?s ?p ?o } }",
                      RemoteStore(f"{oxigraph_server}/query"))
    assert answer == [{"n": len(store)}]
    # Protocol parameters in the endpoint URL go with every query: here the dataset's default graph.
    graph = "default-graph-uri=https%3A%2F%2Fkg.example.org%2Fgraph%2F"
    assert len(RemoteStore(f"{oxigraph_server}/query?{graph}belgorod")) == len(store)
    assert len(RemoteStore(f"{oxigraph_server}/query?{graph}none")) == 0


@pytest.mark.parametrize("name", sorted(CATALOG))
def test_catalog_answers_remotely_as_locally(pushed, name):
    base, _ = pushed
    assert_catalog_answer(RemoteStore(f"{base}/query"), name, "oxigraph server")


def test_a_page_asks_the_server_for_that_page_only(pushed, monkeypatch):
    base, _ = pushed
    sent = []
    post = requests.post
    monkeypatch.setattr(requests, "post", lambda url, data, **kw: sent.append(data["query"]) or post(url, data, **kw))
    named = queries.catalog()["contested-propositions"]
    page = queries.execute(RemoteStore(f"{base}/query"), named, limit=3)
    assert sent[-1].endswith("\nLIMIT 4") and page.more
    assert page.rows == queries.execute(load_store(store="oxigraph"), named).rows[:3]
    whole = queries.execute(RemoteStore(f"{base}/query"), named)
    assert sent[-1] == named.text and len(whole.rows) == 5 and not whole.more


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
        assert f"{url}/query: " in result.stderr and f"({status})" in result.stderr
    finally:
        server.shutdown()
        server.server_close()


class _Slow(_Refusing):
    def _answer(self):
        time.sleep(self.server.delay)
        super()._answer()

    do_GET = do_POST = do_PUT = _answer


@pytest.mark.parametrize(("status", "delay", "words"), [
    (200, 3, "no answer within 0.5 s; the query may be too heavy for the server, or the server is down"),
    (400, 0, "the server answered 400: no"),  # the server's own words come along
])
def test_remote_query_has_a_time_limit_and_reports_the_servers_words(status, delay, words):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Slow)
    server.status, server.delay = status, delay
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/query"
    started = time.monotonic()
    try:
        with pytest.raises(RemoteError) as raised:
            queries.execute(RemoteStore(url, timeout=0.5), queries.catalog()["accusations"])
        assert str(raised.value) == f"{url}: {words}"
        assert time.monotonic() - started < 2.5
    finally:
        server.shutdown()
        server.server_close()


class _Digest(http.server.BaseHTTPRequestHandler):
    """Digest auth the way Virtuoso does it: a request without credentials gets its 401 challenge
    at once, its body unread, and the connection closed."""

    def _answer(self):
        credentials = self.headers.get("Authorization", "")
        length = int(self.headers.get("Content-Length") or 0)
        self.server.seen.append((self.command, length, credentials.startswith("Digest ")))
        if 'username="u"' not in credentials:
            self.send_response(401)
            self.send_header("WWW-Authenticate", 'Digest realm="kg", nonce="n0nce", qop="auth"')
            self.send_header("Content-Length", "0")
            self.send_header("Connection", "close")
            self.end_headers()
            self.close_connection = True
            return
        self.rfile.read(length)
        self.send_response(201 if self.command == "PUT" else 200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    do_HEAD = do_PUT = do_POST = _answer

    def log_message(self, *args):
        pass


@pytest.mark.parametrize("user", ["u", "wrong"])
def test_digest_auth_never_sends_a_chunk_without_credentials(user):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Digest)
    server.seen = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/store"
    store = load_store(store="oxigraph")
    chunks = -(-len(store) // 2000)
    try:
        if user == "u":
            assert push(store, url, user=user, password="p", digest=True, chunk_size=2000).requests == chunks
        else:
            with pytest.raises(RemoteError, match=r"access refused \(401\)"):
                push(store, url, user=user, password="p", digest=True, chunk_size=2000)
    finally:
        server.shutdown()
        server.server_close()
    assert not [seen for seen in server.seen if seen[1] and not seen[2]], server.seen  # no body went unauthenticated
    assert sum(1 for method, length, authorised in server.seen if length) == (chunks if user == "u" else 0)


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
    assert result.stderr == f"kg: error: {path}:50001: N-Triples syntax error (column 45): Unexpected end of file\n"
