"""Validate the graph: SHACL shapes, integrity checks, declared terms and verbatim evidence.

``validate()`` returns a ``Report``; it never prints. Four kinds of check run over
ontology + data (+ derived labels):

- ``shacl``: pySHACL with the shapes in ``ontology/shapes.ttl``;
- ``undeclared-term``: every predicate and class the data uses is declared in the ontology
  (``ontology/imports.ttl`` declares the standard terms we reuse) or is RDF/RDFS/OWL core;
- the SPARQL checks in ``kg/checks/*.rq`` (direct edges backed by claims, no contested facts,
  no duplicate propositions, every node labelled and typed), one check per file;
- ``evidence``: every ``kg:evidence`` quote is verbatim in the article and within one sentence.
  Skipped, and said so in ``Report.source_note``, when no article text can be found.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import pyshacl
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH
from rdflib.term import Node

from kg import graph as kg_graph
from kg.evidence import Article, find_source
from kg.namespaces import ID, KG

PathLike = str | os.PathLike[str]

DECLARING_TYPES = (
    RDF.Property, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty,
    KG.RelationProperty, KG.SpeechActProperty, RDFS.Class, OWL.Class,
)
CORE_NAMESPACES = (str(RDF), str(RDFS), str(OWL))


@dataclass(frozen=True)
class Violation:
    check: str  # "shacl", "undeclared-term", "evidence", or the name of a checks/*.rq file
    focus: str  # the node at fault, as a prefixed name where possible
    message: str

    def __str__(self) -> str:
        return f"[{self.check}] {self.focus}: {self.message}"


@dataclass
class Report:
    """What ``validate`` found. ``conforms`` is True when there are no violations."""

    violations: list[Violation] = field(default_factory=list)
    source: Path | None = None
    source_note: str = ""
    triples: int = 0

    @property
    def conforms(self) -> bool:
        return not self.violations

    def text(self) -> str:
        """A human-readable report, one violation a line, then a verdict line."""
        lines = [str(v) for v in self.violations]
        lines.append(self.source_note)
        if self.conforms:
            lines.append(f"OK: the graph conforms ({self.triples} triples).")
        else:
            lines.append(f"FAILED: {len(self.violations)} violation(s) in {self.triples} triples.")
        return "\n".join(lines)


def validate(
    data: Sequence[PathLike] | PathLike | None = None,
    ontology: PathLike | None = None,
    source: PathLike | None = None,
) -> Report:
    """Validate ontology + data; see the module docstring for what is checked.

    >>> validate().conforms
    True
    """
    ontology_graph = kg_graph.load_ontology(ontology)
    data_graph = kg_graph.load_data(data)
    merged = kg_graph.derive(ontology_graph + data_graph)
    for prefix, namespace in ontology_graph.namespaces():
        merged.bind(prefix, namespace, override=True, replace=True)

    report = Report(triples=len(merged))
    report.violations += shacl_violations(merged)
    report.violations += undeclared_terms(data_graph, ontology_graph)
    report.violations += sparql_checks(merged)
    report.source, report.source_note = find_source(source, kg_graph.project_root())
    if report.source is not None:
        report.violations += evidence_violations(merged, Article(report.source))
    return report


def shacl_violations(graph: Graph) -> list[Violation]:
    """pySHACL over ``graph`` with the shapes it contains."""
    _conforms, results, _text = pyshacl.validate(graph, shacl_graph=graph, inference="none")
    found = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage) or "violates a shape"
        where = f"{_name(graph, path)}: " if isinstance(path, URIRef) else ""
        found.append(Violation("shacl", _name(graph, focus), f"{where}{message}"))
    return sorted(found, key=str)


def undeclared_terms(data: Graph, ontology: Graph) -> list[Violation]:
    """Predicates and classes used in ``data`` that the ontology does not declare."""
    declared = {s for t in DECLARING_TYPES for s in ontology.subjects(RDF.type, t)}
    used_predicates = set(data.predicates())
    used_classes = {c for c in data.objects(None, RDF.type) if isinstance(c, URIRef)}
    found = []
    for term, kind in [(p, "predicate") for p in used_predicates] + [(c, "class") for c in used_classes]:
        if term in declared or str(term).startswith(CORE_NAMESPACES):
            continue
        found.append(Violation(
            "undeclared-term", _name(data, term),
            f"{kind} is not declared in the ontology; fix the spelling, declare it in ontology/, "
            "or (for a standard term) add it to ontology/imports.ttl",
        ))
    return sorted(found, key=str)


def sparql_checks(graph: Graph) -> list[Violation]:
    """Run every ``kg/checks/*.rq``; each row is a violation, worded by the file's ``# message:`` line."""
    found = []
    for check in sorted(resources.files("kg.checks").iterdir(), key=lambda r: r.name):
        if not check.name.endswith(".rq"):
            continue
        text = check.read_text(encoding="utf-8")
        template = _header(text, "message")
        name = check.name.removesuffix(".rq").split("-", 1)[1]
        for row in graph.query(text, initBindings={"base": Literal(str(ID))}):
            values = {var: _name(graph, row[var]) for var in row.labels if row[var] is not None}
            found.append(Violation(name, values.get("focus", "?"), template.format_map(_Blank(values))))
    return found


def evidence_violations(graph: Graph, article: Article) -> list[Violation]:
    """Evidence quotes that are not verbatim in ``article`` or span sentences."""
    found = []
    for node, quote in graph.subject_objects(KG.evidence):
        problem = article.check(str(quote))
        if problem:
            found.append(Violation("evidence", _name(graph, node), f'quote "{quote}" {problem.reason}'))
    return sorted(found, key=str)


def _header(text: str, key: str) -> str:
    for line in text.splitlines():
        if line.startswith(f"# {key}:"):
            return line.split(":", 1)[1].strip()
    return "violates this check"


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "?"


def _name(graph: Graph, node: Node | None) -> str:
    if node is None:
        return "?"
    if isinstance(node, URIRef):
        try:
            return node.n3(graph.namespace_manager)
        except Exception:
            return f"<{node}>"
    if isinstance(node, Literal):
        return f"“{node}”"
    return f"[blank node {node}]"
