"""The named SPARQL catalog (``kg/catalog/*.rq``) and the one way to run a query.

Every catalog file starts with a header of ``# key: value`` lines::

    # title: Everything an actor said
    # description: Every claim the actor makes, with stance, proposition, quote and date.
    # param: actor = Dmitry Medvedev ; the actor's name or alternative name, any case

A ``param`` without ``= default`` is required. Parameters are passed to the engine as variable
bindings (``initBindings`` in rdflib, substitutions in Oxigraph), never pasted into the text:
``<...>`` values bind as IRIs, anything else as a plain string literal.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from kg.errors import InputError, KgError
from kg.sparql import QueryInfo, inspect_query, query_files
from kg.store import Answer, Store, open_store


@dataclass(frozen=True)
class Param:
    name: str
    default: str | None
    description: str = ""


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    text: str
    params: tuple[Param, ...] = field(default_factory=tuple)
    source: str = ""  # where the text came from, for error messages
    adhoc: bool = False  # SPARQL text typed by the user: binds whatever parameters it is given


def parse_header(name: str, text: str, source: str = "", adhoc: bool = False) -> NamedQuery:
    """A ``NamedQuery`` from a query text and its ``# key: value`` header."""
    header: dict[str, str] = {}
    params = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, sep, value = line[1:].partition(":")
        if not sep:
            continue
        key, value = key.strip(), value.strip()
        if key == "param":
            params.append(_parse_param(value, source or name))
        else:
            header[key] = value
    return NamedQuery(name, header.get("title", name), header.get("description", ""), text,
                      tuple(params), source or name, adhoc and not params)


def _parse_param(spec: str, where: str) -> Param:
    head, _, description = spec.partition(";")
    name, eq, default = head.partition("=")
    name = name.strip()
    if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
        raise InputError(where, f"bad '# param:' line {spec!r}: the name must be a SPARQL variable name")
    return Param(name, default.strip() if eq else None, description.strip())


def catalog() -> dict[str, NamedQuery]:
    """Every named query, by name (the file name without ``.rq``), in name order."""
    found = {}
    for entry in query_files("kg.catalog"):
        name = entry.name.removesuffix(".rq")
        found[name] = parse_header(name, entry.read_text(encoding="utf-8"), f"kg/catalog/{entry.name}")
    return found


def from_file(path: str | os.PathLike[str]) -> NamedQuery:
    """A query read from a ``.rq`` file (its header params are honoured)."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(path, "query file not found") from None
    except (UnicodeDecodeError, IsADirectoryError) as error:
        raise InputError(path, f"cannot read the query file ({error})") from None
    return parse_header(path.stem, text, str(path))


def resolve(name_or_text: str) -> NamedQuery:
    """A catalog name, or SPARQL text; an unknown name gets the closest names suggested."""
    queries = catalog()
    if name_or_text in queries:
        return queries[name_or_text]
    if re.fullmatch(r"[\w.-]+", name_or_text.strip()):
        close = difflib.get_close_matches(name_or_text, list(queries), n=3, cutoff=0.5)
        hint = f"; did you mean {' or '.join(close)}?" if close else ""
        raise KgError(f"unknown query {name_or_text!r}{hint} (kg query --list shows the catalog)")
    return parse_header("query", name_or_text, "query", adhoc=True)


def bindings_for(query: NamedQuery, given: dict[str, str]) -> dict[str, Node]:
    """Bind the query's parameters: defaults, then ``given``; unknown or missing names are errors.

    Ad-hoc SPARQL text without a header binds whatever it is given.
    """
    declared = {p.name: p for p in query.params}
    if not query.adhoc:
        unknown = sorted(set(given) - set(declared))
        if unknown:
            takes = ", ".join(declared) or "no parameters"
            raise KgError(f"{query.source}: unknown parameter {unknown[0]!r}; this query takes: {takes}")
    values = {name: p.default for name, p in declared.items() if p.default is not None}
    values.update(given)
    missing = [name for name in declared if name not in values]
    if missing:
        raise KgError(f"{query.source}: missing parameter {missing[0]!r} ({declared[missing[0]].description}); "
                      f"pass --param {missing[0]}=VALUE")
    return {name: _term(value) for name, value in values.items()}


def _term(value: str) -> Node:
    if value.startswith("<") and value.endswith(">"):
        return URIRef(value[1:-1])
    return Literal(value)


def execute(store: Store, query: NamedQuery, params: dict[str, str] | None = None,
            limit: int | None = None) -> Answer:
    """Check and run ``query`` on ``store`` with ``params``; the engine-neutral ``Answer``.

    ``limit`` keeps the first rows of a SELECT (in the query's ORDER BY) and sets ``Answer.more``
    when there were more: on a large corpus, only the rows shown are turned into Python objects.
    """
    info: QueryInfo = inspect_query(query.text, query.source)
    return store.run(info, bindings_for(query, params or {}), limit)


def table(name_or_text: str, graph: Graph | Store | None = None, store: str = "rdflib", **params: str) -> str:
    """The answer of a catalog query (or SPARQL text) as a plain-text table, for notebooks and terminals."""
    from kg.results import table as as_table

    if graph is None:
        from kg.graph import load
        graph = load()
    target = open_store(graph, store) if isinstance(graph, Graph) else graph
    return as_table(execute(target, resolve(name_or_text), params), graph if isinstance(graph, Graph) else None)


def query(name_or_text: str, graph: Graph | Store | None = None, store: str = "rdflib",
          **params: str) -> list[dict[str, object]]:
    """Run a catalog query (by name) or SPARQL text; SELECT rows as dicts of Python values.

    ``graph`` defaults to ``kg.load()``; pass a loaded graph (or a store) to reuse it.

    >>> rows = query("actor-statements", actor="Medvedev")
    >>> sorted({row["stance"] for row in rows})
    ['accuse', 'characterise', 'reject a denial']
    """
    if graph is None:
        from kg.graph import load
        graph = load()
    target = open_store(graph, store) if isinstance(graph, Graph) else graph
    answer = execute(target, resolve(name_or_text), params)
    if answer.form == "ASK":
        return [{"answer": answer.boolean}]
    if answer.form != "SELECT":
        return [{"subject": s.toPython(), "predicate": p.toPython(), "object": o.toPython()}
                for s, p, o in answer.triples]
    return answer.records()
