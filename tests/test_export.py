"""Every registered export, written and read back by an independent reader, on the Belgorod graph
and on a fixture of awkward values (quotes, <&>, newlines, Cyrillic, long text, two types, parallel edges)."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from pathlib import Path

import igraph
import networkx as nx
import pyoxigraph as ox
import pytest
from lxml import etree
from rdflib import Graph
from rdflib.compare import isomorphic

import kg
from kg.errors import InputError, KgError
from kg.export import EXPORTERS, default_name, export

FIXTURES = Path(__file__).resolve().parent / "fixtures"
GEXF_XSD = Path(__file__).resolve().parents[2] / "shared" / "schemas" / "gexf-1.3" / "gexf.xsd"
RDF = {"turtle": ("turtle", ox.RdfFormat.TURTLE), "nt": ("nt", ox.RdfFormat.N_TRIPLES),
       "rdfxml": ("xml", ox.RdfFormat.RDF_XML), "json-ld": ("json-ld", ox.RdfFormat.JSON_LD)}


@pytest.fixture(scope="module", params=["belgorod", "hostile"])
def case(request, graph):
    source = graph if request.param == "belgorod" else kg.load(FIXTURES / "hostile-network.ttl")
    return request.param, source, kg.to_networkx(source)


def test_registry_covers_the_formats_users_need():
    assert list(EXPORTERS) == ["turtle", "nt", "rdfxml", "json-ld", "graphml", "gexf", "cyjs", "dot", "neo4j"]


@pytest.mark.parametrize("fmt", list(EXPORTERS))
def test_round_trip(fmt, case, tmp_path):
    name, graph, net = case
    path = export(graph, fmt, tmp_path / default_name(fmt), net)
    assert path.exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")], "a staging file was left behind"
    READERS[fmt](path, graph, net)


def read_rdf(fmt):
    def read(path, graph, net):
        rdflib_name, ox_format = RDF[fmt]
        back = Graph().parse(path, format=rdflib_name)
        assert len(back) == len(graph)
        assert isomorphic(back, graph)
        assert len(list(ox.parse(path=str(path), format=ox_format))) == len(graph)
        if fmt == "json-ld":
            context = json.loads(path.read_text(encoding="utf-8"))["@context"]
            assert isinstance(context, dict) and context["kg"] == "https://kg.example.org/ontology#"
    return read


def read_graphml(path, graph, net):
    back = nx.read_graphml(path)
    assert (back.number_of_nodes(), back.number_of_edges()) == (net.number_of_nodes(), net.number_of_edges())
    assert {d["label"] for _, d in back.nodes(data=True)} == {d["label"] for _, d in net.nodes(data=True)}
    other = igraph.Graph.Read_GraphML(str(path))
    assert (other.vcount(), other.ecount()) == (net.number_of_nodes(), net.number_of_edges())
    assert sorted(other.vs["label"]) == sorted(d["label"] for _, d in net.nodes(data=True))


def read_gexf(path, graph, net):
    schema = etree.XMLSchema(etree.parse(str(GEXF_XSD)))
    assert schema.validate(etree.parse(str(path))), schema.error_log.last_error
    back = nx.read_gexf(path)
    assert (back.number_of_nodes(), back.number_of_edges()) == (net.number_of_nodes(), net.number_of_edges())
    assert sorted(d["label"] for _, d in back.nodes(data=True)) == sorted(d["label"] for _, d in net.nodes(data=True))


def read_cyjs(path, graph, net):
    data = json.loads(path.read_text(encoding="utf-8"))
    back = nx.cytoscape_graph(data, name="label", ident="id")
    assert (back.number_of_nodes(), back.number_of_edges()) == (net.number_of_nodes(), net.number_of_edges())
    assert {n["data"]["name"] for n in data["elements"]["nodes"]} == {d["label"] for _, d in net.nodes(data=True)}


def read_dot(path, graph, net):
    dot = shutil.which("dot")
    if dot is None:
        pytest.fail("Graphviz is missing: scripts/setup --test installs Debian's graphviz")
    rendered = json.loads(subprocess.run([dot, "-Tjson", str(path)], capture_output=True, text=True, check=True).stdout)
    assert len(rendered["objects"]) == net.number_of_nodes()
    assert len(rendered.get("edges", [])) == net.number_of_edges()
    assert sorted(o["label"] for o in rendered["objects"]) == sorted(d["label"] for _, d in net.nodes(data=True))


def read_neo4j(folder, graph, net):
    with open(folder / "nodes.csv", encoding="utf-8", newline="") as handle:
        nodes = list(csv.reader(handle))
    with open(folder / "relationships.csv", encoding="utf-8", newline="") as handle:
        relationships = list(csv.reader(handle))
    assert nodes[0][0] == "iri:ID" and nodes[0][-1] == ":LABEL" and "unnamed:boolean" in nodes[0]
    assert relationships[0][:3] == [":START_ID", ":END_ID", ":TYPE"]
    ids = {row[0] for row in nodes[1:]}
    assert len(ids) == len(nodes) - 1 == net.number_of_nodes()
    assert len(relationships) - 1 == net.number_of_edges()
    for row in relationships[1:]:
        assert row[0] in ids and row[1] in ids
        assert row[2].replace("_", "").isalnum() and row[2].isupper()
    assert all(row[-1].startswith("Entity;") for row in nodes[1:])


READERS = {"turtle": read_rdf("turtle"), "nt": read_rdf("nt"), "rdfxml": read_rdf("rdfxml"),
           "json-ld": read_rdf("json-ld"), "graphml": read_graphml, "gexf": read_gexf, "cyjs": read_cyjs,
           "dot": read_dot, "neo4j": read_neo4j}


def test_every_exporter_has_a_reader():
    assert set(READERS) == set(EXPORTERS)


def test_unknown_format_lists_the_valid_ones(graph, tmp_path):
    with pytest.raises(KgError, match="unknown export format 'svg'; valid formats: turtle, nt, rdfxml"):
        export(graph, "svg", tmp_path / "x.svg")


def test_unwritable_path_is_a_clear_error_and_writes_nothing(graph, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(InputError, match="cannot write the output folder"):
        export(graph, "gexf", blocker / "out.gexf")
    assert blocker.read_text() == "not a folder"


def test_failed_export_leaves_no_partial_file(graph, tmp_path, monkeypatch):
    def broken(graph, net, path):
        path.write_text("half")
        raise RuntimeError("disk full")

    monkeypatch.setitem(EXPORTERS, "gexf", EXPORTERS["gexf"].__class__("gexf", ".gexf", "Gephi", broken))
    with pytest.raises(RuntimeError):
        export(graph, "gexf", tmp_path / "belgorod.gexf")
    assert list(tmp_path.iterdir()) == []


def test_multi_typed_node_and_parallel_edges_survive(tmp_path):
    net = kg.to_networkx(kg.load(FIXTURES / "hostile-network.ttl"))
    zelenskyy = net.nodes["https://kg.example.org/id/Zelenskyy"]
    assert zelenskyy["type"] == "organisation; person"
    assert len(net.get_edge_data("https://kg.example.org/id/Zelenskyy", "https://kg.example.org/id/Gladkov")) == 2
    assert {type(v) for _, d in net.nodes(data=True) for v in d.values()} <= {str, bool}


@pytest.mark.parametrize("fmt", list(RDF))
def test_rdf_exports_from_each_store_hold_the_same_graph(fmt, graph, tmp_path):
    """Oxigraph writes RDF itself (the big-graph path); an rdflib store goes through rdflib."""
    rdflib_name, ox_format = RDF[fmt]
    from kg.graph import load_store

    for kind in ("oxigraph", "rdflib"):
        path = export(load_store(store=kind), fmt, tmp_path / f"{kind}-{default_name(fmt)}")
        back = Graph().parse(path, format=rdflib_name)
        assert len(back) == len(graph) and isomorphic(back, graph), kind
    if fmt == "json-ld":  # Oxigraph writes expanded JSON-LD: no context at all, so nothing remote
        assert "@context" not in (tmp_path / f"oxigraph-{default_name(fmt)}").read_text(encoding="utf-8")
    if fmt == "turtle":
        assert "@prefix kg: <https://kg.example.org/ontology#>" in (
            tmp_path / f"oxigraph-{default_name(fmt)}").read_text(encoding="utf-8")
