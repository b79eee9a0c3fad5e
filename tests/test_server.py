"""kg serve: a real SPARQL 1.1 endpoint on a loopback port, queried by independent clients."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from rdflib.query import Result
from SPARQLWrapper import JSON, XML, SPARQLWrapper

from kg import queries

KG = str(Path(sys.executable).parent / "kg")
ACCUSATIONS = queries.catalog()["accusations"].text


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def running(*options: str):
    port = free_port()
    process = subprocess.Popen([KG, "serve", "--port", str(port), *options],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}/sparql"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=1).read()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("kg serve did not start: " + process.stderr.read())
                time.sleep(0.1)
        yield url, process
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="module")
def endpoint():
    with running() as (url, process):
        yield url


@pytest.fixture(scope="module")
def strict_endpoint():
    with running("--timeout", "1", "--max-rows", "50", "--store", "oxigraph") as (url, process):
        yield url


def request(url: str, *, data: bytes | None = None, headers: dict | None = None, method: str | None = None):
    req = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(req, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode("utf-8")


def get(url: str, query: str, **headers):
    return request(f"{url}?{urllib.parse.urlencode({'query': query})}", headers=headers)


def test_startup_message_says_loopback_read_only_and_limits():
    with running() as (url, process):
        assert url.startswith("http://127.0.0.1:")
    out = process.stdout.read()
    assert "at http://127.0.0.1:" in out and "(read-only; timeout 5 s; at most 10000 rows)" in out


def test_sparqlwrapper_json(endpoint):
    client = SPARQLWrapper(endpoint)
    client.setQuery(ACCUSATIONS)
    client.setReturnFormat(JSON)
    bindings = client.query().convert()["results"]["bindings"]
    pairs = sorted((b["accuser"]["value"], b["accused"]["value"]) for b in bindings)
    assert pairs == [("Dmitry Medvedev", "European Union"), ("Dmitry Medvedev", "United Kingdom"),
                     ("Dmitry Medvedev", "United States"), ("Dmitry Peskov", "Ukraine"), ("Russia", "Ukraine"),
                     ("Russia", "the attackers"), ("Vyacheslav Gladkov", "Ukraine")]


def test_sparqlwrapper_xml(endpoint):
    client = SPARQLWrapper(endpoint)
    client.setQuery("PREFIX kg: <https://kg.example.org/ontology#> "
                    "SELECT ?g WHERE { ?g kg:claimsResponsibilityFor <https://kg.example.org/id/BelgorodRaid> }")
    client.setReturnFormat(XML)
    document = client.query().convert()
    uris = sorted(node.firstChild.data for node in document.getElementsByTagName("uri"))
    assert uris == ["https://kg.example.org/id/FreedomOfRussiaLegion", "https://kg.example.org/id/RussianVolunteerCorps"]


def test_sparqlwrapper_post(endpoint):
    client = SPARQLWrapper(endpoint)
    client.setMethod("POST")
    client.setQuery("ASK { <https://kg.example.org/id/DmitryMedvedev> "
                    "<https://kg.example.org/ontology#accuses> <https://kg.example.org/id/UnitedKingdom> }")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True


def test_rdflib_sparqlstore(endpoint):
    remote = Graph(store=SPARQLStore(endpoint, returnFormat="json"))
    rows = remote.query("""
        PREFIX kg: <https://kg.example.org/ontology#>
        PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
        SELECT ?label WHERE { <https://kg.example.org/id/BelgorodRegion> kg:borders ?r . ?r rdfs:label ?label }""")
    assert sorted(str(r[0]) for r in rows) == ["Kharkiv region", "Luhansk region", "Sumy region"]


def test_post_sparql_query_body_and_csv(endpoint):
    status, headers, body = request(endpoint, data=ACCUSATIONS.encode(), method="POST",
                                    headers={"Content-Type": "application/sparql-query", "Accept": "text/csv"})
    assert status == 200 and headers["content-type"].startswith("text/csv")
    assert body.splitlines()[0] == "accuser,accused,accusedOf,quote,date"
    assert len(body.strip().splitlines()) == 8


def test_post_form_and_tsv_readable_by_rdflib(endpoint):
    data = urllib.parse.urlencode({"query": ACCUSATIONS}).encode()
    status, headers, body = request(endpoint, data=data, method="POST",
                                    headers={"Content-Type": "application/x-www-form-urlencoded",
                                             "Accept": "text/tab-separated-values"})
    assert status == 200
    parsed = Result.parse(source=__import__("io").BytesIO(body.encode()), format="tsv")
    assert len(list(parsed)) == 7


def test_construct_as_turtle_and_json_ld(endpoint):
    construct = ("PREFIX kg: <https://kg.example.org/ontology#> "
                 "CONSTRUCT { ?a kg:accuses ?b } WHERE { ?a kg:accuses ?b }")
    status, headers, body = get(endpoint, construct, Accept="text/turtle")
    assert status == 200 and headers["content-type"].startswith("text/turtle")
    assert len(Graph().parse(data=body, format="turtle")) == 7
    status, headers, body = get(endpoint, construct, Accept="application/ld+json")
    assert status == 200 and headers["content-type"].startswith("application/ld+json")
    assert '"@context": "http' not in body  # no remote context
    assert len(Graph().parse(data=body, format="json-ld")) == 7


def test_cors_header(endpoint):
    status, headers, _ = get(endpoint, "ASK {}", Origin="http://localhost:3000")
    assert status == 200
    assert headers.get("access-control-allow-origin") == "*"


@pytest.mark.parametrize("how", ["get-update", "post-update", "update-as-query"])
def test_updates_are_refused(endpoint, how):
    update = "INSERT DATA { <http://x/a> <http://x/b> <http://x/c> }"
    if how == "get-update":
        status, _, body = request(f"{endpoint}?{urllib.parse.urlencode({'update': update})}")
    elif how == "post-update":
        status, _, body = request(endpoint, data=update.encode(), method="POST",
                                  headers={"Content-Type": "application/sparql-update"})
    else:
        status, _, body = get(endpoint, update)
    assert status == 403
    assert "read-only" in body
    status, _, body = get(endpoint, "ASK { <http://x/a> <http://x/b> <http://x/c> }", Accept="application/json")
    assert json.loads(body)["boolean"] is False


def test_service_is_refused(endpoint):
    status, _, body = get(endpoint, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert status == 400
    assert "SERVICE is refused" in body


def test_from_is_refused(endpoint):
    status, _, body = get(endpoint, "SELECT * FROM <http://127.0.0.1:9/data.ttl> WHERE { ?s ?p ?o }")
    assert status == 400
    assert "FROM and FROM NAMED are refused" in body


def test_malformed_query_is_400_with_line_and_column(endpoint):
    status, _, body = get(endpoint, "SELECT ?s WHERE {\n  ?s ?p \n}")
    assert status == 400
    assert "SPARQL syntax error" in body and "line 2" in body


def test_missing_query_is_400(endpoint):
    status, _, body = request(endpoint)
    assert status == 400 and "no query" in body


def test_oversized_body_is_413(endpoint):
    status, _, body = request(endpoint, data=b"#" * 70_000, method="POST",
                              headers={"Content-Type": "application/sparql-query"})
    assert status == 413 and "request body over" in body


def test_slow_query_is_stopped_by_the_timeout(strict_endpoint):
    started = time.monotonic()
    status, _, body = get(strict_endpoint, "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
    elapsed = time.monotonic() - started
    assert status == 503 and "longer than 1 s" in body
    assert elapsed < 10
    status, _, body = get(strict_endpoint, "ASK { ?s ?p ?o }", Accept="application/json")
    assert status == 200 and json.loads(body)["boolean"] is True  # the server lives on


def test_large_result_is_refused_not_truncated(strict_endpoint):
    status, _, body = get(strict_endpoint, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 413 and "the result has more rows than the limit of 50; add a LIMIT" in body


def test_oxigraph_endpoint_answers_the_catalog_like_rdflib(endpoint, strict_endpoint):
    query = queries.catalog()["contested-propositions"].text
    answers = []
    for url in (endpoint, strict_endpoint):
        _, _, body = get(url, query, Accept="application/sparql-results+json")
        rows = json.loads(body)["results"]["bindings"]
        answers.append(sorted(tuple(sorted((k, v["value"]) for k, v in row.items())) for row in rows))
    assert answers[0] == answers[1] and len(answers[0]) == 5
