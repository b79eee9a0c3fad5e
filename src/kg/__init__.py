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

from kg.build import build
from kg.errors import InputError, KgError
from kg.analytics import neighbors, paths, stats
from kg.export import EXPORTERS, export
from kg.graph import load
from kg.html import render_html
from kg.network import to_networkx
from kg.queries import query, table
from kg.validate import Report, validate

__all__ = ["load", "validate", "build", "query", "to_networkx", "render_html", "export", "EXPORTERS",
           "stats", "paths", "neighbors", "table", "Report", "KgError", "InputError"]
