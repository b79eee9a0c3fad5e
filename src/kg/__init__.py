"""kg: a knowledge graph of the actors, events, claims and relationships in a news report.

The public API, one entry point per verb::

    import kg
    graph = kg.load()                 # ontology + data/belgorod.ttl, as an rdflib Graph
    report = kg.validate()            # SHACL + integrity checks + verbatim evidence quotes
    result = kg.build("out")          # validate, then write the merged graph and a summary
    rows = kg.query("accusations")    # a catalog query (or SPARQL text) -> list of dicts
    net = kg.to_networkx(graph)       # entities and provenance-laden edges, a networkx MultiDiGraph
    page = kg.render_html(graph)      # the offline HTML explorer, as a string
    kg.export(graph, "gexf", "out/belgorod.gexf")   # formats: kg.EXPORTERS
    kg.paths(net, "Medvedev", "Freedom of Russia Legion")   # shortest connections
"""

import sys as _sys
from importlib import import_module as _import
from importlib.util import find_spec as _find_spec
from types import ModuleType as _ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # what type checkers and editors see; at run time each name loads on first use
    from kg.analytics import neighbors, paths, stats
    from kg.build import build
    from kg.errors import InputError, KgError
    from kg.export import EXPORTERS, export
    from kg.graph import load
    from kg.html import render_html
    from kg.network import to_networkx
    from kg.queries import query, table
    from kg.validate import Report, validate

# Each name is imported from its module on first use (PEP 562), so ``import kg.graph`` or a
# ``kg`` command pays only for what it uses: the whole API pulls in networkx, pyvis and
# pySHACL (about 0.4 s and 25 MB) that loading and querying a store never need.
_API = {
    "load": "kg.graph", "validate": "kg.validate", "Report": "kg.validate", "build": "kg.build",
    "query": "kg.queries", "table": "kg.queries", "to_networkx": "kg.network", "render_html": "kg.html",
    "export": "kg.export", "EXPORTERS": "kg.export", "stats": "kg.analytics", "paths": "kg.analytics",
    "neighbors": "kg.analytics", "KgError": "kg.errors", "InputError": "kg.errors",
}
__all__ = list(_API)


def __getattr__(name: str):
    if name in _API:
        value = getattr(_import(_API[name]), name)
    elif not name.startswith("_") and _find_spec(f"kg.{name}") is not None:
        value = _import(f"kg.{name}")  # a submodule, e.g. kg.queries, as after an eager import
    else:
        raise AttributeError(f"module 'kg' has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({name for name in globals() if not name.startswith("_")} - {"TYPE_CHECKING"} | set(__all__))


class _Package(_ModuleType):
    """Keeps ``kg.build``, ``kg.export`` and ``kg.validate`` the API functions: importing the
    submodule of the same name would otherwise put the module under that name."""

    def __setattr__(self, name: str, value) -> None:
        if name in _API and isinstance(value, _ModuleType):
            return
        super().__setattr__(name, value)


_sys.modules[__name__].__class__ = _Package
