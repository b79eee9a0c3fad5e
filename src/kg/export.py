"""Exports to other graph tools: one registry, ``EXPORTERS``, read by the CLI and the tests.

RDF formats are lossless (the whole graph: ontology, data and derived labels):

- ``turtle``, ``nt``, ``rdfxml``; ``json-ld`` with its context embedded (our prefixes; never a
  remote context).

Network formats carry the projection of ``kg.network.to_networkx`` (entities as nodes, one edge
per claim or fact with its provenance as attributes), flattened as that module states:

- ``graphml`` (Gephi, yEd, Cytoscape, igraph): networkx's writer; every attribute has one type.
- ``gexf`` (Gephi), GEXF 1.3, valid against the official XSD: networkx writes it, then we fix the
  two things its 1.3 output gets wrong (the xsi namespace, an empty ``name`` on ``<graph>``).
- ``cyjs`` (Cytoscape): ``nx.cytoscape_data`` with the label as display name.
- ``dot`` (Graphviz): through pydot; nodes get short ids (``n0``...), the IRI is an attribute.
- ``neo4j``: a folder with ``nodes.csv`` and ``relationships.csv`` in ``neo4j-admin database
  import`` format (``iri:ID``, ``:LABEL``; ``:START_ID``, ``:END_ID``, ``:TYPE``).

Every export is written atomically: into a staging folder, then renamed into place.
"""

from __future__ import annotations

import csv
import json
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
from rdflib import Graph

from kg.errors import InputError, KgError
from kg.graph import data_paths
from kg.namespaces import PREFIXES
from kg.network import to_networkx
from kg.output import staged
from kg.progress import QUIET, Progress
from kg.store import OxigraphStore, RdflibStore, Store

PathLike = str | os.PathLike[str]


@dataclass(frozen=True)
class Exporter:
    name: str
    suffix: str  # file suffix, or "/" for a folder
    tool: str  # what opens it
    write: Callable[[Graph, nx.MultiDiGraph, Path], None]


def _rdf(fmt: str, **options) -> Callable[[Graph, nx.MultiDiGraph, Path], None]:
    def write(graph: Graph | Store, net: nx.MultiDiGraph, path: Path) -> None:
        if isinstance(graph, OxigraphStore):  # Oxigraph's own writers: ~50x faster than rdflib's at 10^6
            prefixes = {p: str(ns) for p, ns in PREFIXES.items() if p} if fmt != "nt" else None
            graph.store.dump(str(path), OXIGRAPH_WRITERS[fmt], from_graph=ox.DefaultGraph(), prefixes=prefixes)
            return
        rdf = graph.graph if isinstance(graph, RdflibStore) else graph
        rdf.serialize(path, format=fmt, encoding="utf-8", **options)

    return write


OXIGRAPH_WRITERS = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "xml": ox.RdfFormat.RDF_XML,
                    "json-ld": ox.RdfFormat.JSON_LD}


def write_graphml(graph: Graph, net: nx.MultiDiGraph, path: Path) -> None:
    nx.write_graphml(net, path, encoding="utf-8", named_key_ids=True)


GEXF = "http://gexf.net/1.3"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NETWORKX_XSI = "http://w3.org/2001/XMLSchema-instance"


def write_gexf(graph: Graph, net: nx.MultiDiGraph, path: Path) -> None:
    from lxml import etree

    text = "\n".join(nx.generate_gexf(net, version="1.3"))
    # networkx declares xsi as "http://w3.org/...": mend it in the root's start tag, before parsing
    # (moving the parsed children under a new root instead costs minutes at 10^5 edges in lxml).
    head, end, rest = text.partition(">")
    root = etree.fromstring((head.replace(f'"{NETWORKX_XSI}"', f'"{XSI}"') + end + rest).encode("utf-8"))
    root.find(f"{{{GEXF}}}graph").attrib.pop("name", None)  # GEXF 1.3 has no name attribute on <graph>
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def write_cyjs(graph: Graph, net: nx.MultiDiGraph, path: Path) -> None:
    data = nx.cytoscape_data(net, name="label", ident="id")
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")


def write_dot(graph: Graph, net: nx.MultiDiGraph, path: Path) -> None:
    ids = {node: f"n{i}" for i, node in enumerate(net.nodes())}
    short = nx.relabel_nodes(net, ids, copy=True)
    for _, _, data in short.edges(data=True):
        data["label"] = data["relation"]
    dot = nx.nx_pydot.to_pydot(short)
    path.write_text(dot.to_string(), encoding="utf-8")


NODE_FIELDS = ["label", "kind", "type", "description", "camp"]
EDGE_FIELDS = ["relation", "kind", "claimant", "stance", "quote", "date", "status", "source_chain",
               "predicate", "claim"]


def _neo4j_label(text: str) -> str:
    return "".join(part.capitalize() for part in re.split(r"[^A-Za-z0-9]+", text) if part) or "Thing"


def _neo4j_type(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "_", text).strip("_").upper() or "RELATED_TO"


def write_neo4j(graph: Graph, net: nx.MultiDiGraph, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "nodes.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["iri:ID", *NODE_FIELDS, "unnamed:boolean", ":LABEL"])
        for node, data in net.nodes(data=True):
            labels = ["Entity", _neo4j_label(data["kind"])]
            writer.writerow([node, *(data[f] for f in NODE_FIELDS), str(data["unnamed"]).lower(), ";".join(labels)])
    with open(folder / "relationships.csv", "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow([":START_ID", ":END_ID", ":TYPE", *EDGE_FIELDS])
        for source, target, data in net.edges(data=True):
            writer.writerow([source, target, _neo4j_type(data["relation"]), *(data[f] for f in EDGE_FIELDS)])


EXPORTERS: dict[str, Exporter] = {e.name: e for e in [
    Exporter("turtle", ".ttl", "any RDF tool or triple store", _rdf("turtle")),
    Exporter("nt", ".nt", "any RDF tool or triple store (bulk loaders)", _rdf("nt")),
    Exporter("rdfxml", ".rdf", "RDF/XML tools (Protégé, older stores)", _rdf("xml")),
    Exporter("json-ld", ".jsonld", "JSON-LD processors", _rdf(
        "json-ld", context={p: str(ns) for p, ns in PREFIXES.items() if p}, auto_compact=True)),
    Exporter("graphml", ".graphml", "Gephi, yEd, Cytoscape, igraph", write_graphml),
    Exporter("gexf", ".gexf", "Gephi", write_gexf),
    Exporter("cyjs", ".cyjs", "Cytoscape", write_cyjs),
    Exporter("dot", ".dot", "Graphviz", write_dot),
    Exporter("neo4j", "/", "Neo4j (neo4j-admin database import)", write_neo4j),
]}


RDF_FORMATS = ("turtle", "nt", "rdfxml", "json-ld")


def output_stem(data: Sequence[PathLike] | PathLike | None = None) -> str:
    """The name outputs take: the data file's own name (``synth.nt`` gives ``synth.ttl``,
    ``synth.gexf``, ...; the default data gives ``belgorod``), ``graph`` for several files."""
    paths = data_paths(data)
    return paths[0].stem if len(paths) == 1 else "graph"


def destination(data: Sequence[PathLike] | PathLike | None, fmt: str, dest: PathLike | None = None,
                folder: PathLike = "out") -> Path:
    """Where the ``fmt`` output (a key of ``EXPORTERS``, or ``"html"`` for the explorer) of ``data``
    goes: ``dest``, else ``folder/NAME.<suffix>``. ``InputError`` when that is one of the data
    files: writing it would lose the input."""
    stem = output_stem(data)
    path = Path(dest) if dest is not None else Path(folder) / (f"{stem}.html" if fmt == "html" else default_name(fmt, stem))
    if path.resolve() in {input_path.resolve() for input_path in data_paths(data)}:
        raise InputError(path, "is an input file and would be overwritten; write elsewhere (--out)")
    return path


def default_name(fmt: str, stem: str = "belgorod") -> str:
    exporter = EXPORTERS[fmt]
    return f"{stem}-neo4j" if exporter.suffix == "/" else f"{stem}{exporter.suffix}"


def export(graph: Graph, fmt: str, dest: PathLike, net: nx.MultiDiGraph | None = None) -> Path:
    """Write ``graph`` as ``fmt`` (a key of ``EXPORTERS``) to ``dest``, atomically; returns ``dest``.

    ``net`` is the projection to use for network formats (computed when not given).
    """
    if fmt not in EXPORTERS:
        raise KgError(f"unknown export format {fmt!r}; valid formats: {', '.join(EXPORTERS)}")
    exporter = EXPORTERS[fmt]
    dest = Path(dest)
    if dest.exists() and dest.is_dir() != (exporter.suffix == "/"):
        raise KgError(f"{dest}: exists and is {'a folder' if dest.is_dir() else 'a file'}; "
                      f"the {fmt} export is {'a folder' if exporter.suffix == '/' else 'a file'}")
    if net is None:
        net = nx.MultiDiGraph() if fmt in RDF_FORMATS else to_networkx(graph)
    with staged(dest.parent) as stage:
        exporter.write(graph, net, stage / dest.name)
    return dest


def export_all(graph: Graph | Store, folder: PathLike, stem: str = "belgorod", net: nx.MultiDiGraph | None = None,
               progress: Progress = QUIET) -> list[Path]:
    """Every registered export into ``folder``; the projection (``net``) is computed once if not given."""
    net = to_networkx(graph) if net is None else net
    written = []
    with progress.step("Writing the exports", total=len(EXPORTERS)) as advance:
        for fmt in EXPORTERS:
            written.append(export(graph, fmt, Path(folder) / default_name(fmt, stem), net))
            advance(1)
    return written
