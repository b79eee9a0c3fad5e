"""kg: a knowledge graph of the actors, events, claims and relationships in a news report.

The public API, one entry point per verb::

    import kg
    graph = kg.load()                 # ontology + data/belgorod.ttl, as an rdflib Graph
    report = kg.validate()            # SHACL + integrity checks + verbatim evidence quotes
    result = kg.build("out")          # validate, then write the merged graph and a summary
    rows = kg.query("accusations")    # a catalog query (or SPARQL text) -> list of dicts
"""

from kg.build import build
from kg.errors import InputError, KgError
from kg.graph import load
from kg.queries import query
from kg.validate import Report, validate

__all__ = ["load", "validate", "build", "query", "Report", "KgError", "InputError"]
