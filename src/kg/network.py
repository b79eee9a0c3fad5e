"""Project the RDF graph onto a networkx ``MultiDiGraph`` of entities and provenance-laden edges.

Nodes are the entities (actors, places, events, platforms, casualty figures, distances), keyed by
IRI. Edges come from claims (``kg/projection/edges.rq``): one edge per claim whose proposition
links two entities, plus one per speech act (``kg:accuses``...). Edge keys are
``<predicate IRI> <claim IRI>``, so parallel relations and several claimants of one relation all
survive.

Flattening rules (so every exporter and the HTML view can take the attributes as they are):

- every attribute value is a ``str``, ``int`` or ``bool``; never ``None`` (absent means unknown);
- a multi-valued attribute is one string, its values sorted and joined with ``"; "``;
- one type per attribute name across the whole graph (e.g. ``unnamed`` is always a bool);
- node ``alt_labels`` holds the alternative names ("RVC"), joined as above;
- node ``kind`` is the legend group (person, organisation, state, place, event, media outlet,
  unnamed actor, figure); ``type`` is the most specific class label;
- edge ``kind`` is ``fact`` (stated by the outlet), ``speech act``, ``claim``, ``contested``
  (asserted here, denied by someone) or ``denial``.

No I/O: it reads the graph (or store) it is given. The projection queries run on Oxigraph: on
this join rdflib's engine takes minutes, Oxigraph about 0.1 s (a Graph is copied into an in-memory
Oxigraph store first; pass a ``Store`` to reuse one).
"""

from __future__ import annotations

import networkx as nx
from rdflib import Graph, Literal

from kg.sparql import inspect_query, query_text
from kg.store import OxigraphStore, RdflibStore, Store

NODE_KINDS = ("person", "organisation", "armed group", "state", "place", "event", "media outlet",
              "unnamed actor", "platform", "figure")
EDGE_KINDS = ("fact", "speech act", "claim", "contested", "denial")

_KIND_OF_TYPE = {
    "person": "person", "group of people": "unnamed actor", "organisation": "organisation",
    "armed group": "armed group", "state body": "organisation", "intergovernmental organisation": "organisation",
    "research organisation": "media outlet", "media outlet": "media outlet", "state": "state",
    "region": "place", "settlement": "place", "place": "place", "platform": "platform",
    "casualty count": "figure", "distance": "figure",
}


def _query(name: str) -> str:
    return query_text("kg.projection", name)


def _value(term) -> str | bool | int:
    if isinstance(term, Literal):
        value = term.toPython()
        return value if isinstance(value, (bool, int)) else str(term)
    return str(term)


def _projection_store(source: Graph | Store) -> Store:
    """Oxigraph for the projection queries: a Graph or an in-process rdflib store is copied into one
    (rdflib's engine needs minutes on edges.rq); a remote or Oxigraph store is used as it is."""
    if isinstance(source, Graph):
        return OxigraphStore(source)
    if type(source) is RdflibStore:
        return OxigraphStore(source.graph)
    return source


def _rows(store: Store, name: str) -> list[dict[str, object]]:
    answer = store.run(inspect_query(_query(name), name), {})
    return [{var: value for var, value in zip(answer.vars, row) if value is not None} for row in answer.rows]


def to_networkx(graph: Graph | Store) -> nx.MultiDiGraph:
    """The entity network of ``graph`` (see the module docstring for the attributes).

    >>> import kg
    >>> net = to_networkx(kg.load())
    >>> net.nodes["https://kg.example.org/id/DmitryMedvedev"]["label"]
    'Dmitry Medvedev'
    """
    store = _projection_store(graph)
    net = nx.MultiDiGraph()
    for row in _rows(store, "nodes.rq"):
        iri = str(row["node"])
        alt = str(row.get("alt", ""))
        if iri in net:  # one row per alternative label and per most specific class: join them
            node = net.nodes[iri]
            for name, value in (("alt_labels", alt), ("type", str(row["type"]))):
                known = {v for v in node[name].split("; ") if v}
                node[name] = "; ".join(sorted(known | {value} - {""}))
            continue
        unnamed = bool(row["unnamed"].toPython())
        net.add_node(iri, iri=iri, label=str(row["label"]), alt_labels=alt, type=str(row["type"]),
                     kind="unnamed actor" if unnamed else _KIND_OF_TYPE.get(str(row["type"]), "event"),
                     description=str(row.get("description", "")), camp=str(row.get("camp", "")), unnamed=unnamed)
    for row in _rows(store, "edges.rq"):
        source, target = str(row["source"]), str(row["target"])
        if source not in net or target not in net:
            continue
        values = {var: _value(value) for var, value in row.items()}
        key = f"{values['predicate']} {values['claim']}"
        data = net.get_edge_data(source, target, key)
        attributes = {
            "predicate": values["predicate"], "relation": values["relation"], "kind": values["kind"],
            "claim": values["claim"], "claimant": values["claimantLabel"], "claimant_iri": values["claimant"],
            "camp": values.get("camp", ""), "stance": values["stance"], "quote": values["quote"],
            "date": values["date"], "date_wording": values["dateWording"], "status": values["status"],
            "source_chain": source_chain(values),
        }
        if data is not None:  # several rows for one claim (e.g. two vias): join, keep one type
            for name, value in attributes.items():
                if value != data[name]:
                    data[name] = "; ".join(sorted(set(str(data[name]).split("; ")) | {str(value)}))
            continue
        net.add_edge(source, target, key=key, **attributes)
    return net


def claim_list(graph: Graph | Store) -> list[dict[str, str]]:
    """Every claim as a flat dict of strings: claim, claimant (IRI), stance, proposition, quote,
    date, status and source_chain (for lists and side panels)."""
    store = _projection_store(graph)
    claims = []
    for row in _rows(store, "claims.rq"):
        values = {var: _value(value) for var, value in row.items()}
        claims.append({"claim": values["claim"], "claimant": values["claimant"], "stance": values["stance"],
                       "proposition": values["proposition"], "quote": values["quote"], "date": values["date"],
                       "status": values["status"], "source_chain": source_chain(values)})
    return claims


def source_chain(values: dict[str, object]) -> str:
    """The path a claim took to the reader, e.g. 'Al Jazeera ← RIA Novosti (as quoted by ...) ← Dmitry Peskov'."""
    links = [str(values["publisher"])]
    if "via" in values:
        wording = f" ({values['viaWording']})" if "viaWording" in values else ""
        links.append(f"{values['via']}{wording}")
    speaker = str(values["claimantLabel"])
    if "channel" in values:
        speaker += f" on {values['channel']}"
    if "citing" in values:
        speaker += f", citing {values['citing']}"
    if speaker != links[0]:
        links.append(speaker)
    return " ← ".join(links)


def degree_centrality_sizes(net: nx.MultiDiGraph, smallest: int = 10, largest: int = 40) -> dict[str, int]:
    """A node size per node, growing with its degree (for drawing)."""
    degrees = dict(net.degree())
    top = max(degrees.values(), default=1) or 1
    return {node: round(smallest + (largest - smallest) * (degree / top) ** 0.5) for node, degree in degrees.items()}


__all__ = ["to_networkx", "claim_list", "source_chain", "degree_centrality_sizes", "NODE_KINDS", "EDGE_KINDS"]
