"""Every prefix and IRI base the project uses, and nothing else.

All of our own IRIs hang off one base, ``BASE``. The Turtle files in ``ontology/`` and
``data/`` repeat these prefixes in their ``@prefix`` lines (Turtle has no include); the test
suite checks that every one of them agrees with this module, so this stays the one place
where the base is defined.

Limits: rdflib 7.6 ships ``WGS`` with an ``https`` scheme, which is not the W3C WGS84
namespace; ``GEO`` below is the real one. SEM (Simple Event Model) has no rdflib constant.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SH, SKOS, TIME, XSD

BASE = "https://kg.example.org/"

KG = Namespace(BASE + "ontology#")  # classes and properties
ID = Namespace(BASE + "id/")  # entities, events, claims, propositions
STANCE = Namespace(BASE + "stance/")  # SKOS scheme of stances (with CAMEO codes)
STATUS = Namespace(BASE + "status/")  # SKOS scheme of verification statuses
CAMP = Namespace(BASE + "camp/")  # SKOS scheme of camps ("according to" viewpoints)
SHAPES = Namespace(BASE + "shapes#")  # SHACL shapes

SCHEMA = Namespace("http://schema.org/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
GEO = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
GEOSPARQL = Namespace("http://www.opengis.net/ont/geosparql#")
WD = Namespace("http://www.wikidata.org/entity/")

# Prefix -> namespace, used to bind prefixes on every graph we build or serialize.
PREFIXES: dict[str, Namespace] = {
    "": ID,
    "kg": KG,
    "st": STANCE,
    "vs": STATUS,
    "camp": CAMP,
    "shapes": SHAPES,
    "schema": SCHEMA,
    "sem": SEM,
    "geo": GEO,
    "geosparql": GEOSPARQL,
    "wd": WD,
    "prov": PROV,
    "org": ORG,
    "skos": SKOS,
    "time": TIME,
    "dcterms": DCTERMS,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "sh": SH,
}

__all__ = [
    "BASE", "KG", "ID", "STANCE", "STATUS", "CAMP", "SHAPES", "SCHEMA", "SEM", "GEO", "GEOSPARQL", "WD",
    "PROV", "ORG", "SKOS", "TIME", "DCTERMS", "RDF", "RDFS", "OWL", "XSD", "SH", "PREFIXES",
]
