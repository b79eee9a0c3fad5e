"""Beyond one machine: push to a real Virtuoso 7 server on loopback and run the catalog there.

The server gets a new database in a temp dir, from a copy of Debian's virtuoso.ini with the paths,
ports (127.0.0.1 only) and result limits rewritten. The graph goes over the Graph Store Protocol
into a named graph with digest auth (dba/dba, the new database's administrator); queries name
that graph as ``default-graph-uri`` in the endpoint URL, since Virtuoso's default dataset is the
union of all graphs, its own system graphs included.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import urllib.parse
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pyoxigraph as ox
import pytest
import requests
from click.testing import CliRunner
from servers import assert_catalog_answer, free_port, running
from test_catalog import CATALOG

from kg import synth
from kg.cli import main
from kg.graph import load_store
from kg.remote import PushResult, RemoteError, RemoteStore, push
from kg.store import OxigraphStore

VIRTUOSO = shutil.which("virtuoso-t")
TEMPLATE = Path("/etc/virtuoso-opensource-7/virtuoso.ini")
GRAPH = "https://kg.example.org/graph/belgorod"
USER = ("dba", "dba")  # a new Virtuoso database's administrator


def configure(template: str, settings: dict[str, dict[str, str | None]]) -> str:
    """``template`` (an ini file) with every ``settings[section][key]`` line rewritten (``None``
    deletes it). A key the template's section lacks is an error: Debian's file changed."""
    out, section, seen = [], None, set()
    for line in template.splitlines():
        header = re.match(r"\s*\[(.+?)\]", line)
        key = re.match(r"\s*([^;=\s][^=]*?)\s*=", line)
        if header:
            section = header.group(1)
        elif key and key.group(1) in settings.get(section, {}):
            seen.add((section, key.group(1)))
            value = settings[section][key.group(1)]
            if value is None:
                continue
            line = f"{key.group(1)} = {value}"
        out.append(line)
    missing = {(s, k) for s, keys in settings.items() for k in keys} - seen
    assert not missing, f"not in the ini template: {sorted(missing)}"
    return "\n".join(out) + "\n"


def virtuoso_ini(directory: Path, sql_port: int, http_port: int) -> str:
    db = str(directory)
    return configure(TEMPLATE.read_text(encoding="utf-8"), {
        "Database": {"DatabaseFile": f"{db}/virtuoso.db", "ErrorLogFile": f"{db}/virtuoso.log",
                     "LockFile": f"{db}/virtuoso.lck", "TransactionFile": f"{db}/virtuoso.trx",
                     "xa_persistent_file": f"{db}/virtuoso.pxa"},
        "TempDatabase": {"DatabaseFile": f"{db}/virtuoso-temp.db", "TransactionFile": f"{db}/virtuoso-temp.trx"},
        "Parameters": {"ServerPort": f"127.0.0.1:{sql_port}", "DirsAllowed": f"., {db}",
                       "VADInstallDir": None},  # no Conductor web UI: starts ~2 s sooner
        "HTTPServer": {"ServerPort": f"127.0.0.1:{http_port}"},
        "URIQA": {"DefaultHost": f"127.0.0.1:{http_port}"},
        # Debian's 10000 rows silently truncate results. Our queries take < 0.3 s here: a runaway
        # one fails after 10 s (an error, not partial rows) instead of Debian's 60 s.
        "SPARQL": {"ResultSetMaxRows": "1000000", "MaxQueryExecutionTime": "10"},
    })


@contextmanager
def virtuoso_server(directory: Path) -> Iterator[tuple[str, subprocess.Popen]]:
    """A Virtuoso server on a new database in ``directory``: its base URL and process."""
    if VIRTUOSO is None:
        pytest.skip("Debian package virtuoso-opensource is not installed; scripts/setup --test installs it as root")
    http_port = free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(virtuoso_ini(directory, free_port(), http_port), encoding="utf-8")
    base = f"http://127.0.0.1:{http_port}"
    with running([VIRTUOSO, "+foreground", "+configfile", str(ini)], f"{base}/sparql?query=ASK%7B%7D",
                 directory / "server.log", timeout=60, cwd=directory) as process:
        yield base, process


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    with virtuoso_server(tmp_path_factory.mktemp("virtuoso")) as (base, _):
        yield base


def endpoint(base: str, graph: str | None = GRAPH) -> str:
    return f"{base}/sparql" + (f"?default-graph-uri={urllib.parse.quote(graph, safe='')}" if graph else "")


def push_belgorod(base: str, **options) -> tuple[int, PushResult]:
    store = load_store(store="oxigraph")
    options = {"graph": GRAPH, "user": USER[0], "password": USER[1], "digest": True, **options}
    return len(store), push(store, f"{base}/sparql-graph-crud-auth", **options)


@pytest.fixture(scope="module")
def pushed(virtuoso):
    total, result = push_belgorod(virtuoso, chunk_size=700)
    assert result.requests == -(-total // 700) > 1 and result.triples == total
    return virtuoso, total


def test_config_rewrites_keys_in_their_section_only():
    template = "[A]\nPort = 1 ; comment\nKeep=2\n; Port = 5\n[B]\nPort = 3\nGone = 4\n"
    assert configure(template, {"A": {"Port": "9"}, "B": {"Gone": None}}) == (
        "[A]\nPort = 9\nKeep=2\n; Port = 5\n[B]\nPort = 3\n")
    with pytest.raises(AssertionError, match="Missing"):
        configure(template, {"B": {"Missing": "1"}})


def test_push_with_digest_auth_is_chunked_and_a_second_push_does_not_duplicate(pushed):
    base, total = pushed
    remote = RemoteStore(endpoint(base))
    assert len(remote) == total
    result = CliRunner().invoke(main, ["push", "--endpoint", f"{base}/sparql-graph-crud-auth", "--graph", GRAPH,
                                       "--user", USER[0], "--password", USER[1], "--digest", "--chunk-size", "2000"])
    assert result.exit_code == 0, result.output
    url, requests_made = f"{base}/sparql-graph-crud-auth", -(-total // 2000)
    assert f"Pushed {total} triples to graph <{GRAPH}> at {url} in {requests_made} request(s)" in result.output
    assert len(remote) == total


def test_the_default_dataset_is_all_graphs_so_queries_name_ours(pushed):
    base, total = pushed
    assert len(RemoteStore(endpoint(base, graph=None))) > total  # Virtuoso's own graphs too
    assert len(RemoteStore(endpoint(base, graph="https://kg.example.org/graph/none"))) == 0


def test_large_requests_with_digest_auth(tmp_path, monkeypatch):
    # A 15 MB request sent before the digest challenge went out unauthenticated; Virtuoso answered
    # 401 without reading it and closed the connection, and the push failed with "Response ended
    # prematurely" (4 times in 6 on a busy machine). Now no body leaves without credentials.
    # On a server of its own: with this graph loaded beside ours, Virtuoso's plans change and
    # unverified-claims sometimes finds no rows (its skos:broader* joined with the claims).
    sent = []
    send = requests.adapters.HTTPAdapter.send

    def recording(adapter, request, **options):
        response = send(adapter, request, **options)
        authorised = "Authorization" in request.headers
        if "sparql-graph-crud" in request.url:  # the push, not the count query that checks it
            sent.append((request.method, len(request.body or b""), authorised, response.status_code))
        return response

    monkeypatch.setattr(requests.adapters.HTTPAdapter, "send", recording)
    triples, _ = synth.generate(1500)
    big = OxigraphStore()
    big.store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    graph = "https://kg.example.org/graph/synthetic"
    with virtuoso_server(tmp_path) as (base, _):
        result = push(big, f"{base}/sparql-graph-crud-auth", graph=graph, user=USER[0], password=USER[1],
                      digest=True, chunk_size=len(big))
        assert result.requests == 1 and result.triples == len(big) > 100_000
        assert len(RemoteStore(endpoint(base, graph))) == len(big)
    assert [(method, authorised, status) for method, size, authorised, status in sent if size] == [
        ("PUT", True, 201)], sent


def test_wrong_password_is_a_clear_message(virtuoso):
    with pytest.raises(RemoteError, match=r"access refused \(401\); check --user and --password"):
        push_belgorod(virtuoso, graph="https://kg.example.org/graph/refused", password="wrong")


# Catalog queries Virtuoso cannot answer, and why; each is checked on a server of its own. Once
# connection-path stops crashing, expect "? disputes" for "→ disputes": Virtuoso 7.2 turns characters
# outside Latin-1 in a query's string literals into "?" (openlink/virtuoso-opensource#609).
# Virtuoso 07.20.3229 reads a query's string literals as Latin-1: the arrows connection-path
# writes come back as "?" (openlink/virtuoso-opensource#609). Labels stored as data are fine.
LATIN1_ONLY = {"connection-path": lambda text: text.replace("\u2192", "?").replace("\u2190", "?")}


@pytest.mark.parametrize("name", sorted(CATALOG))
def test_catalog_answers_on_virtuoso_as_locally(pushed, name):
    base, _ = pushed
    assert_catalog_answer(RemoteStore(endpoint(base)), name, "virtuoso", LATIN1_ONLY.get(name, lambda text: text))


def test_kg_query_endpoint_cli(pushed):
    base, _ = pushed
    result = CliRunner().invoke(main, ["query", "--endpoint", endpoint(base), "actor-statements",
                                       "--param", "actor=Podolyak", "--format", "csv"])
    assert result.exit_code == 0, result.output
    assert len(result.output.strip().splitlines()) == 5
    local = CliRunner().invoke(main, ["query", "actor-statements", "--param", "actor=Podolyak", "--format", "csv"])
    assert result.stdout == local.stdout
