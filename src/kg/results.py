"""Write a query ``Answer`` in a results format: one registry for the CLI and the endpoint.

SELECT and ASK: ``table`` (for people), and the W3C SPARQL 1.1 Query Results formats ``json``,
``xml``, ``csv`` and ``tsv``. CONSTRUCT and DESCRIBE: ``turtle``, ``nt`` (N-Triples) and
``json-ld`` (no remote context). JSON comes from rdflib's serializer; XML, CSV and TSV are
converted from that JSON by pyoxigraph's serializers, because rdflib 7.6 has no TSV writer and
its XML writer drops falsy values (the literal ``0`` comes out empty).

Limits: CSV and TSV have no form for ASK; asking for them is an error that names the valid ones.
"""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox
from rdflib import Graph, URIRef, Variable
from rdflib.query import Result
from rdflib.term import Node

from kg.errors import KgError
from kg.graph import new_graph
from kg.store import Answer


@dataclass(frozen=True)
class ResultFormat:
    name: str
    media_type: str
    for_graphs: bool  # True: CONSTRUCT/DESCRIBE; False: SELECT/ASK


FORMATS = {f.name: f for f in [
    ResultFormat("table", "text/plain; charset=utf-8", False),
    ResultFormat("json", "application/sparql-results+json", False),
    ResultFormat("xml", "application/sparql-results+xml", False),
    ResultFormat("csv", "text/csv; charset=utf-8", False),
    ResultFormat("tsv", "text/tab-separated-values; charset=utf-8", False),
    ResultFormat("turtle", "text/turtle; charset=utf-8", True),
    ResultFormat("nt", "application/n-triples", True),
    ResultFormat("json-ld", "application/ld+json", True),
]}


OXIGRAPH_FORMATS = {"xml": ox.QueryResultsFormat.XML, "csv": ox.QueryResultsFormat.CSV,
                    "tsv": ox.QueryResultsFormat.TSV}


def formats_for(answer_form: str) -> list[str]:
    graphs = answer_form in ("CONSTRUCT", "DESCRIBE")
    names = [f.name for f in FORMATS.values() if f.for_graphs == graphs]
    return [n for n in names if n not in ("csv", "tsv")] if answer_form == "ASK" else names


def default_format(answer_form: str, for_people: bool) -> str:
    if answer_form in ("CONSTRUCT", "DESCRIBE"):
        return "turtle"
    return "table" if for_people else "json"


def render(answer: Answer, fmt: str) -> bytes:
    """``answer`` written as ``fmt`` (a key of ``FORMATS``)."""
    valid = formats_for(answer.form)
    if fmt not in valid:
        raise KgError(f"format {fmt!r} does not fit a {answer.form} query; use one of: {', '.join(valid)}")
    if FORMATS[fmt].for_graphs:
        graph = new_graph()
        for triple in answer.triples:
            graph.add(triple)
        return graph.serialize(format=fmt, encoding="utf-8")
    if fmt == "table":
        return table(answer).encode("utf-8")
    as_json = _rdflib_result(answer).serialize(format="json") or b""
    if fmt == "json":
        return as_json
    parsed = ox.parse_query_results(as_json, format=ox.QueryResultsFormat.JSON)
    return parsed.serialize(format=OXIGRAPH_FORMATS[fmt])


def table(answer: Answer, graph: Graph | None = None) -> str:
    """A plain-text table for people: IRIs as prefixed names, literals as text."""
    if answer.form == "ASK":
        return "yes" if answer.boolean else "no"
    names = graph.namespace_manager if graph is not None else new_graph().namespace_manager
    cells = [[_cell(value, names) for value in row] for row in answer.rows]
    widths = [max([len(var)] + [len(row[i]) for row in cells]) for i, var in enumerate(answer.vars)]
    line = "  ".join("-" * w for w in widths)
    out = ["  ".join(var.ljust(w) for var, w in zip(answer.vars, widths)).rstrip(), line]
    out += ["  ".join(c.ljust(w) for c, w in zip(row, widths)).rstrip() for row in cells]
    out.append(f"({len(cells)} row{'s' if len(cells) != 1 else ''})")
    return "\n".join(out)


def _cell(value: Node | None, names) -> str:
    if value is None:
        return ""
    if isinstance(value, URIRef):
        try:
            return value.n3(names)
        except Exception:
            return f"<{value}>"
    return " ".join(str(value).split())


def _rdflib_result(answer: Answer) -> Result:
    result = Result(answer.form)
    if answer.form == "ASK":
        result.askAnswer = bool(answer.boolean)
        return result
    result.vars = [Variable(v) for v in answer.vars]
    result.bindings = [{Variable(v): value for v, value in zip(answer.vars, row) if value is not None}
                       for row in answer.rows]
    return result
