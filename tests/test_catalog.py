"""The SPARQL catalog: every named query answers as its golden file, on both stores.

Driven by the folder: a new ``src/kg/catalog/NAME.rq`` plus ``tests/golden/NAME.csv`` is a new
test case. Answers are compared as multisets of rows of labels (order-free), on rdflib and Oxigraph.
Regenerate after a deliberate data change with ``pytest tests/test_catalog.py --update-golden``
and read the diff.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from pathlib import Path

import pytest
from rdflib import Literal
from rdflib.term import Node

from kg import queries
from kg.store import STORES, open_store

GOLDEN = Path(__file__).resolve().parent / "golden"
CATALOG = queries.catalog()


@pytest.fixture(scope="session")
def stores(graph):
    return {kind: open_store(graph, kind) for kind in STORES}


def cell(value: Node | None) -> str:
    if value is None:
        return ""
    if isinstance(value, Literal):
        return str(value.toPython())  # numbers and dates by value: Oxigraph writes 0.10 as 0.1
    return str(value)


def as_csv(header: list[str], rows: list[list[str]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def test_catalog_has_at_least_15_documented_queries():
    assert len(CATALOG) >= 15
    for named in CATALOG.values():
        assert named.title != named.name and len(named.description) > 20, named.name


@pytest.mark.parametrize("name", sorted(CATALOG))
def test_every_parameter_is_projected_and_has_a_default(name):
    # Oxigraph substitutes parameters only for projected variables.
    named = CATALOG[name]
    select = re.search(r"^SELECT (.*?) WHERE", named.text, re.M | re.S).group(1)
    for param in named.params:
        assert f"?{param.name}" in select.split(), f"{name}: parameter ?{param.name} is not in the SELECT clause"
        assert param.default, f"{name}: parameter {param.name} needs a default for the golden test"


def test_every_golden_file_has_a_query():
    assert {p.stem for p in GOLDEN.glob("*.csv")} == set(CATALOG)


@pytest.mark.parametrize("store", sorted(STORES))
@pytest.mark.parametrize("name", sorted(CATALOG))
def test_catalog_answer_matches_golden_file(name, store, stores, request):
    answer = queries.execute(stores[store], CATALOG[name])
    rows = sorted([cell(v) for v in row] for row in answer.rows)
    path = GOLDEN / f"{name}.csv"
    if request.config.getoption("--update-golden") and store == "rdflib":
        path.write_text(as_csv(answer.vars, rows), encoding="utf-8")
    assert path.is_file(), f"no golden file {path.name}: check the answer, then run pytest --update-golden"
    expected = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    assert expected, f"{path.name} is empty"
    header, expected_rows = expected[0], sorted(expected[1:])
    assert answer.vars == header
    assert expected_rows, f"{path.name} has no rows: a golden answer must say something"
    if rows != expected_rows:
        diff = difflib.unified_diff(as_csv(header, expected_rows).splitlines(), as_csv(header, rows).splitlines(),
                                    f"golden/{path.name}", f"{store} answer", lineterm="")
        pytest.fail("\n".join(diff))


@pytest.mark.parametrize("store", sorted(STORES))
def test_two_entities_connected_through_the_words_both_are_characterised_by(store, stores):
    answer = queries.execute(stores[store], CATALOG["connection-path"],
                             {"from": "Russian Volunteer Corps", "to": "Freedom of Russia Legion"})
    assert sorted([cell(v) for v in row][3:] for row in answer.rows) == [
        ["← attributes responsibility to", "Hromadske", "→ attributes responsibility to"],
        ["→ characterised as", "an anti-Kremlin group", "← characterised as"],
        ["→ claims responsibility for", "Belgorod cross-border raid", "← claims responsibility for"]]


@pytest.mark.parametrize("store", sorted(STORES))
def test_claimants_who_share_a_name_and_camp_are_counted_as_one_row(store):
    from rdflib import Graph

    graph = Graph().parse(format="turtle", data="""
        @prefix kg: <https://kg.example.org/ontology#> . @prefix st: <https://kg.example.org/stance/> .
        @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . @prefix : <https://kg.example.org/id/> .
        :mod1 rdfs:label "Ministry of Defence" . :mod2 rdfs:label "Ministry of Defence" . :tass rdfs:label "TASS" .
        :c1 kg:claimant :mod1 ; kg:stance st:accuse . :c2 kg:claimant :mod2 ; kg:stance st:deny .
        :c3 kg:claimant :mod2 ; kg:stance st:assert . :c4 kg:claimant :tass ; kg:stance st:assert .""")
    answer = queries.execute(open_store(graph, store), CATALOG["claims-by-claimant"])
    assert [[cell(v) for v in row] for row in answer.rows] == [
        ["Ministry of Defence", "", "3", "1", "1"], ["TASS", "", "1", "0", "0"]]
