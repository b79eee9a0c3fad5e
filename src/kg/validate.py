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
from pathlib import Path

import pyshacl
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SH
from rdflib.term import Node

from kg import graph as kg_graph
from kg.evidence import Article, find_source
from kg.namespaces import ID, KG
from kg.progress import QUIET, Progress
from kg.sparql import inspect_query, query_files, query_text
from kg.store import Store

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
    store: str = "oxigraph",
    progress: Progress = QUIET,
) -> Report:
    """Validate ontology + data; see the module docstring for what is checked.

    ``store`` is where the SPARQL checks, the declared-terms check and the quote look-up run
    (Oxigraph by default, as in ``kg.build``; ``"rdflib"`` gives the same report); SHACL always
    runs in pySHACL over an rdflib graph.

    >>> validate().conforms
    True
    """
    ontology_graph = kg_graph.load_ontology(ontology)
    target = kg_graph.load_store(data, ontology, store, progress)
    with progress.step("The graph in rdflib, for SHACL"):
        merged = target.to_rdflib()
    for prefix, namespace in ontology_graph.namespaces():
        merged.bind(prefix, namespace, override=True, replace=True)

    report = Report(triples=len(merged))
    with progress.step("SHACL shapes (pySHACL)"):
        report.violations += shacl_violations(merged)
    report.violations += undeclared_terms(target, ontology_graph)
    report.violations += sparql_checks(target, progress)
    report.source, report.source_note = find_source(source, kg_graph.project_root())
    if report.source is not None:
        report.violations += evidence_violations(target, Article(report.source), progress)
    return report


def shacl_violations(graph: Graph) -> list[Violation]:
    """pySHACL over ``graph`` with the shapes it contains."""
    _conforms, results, _text = pyshacl.validate(graph, shacl_graph=graph, inference="none")
    found = []
    for result in results.subjects(RDF.type, SH.ValidationResult):
        focus = results.value(result, SH.focusNode)
        path = results.value(result, SH.resultPath)
        message = results.value(result, SH.resultMessage) or "violates a shape"
        where = f"{_name(path, graph)}: " if isinstance(path, URIRef) else ""
        found.append(Violation("shacl", _name(focus, graph), f"{where}{message}"))
    return sorted(found, key=str)


def undeclared_terms(store: Store, ontology: Graph) -> list[Violation]:
    """Predicates and classes used in ``store`` that the ontology does not declare (the ontology's
    own vocabulary, e.g. SHACL's, is left out: it is not data)."""
    declared = {s for t in DECLARING_TYPES for s in ontology.subjects(RDF.type, t)}
    in_ontology = set(ontology.predicates()) | set(ontology.objects(None, RDF.type))
    used = store.run(inspect_query(query_text("kg.lookups", "used-terms.rq")), {}).rows
    used_predicates = {term for term, kind in used if str(kind) == "predicate"} - in_ontology
    used_classes = {term for term, kind in used if str(kind) == "class" and isinstance(term, URIRef)} - in_ontology
    found = []
    for term, kind in [(p, "predicate") for p in used_predicates] + [(c, "class") for c in used_classes]:
        if term in declared or str(term).startswith(CORE_NAMESPACES):
            continue
        found.append(Violation(
            "undeclared-term", _name(term),
            f"{kind} is not declared in the ontology; fix the spelling, declare it in ontology/, "
            "or (for a standard term) add it to ontology/imports.ttl",
        ))
    return sorted(found, key=str)


def sparql_checks(store: Store, progress: Progress = QUIET) -> list[Violation]:
    """Run every ``kg/checks/*.rq``; each row is a violation, worded by the file's ``# message:`` line."""
    checks = query_files("kg.checks")
    found = []
    with progress.step("Integrity checks (SPARQL)", total=len(checks)) as advance:
        for check in checks:
            text = check.read_text(encoding="utf-8")
            template = _header(text, "message")
            name = check.name.removesuffix(".rq").split("-", 1)[1]
            answer = store.run(inspect_query(text, check.name), {"base": Literal(str(ID))})
            for row in answer.rows:
                values = {var: _name(row[i]) for i, var in enumerate(answer.vars) if row[i] is not None}
                found.append(Violation(name, values.get("focus", "?"), template.format_map(_Blank(values))))
            advance(1)
    return found


def evidence_violations(store: Store, article: Article, progress: Progress = QUIET) -> list[Violation]:
    """Evidence quotes that are not verbatim in ``article`` or span sentences."""
    quotes = store.run(inspect_query(query_text("kg.lookups", "evidence.rq")), {}).rows
    found = []
    with progress.step("Evidence quotes", total=len(quotes)) as advance:
        for node, quote in quotes:
            problem = article.check(str(quote))
            if problem:
                found.append(Violation("evidence", _name(node), f'quote "{quote}" {problem.reason}'))
            advance(1)
    return sorted(found, key=str)


def _header(text: str, key: str) -> str:
    for line in text.splitlines():
        if line.startswith(f"# {key}:"):
            return line.split(":", 1)[1].strip()
    return "violates this check"


class _Blank(dict):
    def __missing__(self, key: str) -> str:
        return "?"


_NAMES = kg_graph.new_graph().namespace_manager


def _name(node: Node | None, graph: Graph | None = None) -> str:
    if node is None:
        return "?"
    if isinstance(node, URIRef):
        try:
            return node.n3(graph.namespace_manager if graph is not None else _NAMES)
        except Exception:
            return f"<{node}>"
    if isinstance(node, Literal):
        return f"“{node}”"
    return f"[blank node {node}]"
