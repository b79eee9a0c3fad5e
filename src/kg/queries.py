"""The named SPARQL catalog: ``kg/catalog/*.rq``, each with a header of ``# key: value`` lines.

Header keys: ``title``, ``description`` and (optionally, repeated) ``param``. Queries are run
with ``initBindings``, never by string formatting.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

from rdflib import Graph

from kg.errors import KgError


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    text: str


def catalog() -> dict[str, NamedQuery]:
    """Every named query, by name (the file name without ``.rq``), sorted."""
    found = {}
    for entry in sorted(resources.files("kg.catalog").iterdir(), key=lambda r: r.name):
        if entry.name.endswith(".rq"):
            text = entry.read_text(encoding="utf-8")
            header = dict(_header_lines(text))
            name = entry.name.removesuffix(".rq")
            found[name] = NamedQuery(name, header.get("title", name), header.get("description", ""), text)
    return found


def run(graph: Graph, name: str) -> list[dict[str, object]]:
    """Run catalog query ``name`` on ``graph``; rows as dicts of Python values (str, int, ...)."""
    queries = catalog()
    if name not in queries:
        raise KgError(f"unknown query {name!r}; known: {', '.join(queries)}")
    result = graph.query(queries[name].text)
    return [{str(var): (row[var].toPython() if row[var] is not None else None) for var in result.vars} for row in result]


def _header_lines(text: str):
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        key, sep, value = line[1:].partition(":")
        if sep:
            yield key.strip(), value.strip()
