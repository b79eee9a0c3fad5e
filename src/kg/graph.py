"""Load the ontology and the data into one rdflib graph.

``load()`` parses every ``ontology/*.ttl`` file and the data files (by default
``data/belgorod.ttl``), then applies the derivation rules in ``kg/rules/*.rq`` (SPARQL CONSTRUCT
queries that add readable labels to claims and propositions). The result is a plain
``rdflib.Graph`` with our prefixes bound.

Limits: Turtle and N-Triples only (chosen by file suffix). A syntax error raises
``InputError`` naming the file and line; a missing file raises ``InputError`` too.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from rdflib import Graph
from rdflib.plugins.parsers.notation3 import BadSyntax

from kg.errors import InputError
from kg.progress import QUIET, Progress
from kg.namespaces import PREFIXES

PathLike = str | os.PathLike[str]

FORMATS_BY_SUFFIX = {".ttl": "turtle", ".nt": "nt"}


def project_root() -> Path:
    """The folder holding ``ontology/`` and ``data/``: the source checkout, else the current folder."""
    checkout = Path(__file__).resolve().parents[2]
    return checkout if (checkout / "ontology").is_dir() else Path.cwd()


def default_ontology_dir() -> Path:
    return project_root() / "ontology"


def default_data_files() -> list[Path]:
    return [project_root() / "data" / "belgorod.ttl"]


def new_graph() -> Graph:
    """An empty graph with every project prefix bound."""
    graph = Graph(bind_namespaces="core")
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=True, replace=True)
    return graph


def ontology_files(ontology: PathLike | None = None) -> list[Path]:
    """The Turtle files of the ontology folder, sorted; ``InputError`` if there are none."""
    folder = Path(ontology) if ontology is not None else default_ontology_dir()
    if not folder.is_dir():
        raise InputError(folder, "ontology folder not found (pass --ontology DIR)")
    files = sorted(folder.glob("*.ttl"))
    if not files:
        raise InputError(folder, "no .ttl files in the ontology folder")
    return files


def rdf_format(path: Path, formats: dict):
    """``formats[suffix]`` for an existing RDF file; ``InputError`` for an unknown type or a missing file."""
    fmt = formats.get(path.suffix.lower())
    if fmt is None:
        raise InputError(path, f"unknown RDF file type {path.suffix!r}; use one of {sorted(formats)}")
    if not path.is_file():
        raise InputError(path, "file not found")
    return fmt


def parse_into(graph: Graph, path: PathLike) -> Graph:
    """Parse one RDF file into ``graph``; errors name the file and line."""
    path = Path(path)
    fmt = rdf_format(path, FORMATS_BY_SUFFIX)
    try:
        graph.parse(path, format=fmt)
    except BadSyntax as error:
        # BadSyntax.lines counts the newlines before the error, so the 1-based line is one more.
        raise InputError(path, f"{fmt} syntax error: {_why(error)}", line=error.lines + 1) from None
    except UnicodeDecodeError as error:
        raise InputError(path, f"not UTF-8 text ({error.reason} at byte {error.start})") from None
    except Exception as error:  # rdflib's N-Triples parser raises ParseError with the line in its text
        raise InputError(path, f"{fmt} syntax error: {error}") from None
    return graph


def _why(error: BadSyntax) -> str:
    """BadSyntax's reason plus the text where the parser stopped, without its bytes repr."""
    why = getattr(error, "_why", None) or error.message
    text, offset = getattr(error, "_str", b""), getattr(error, "_i", 0)
    if isinstance(text, bytes):
        text = text.decode("utf-8", errors="replace")
    near = text[offset : offset + 40].splitlines()[0].strip() if text[offset:].strip() else ""
    return f"{why} (near: {near!r})" if near else why


def load_ontology(ontology: PathLike | None = None) -> Graph:
    """The ontology (classes, properties, schemes, imported terms, shapes) as one graph."""
    graph = new_graph()
    for path in ontology_files(ontology):
        parse_into(graph, path)
    return graph


def load_data(data: Sequence[PathLike] | PathLike | None = None) -> Graph:
    """The data files as one graph (no ontology, no derived triples)."""
    graph = new_graph()
    for path in data_paths(data):
        parse_into(graph, path)
    return graph


def derive(graph: Graph) -> Graph:
    """Add the triples of every rule in ``kg/rules/*.rq`` (CONSTRUCT queries) to ``graph``, in name order."""
    for rule in rule_texts():
        for triple in graph.query(rule):
            graph.add(triple)
    return graph


def load(data: Sequence[PathLike] | PathLike | None = None, ontology: PathLike | None = None) -> Graph:
    """Ontology + data + derived labels, as one rdflib ``Graph``.

    >>> graph = load()
    >>> len(graph) > 3000
    True
    """
    graph = load_ontology(ontology)
    for path in data_paths(data):
        parse_into(graph, path)
    return derive(graph)


def data_paths(data: Sequence[PathLike] | PathLike | None) -> list[Path]:
    """The data files to load: ``data`` (one path or several), else the default data."""
    if data is None:
        return default_data_files()
    if isinstance(data, (str, os.PathLike)):
        return [Path(data)]
    paths = [Path(p) for p in data]
    if not paths:
        return default_data_files()
    return paths



def rule_texts() -> list[str]:
    """The derivation rules (``kg/rules/*.rq``), in name order."""
    from kg.sparql import query_files

    return [rule.read_text(encoding="utf-8") for rule in query_files("kg.rules")]


def load_store(data: Sequence[PathLike] | PathLike | None = None, ontology: PathLike | None = None,
               store: str = "rdflib", progress: Progress = QUIET):
    """Ontology + data + derived labels in a query store of kind ``store`` (see ``kg.store.STORES``).

    ``oxigraph`` reads the files straight into Oxigraph, never building an rdflib graph: the way to
    load a large corpus.
    """
    from kg.store import OxigraphStore, open_store

    if store == "oxigraph":
        return OxigraphStore.from_files(ontology_files(ontology) + data_paths(data), rule_texts(), progress)
    return open_store(load(data, ontology), store)
