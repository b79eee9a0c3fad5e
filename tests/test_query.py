"""kg query (CLI, in-process) and kg.query (Python API): formats, parameters and bad input."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from rdflib import Graph
from rdflib.query import Result

import kg
from kg.cli import main
from kg.errors import KgError
from kg.queries import catalog


@pytest.fixture()
def run():
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(main, ["query", *args])

    return invoke


def test_list_shows_every_catalog_query_with_description(run):
    result = run("--list")
    assert result.exit_code == 0
    for named in catalog().values():
        assert f"{named.name}\n    {named.title}: {named.description}" in result.output
    assert "--param actor=... (default: Dmitry Medvedev)" in result.output


def test_named_query_prints_a_table(run):
    result = run("denials")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["denier", "denies", "quote", "date", "assertedBy"]
    assert lines[-1] == "(5 rows)"
    assert any(line.startswith("Ukrainian Foreign Legion  The RVC has a unit in the Ukrainian Foreign Legion")
               for line in lines)


def test_param_binds_the_actor(run):
    result = run("actor-statements", "--param", "actor=Podolyak", "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    assert sorted(row["stance"] for row in rows) == ["assert", "attribute responsibility", "characterise", "deny"]
    assert {row["actor"] for row in rows} == {"Podolyak"}


@pytest.mark.parametrize("store", ["rdflib", "oxigraph"])
def test_param_value_is_bound_not_pasted(run, store):
    hostile = 'x" } UNION { ?who ?p ?o } #\n"""'
    result = run("actor-statements", "--param", f"actor={hostile}", "--format", "json", "--store", store)
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["results"]["bindings"] == []


@pytest.mark.parametrize("store", ["rdflib", "oxigraph"])
def test_limit_shows_the_first_rows_in_order_and_says_more_exist(run, store):
    result = run("claims-by-stance", "--limit", "2", "--format", "csv", "--store", store)
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["stance,cameo,claims", "assert,010,103", "characterise,010,25"]
    assert result.stderr.strip() == "Showing the first 2 rows; there are more (--limit 0 shows all)."
    everything = run("claims-by-stance", "--limit", "0", "--format", "csv", "--store", store)
    assert len(everything.stdout.splitlines()) == 1 + 10 and everything.stderr == ""


@pytest.mark.parametrize(("text", "pageable"), [
    ("SELECT ?s WHERE { ?s ?p ?o } ORDER BY ?s", True),
    ("SELECT ?s WHERE { ?s ?p ?o { SELECT ?s WHERE { ?s ?p ?o } LIMIT 3 } }", True),
    ("SELECT ?s WHERE { ?s ?p ?o } LIMIT 5", False),
    ("SELECT ?s WHERE { ?s ?p ?o } OFFSET 5", False),
    ("SELECT ?s WHERE { ?s ?p ?o } VALUES ?s { <urn:x> }", False),
    ("ASK { ?s ?p ?o }", False),
    ("CONSTRUCT WHERE { ?s ?p ?o }", False),
])
def test_a_page_is_asked_of_the_engine_unless_the_query_limits_itself(text, pageable):
    from kg.sparql import inspect_query

    info = inspect_query(text)
    assert info.paged(None) == text
    assert info.paged(10) == (f"{text}\nLIMIT 11" if pageable else text)


def test_limit_must_be_a_count(run):
    result = run("claims-by-stance", "--limit", "-1")
    assert result.exit_code == 2 and "Invalid value for '--limit'" in result.output


@pytest.mark.parametrize("store", ["rdflib", "oxigraph"])
def test_json_and_xml_results_parse_with_rdflib(run, store):
    for fmt in ("json", "xml"):
        result = run("casualty-figures", "--format", fmt, "--store", store)
        assert result.exit_code == 0, result.output
        parsed = Result.parse(io.BytesIO(result.output.encode()), format=fmt)
        assert sorted(row["count"].toPython() for row in parsed) == [0, 12, 70, 70]


def test_tsv_follows_the_w3c_format(run):
    result = run("people-roles", "--format", "tsv")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert lines[0] == "?person\t?role\t?of\t?description"
    assert '"Vyacheslav Gladkov"\t"governor of"@en\t"Belgorod region"\t' in result.output
    assert len(list(Result.parse(io.BytesIO(result.output.encode()), format="tsv"))) == 10


def test_expression_construct_as_turtle_ntriples_and_json_ld(run):
    text = ("PREFIX kg: <https://kg.example.org/ontology#> "
            "CONSTRUCT { ?a kg:claimsResponsibilityFor ?e } WHERE { ?a kg:claimsResponsibilityFor ?e }")
    for fmt, parser in (("turtle", "turtle"), ("nt", "nt"), ("json-ld", "json-ld")):
        result = run("-e", text, "--format", fmt)
        assert result.exit_code == 0, result.output
        assert len(Graph().parse(data=result.output, format=parser)) == 3
    assert run("-e", text).output.startswith("@prefix")


def test_file_with_required_parameter(run, tmp_path):
    path = tmp_path / "who.rq"
    path.write_text("# title: Who\n# param: name ; an exact label\n"
                    "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
                    "SELECT ?name ?x WHERE { ?x rdfs:label ?name }\n")
    missing = run("--file", str(path))
    assert missing.exit_code == 2
    assert f"{path}: missing parameter 'name' (an exact label); pass --param name=VALUE" in missing.stderr
    found = run("--file", str(path), "--param", "name=Kozinka", "--format", "csv")
    assert found.output.splitlines() == ["name,x", "Kozinka,https://kg.example.org/id/Kozinka"]


def test_syntax_error_gives_line_and_column_and_exit_2(run):
    result = run("-e", "SELECT ?s WHERE {\n  ?s ?p\n}")
    assert result.exit_code == 2
    assert result.stderr.startswith("kg: error: query:2:")
    assert "SPARQL syntax error" in result.stderr


def test_unknown_name_suggests_close_names(run):
    result = run("acusations")
    assert result.exit_code == 2
    assert "unknown query 'acusations'; did you mean accusations" in result.stderr


def test_unknown_parameter_is_named(run):
    result = run("actor-statements", "--param", "actr=Medvedev")
    assert result.exit_code == 2
    assert "unknown parameter 'actr'; this query takes: actor" in result.stderr


def test_malformed_param_is_a_usage_error(run):
    result = run("actor-statements", "--param", "actor")
    assert result.exit_code == 2
    assert "'actor' is not NAME=VALUE" in result.output


def test_format_must_fit_the_query_form(run):
    result = run("accusations", "--format", "turtle")
    assert result.exit_code == 2
    assert "format 'turtle' does not fit a SELECT query; use one of: table, json, xml, csv, tsv" in result.stderr


def test_update_is_refused(run):
    result = run("-e", "DELETE WHERE { ?s ?p ?o }")
    assert result.exit_code == 2
    assert "updates are refused: this graph is read-only" in result.stderr


def test_needs_exactly_one_query(run):
    assert run().exit_code == 2
    assert run("accusations", "-e", "ASK {}").exit_code == 2


def test_python_api_returns_rows(graph):
    rows = kg.query("responsibility", graph)
    claimants = sorted({row["claimant"] for row in rows if row["stance"] == "claim responsibility"})
    assert claimants == ["Freedom of Russia Legion", "Russian Volunteer Corps"]
    assert kg.query("ASK { ?s ?p ?o }", graph) == [{"answer": True}]
    with pytest.raises(KgError, match="unknown parameter"):
        kg.query("accusations", graph, actor="x")


def test_python_api_on_oxigraph(graph):
    rows = kg.query("actor-statements", graph, store="oxigraph", actor="Medvedev")
    assert len(rows) == 7
    assert {row["stance"] for row in rows} == {"accuse", "characterise", "reject a denial"}


def test_oxigraph_parameters_open_the_outermost_where_group():
    from rdflib import Literal, URIRef

    from kg.store import with_values

    text = "# a comment that says WHERE {\nSELECT ?s WHERE { { SELECT ?s WHERE { ?s ?p ?o } } }"
    assert with_values(text, {"a": Literal('say "hi"'), "b": URIRef("https://e.org/x")}) == (
        '# a comment that says WHERE {\nSELECT ?s WHERE { VALUES (?a ?b) { ("say \\"hi\\"" <https://e.org/x>) }'
        " { SELECT ?s WHERE { ?s ?p ?o } } }")
    assert with_values("SELECT ?s { ?s ?p ?o }", {"a": Literal("x")}) is None  # Oxigraph substitutes these
