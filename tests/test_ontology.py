"""The ontology: documented terms, alignments to standard vocabularies, and one set of prefixes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib import namespace as rdflib_ns


import kg.graph
from kg.namespaces import BASE, GEO, KG, PREFIXES, SCHEMA, SEM

ROOT = Path(__file__).resolve().parents[1]
TURTLE_FILES = sorted(ROOT.glob("ontology/*.ttl")) + sorted(ROOT.glob("data/*.ttl")) + sorted(ROOT.glob("tests/fixtures/**/*.ttl"))

# rdflib's closed namespaces are classes; kept out of module scope so pytest does not inspect them.
OWL, RDF, RDFS, SKOS = rdflib_ns.OWL, rdflib_ns.RDF, rdflib_ns.RDFS, rdflib_ns.SKOS


def closed_vocabularies():
    """Vocabularies rdflib ships closed term lists for: any term we mention must be in them."""
    n = rdflib_ns
    pairs = [(SCHEMA, n.SDO), (n.PROV, n.PROV), (n.ORG, n.ORG), (n.SKOS, n.SKOS), (n.TIME, n.TIME),
             (n.DCTERMS, n.DCTERMS), (n.RDF, n.RDF), (n.RDFS, n.RDFS), (n.OWL, n.OWL), (n.XSD, n.XSD),
             (n.SH, n.SH), (n.GEO, n.GEO)]
    return {str(ours): vocabulary for ours, vocabulary in pairs}


@pytest.fixture(scope="module")
def ontology():
    return kg.graph.load_ontology()


def ours(graph, kind):
    return sorted(s for s in graph.subjects(RDF.type, kind) if isinstance(s, URIRef) and s.startswith(KG))


def test_every_class_has_label_comment_and_reaches_a_standard_vocabulary(ontology):
    classes = ours(ontology, OWL.Class)
    assert len(classes) >= 30
    for cls in classes:
        assert ontology.value(cls, RDFS.label), cls
        assert ontology.value(cls, RDFS.comment), cls
        ancestors = set(ontology.transitive_objects(cls, RDFS.subClassOf)) - {cls}
        assert any(not a.startswith(KG) for a in ancestors), f"{cls} is not aligned to any standard class"


def test_every_property_has_label_comment_domain_and_range(ontology):
    props = ours(ontology, OWL.ObjectProperty) + ours(ontology, OWL.DatatypeProperty)
    assert len(props) >= 80
    for prop in props:
        for attribute in (RDFS.label, RDFS.comment, RDFS.domain, RDFS.range):
            assert ontology.value(prop, attribute) is not None, f"{prop} lacks {attribute}"


def test_most_properties_are_aligned_to_a_standard_property(ontology):
    props = ours(ontology, OWL.ObjectProperty) + ours(ontology, OWL.DatatypeProperty)
    aligned = [p for p in props
               if any(not a.startswith(KG) for a in set(ontology.transitive_objects(p, RDFS.subPropertyOf)) - {p})]
    unaligned = sorted(p.removeprefix(str(KG)) for p in set(props) - set(aligned))
    # Speech acts and a few article-specific relations have no standard counterpart.
    assert unaligned == ["accuses", "affectedGroup", "aim", "attributesTo", "casualties", "cites",
                         "claimsResponsibilityFor", "denies", "diedDuring", "disputes", "distance", "eastOf",
                         "expels", "fightsAgainst", "monitors", "opposes", "pushedBack", "quotes", "raisedAlarmWith",
                         "vowsResponseTo"]


def test_every_standard_term_we_mention_exists_in_its_vocabulary(ontology):
    mentioned = {t for triple in ontology for t in triple if isinstance(t, URIRef)}
    for term in mentioned:
        for ns, vocabulary in closed_vocabularies().items():
            local = term.removeprefix(ns)
            if term.startswith(ns) and local:
                assert URIRef(str(vocabulary) + local) in vocabulary, f"{term} is not a term of {ns}"


def test_sem_and_geo_terms_we_mention_are_declared_in_imports(ontology):
    imports = kg.graph.parse_into(kg.graph.new_graph(), ROOT / "ontology" / "imports.ttl")
    declared = set(imports.subjects(RDFS.isDefinedBy, None))
    mentioned = {t for triple in ontology for t in triple if isinstance(t, URIRef)}
    for term in mentioned:
        if term.startswith((str(SEM), str(GEO))) and term not in (URIRef(str(SEM)), URIRef(str(GEO))):
            assert term in declared, f"{term} is used but not declared in ontology/imports.ttl"


def test_stances_carry_their_cameo_codes(ontology):
    rows = ontology.query("""
        SELECT ?label ?code WHERE { ?s skos:inScheme st:scheme ; skos:prefLabel ?label ; kg:cameoCode ?code }""",
        initNs={"skos": SKOS, "kg": KG, "st": PREFIXES["st"]})
    codes = {str(label): str(code) for label, code in rows}
    assert codes["assert"] == "010"
    assert codes["claim responsibility"] == "015"
    assert codes["deny"] == "016"
    assert codes["accuse"] == "112"
    assert codes["neither confirm nor deny"] == "011"
    assert len(codes) == 11


def test_verification_statuses(ontology):
    rows = ontology.query("SELECT ?l WHERE { ?s skos:inScheme vs:scheme ; skos:prefLabel ?l }",
                          initNs={"skos": SKOS, "vs": PREFIXES["vs"]})
    assert sorted(str(r[0]) for r in rows) == [
        "confirmed by another source", "independently verified", "not possible to verify",
        "reportedly", "stated by the outlet", "unverified"]


@pytest.mark.parametrize("path", TURTLE_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_turtle_prefixes_agree_with_namespaces_module(path):
    declared = dict(re.findall(r"^@prefix\s+([\w-]*):\s*<([^>]*)>", path.read_text(encoding="utf-8"), re.M))
    assert declared, f"{path} declares no prefixes"
    for prefix, iri in declared.items():
        if prefix in PREFIXES:
            assert iri == str(PREFIXES[prefix]), f"{path}: @prefix {prefix}: <{iri}> differs from kg.namespaces"
        assert not iri.startswith(BASE) or iri in {str(ns) for ns in PREFIXES.values()}, \
            f"{path}: <{iri}> is under our base but not defined in kg.namespaces"


def test_rdflib_wgs_constant_is_not_used():
    # rdflib 7.6's WGS has an https scheme; the W3C namespace is http.
    assert str(GEO) == "http://www.w3.org/2003/01/geo/wgs84_pos#"
    source = "\n".join(p.read_text() for p in (ROOT / "src" / "kg").rglob("*.py"))
    assert "import WGS" not in source and "namespace.WGS" not in source


def test_defined_namespace_check_catches_a_typo():
    sdo = rdflib_ns.SDO
    assert URIRef(str(sdo) + "Claim") in sdo
    assert URIRef(str(sdo) + "Claimm") not in sdo
