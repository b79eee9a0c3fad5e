"""run_bounded: a query in a child process, stopped by time and by rows, with the reason as its type."""

from __future__ import annotations

import pytest

from kg import queries
from kg.bounded import QueryTimeout, ResultTooLarge, run_bounded
from kg.graph import load_store


@pytest.fixture(scope="module")
def store():
    return load_store(store="oxigraph")


def test_answer_within_the_limits(store):
    answer = run_bounded(store, queries.catalog()["claims-by-stance"], {}, 30, 100)
    assert len(answer) == 10 and not answer.more
    assert [(str(row[0]), int(row[2])) for row in answer.rows[:3]] == [("assert", 103), ("characterise", 25), ("accuse", 7)]


def test_too_many_rows_is_its_own_error_with_the_limit(store):
    with pytest.raises(ResultTooLarge, match="more rows than the limit of 3; add a LIMIT") as raised:
        run_bounded(store, queries.resolve("SELECT * WHERE { ?s ?p ?o }"), {}, 30, 3)
    assert raised.value.status == 413


def test_a_query_past_its_time_is_stopped(store):
    slow = queries.resolve("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }")
    with pytest.raises(QueryTimeout, match="longer than 0.5 s") as raised:
        run_bounded(store, slow, {}, 0.5, 10)
    assert raised.value.status == 503
