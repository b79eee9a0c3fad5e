"""Network questions SPARQL answers badly: centrality, shortest connections, ego networks.

All functions take the projection from ``kg.network.to_networkx`` and return plain data; the
CLI prints it. Paths and neighbourhoods ignore edge direction (an accusation connects accuser and
accused either way) and report each step with its direction, relation, kind and claimant.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import networkx as nx

from kg.errors import KgError

ACTOR_KINDS = {"person", "organisation", "armed group", "state", "media outlet", "unnamed actor"}


def find_node(net: nx.MultiDiGraph, name: str) -> str:
    """The node whose label (or alternative label) is ``name``, ignoring case; else a unique partial match."""
    wanted = name.strip().lower()
    def names(data):
        return [data["label"].lower()] + [a.lower() for a in data.get("alt_labels", "").split("; ") if a]
    exact = [n for n, d in net.nodes(data=True) if wanted in names(d)]
    if len(exact) == 1:
        return exact[0]
    partial = [n for n, d in net.nodes(data=True) if any(wanted in x for x in names(d))]
    if len(partial) == 1:
        return partial[0]
    if partial:
        options = sorted(net.nodes[n]["label"] for n in partial)
        raise KgError(f"{name!r} matches {len(partial)} nodes: {', '.join(options[:8])}; be more specific")
    close = difflib.get_close_matches(name, [d["label"] for _, d in net.nodes(data=True)], n=3, cutoff=0.4)
    hint = f"; did you mean {' or '.join(close)}?" if close else ""
    raise KgError(f"no node is called {name!r}{hint}")


def stats(net: nx.MultiDiGraph, top: int = 10,
          claims: list[dict[str, str]] | None = None) -> dict[str, list[tuple[str, object]]]:
    """Counts by node kind and by relation, top actors by degree and betweenness, claims per claimant.

    ``claims`` (from ``kg.network.claim_list``) adds the count of every claim per claimant,
    including those whose object is a text (characterisations, aims) and so draw no edge.
    """
    def counted(values):
        counts: dict[str, int] = {}
        for value in values:
            counts[value] = counts.get(value, 0) + 1
        return sorted(counts.items(), key=lambda item: (-item[1], item[0]))

    simple = nx.Graph(net.to_undirected())
    betweenness = nx.betweenness_centrality(simple)
    actors = [n for n, d in net.nodes(data=True) if d["kind"] in ACTOR_KINDS]
    label = lambda n: net.nodes[n]["label"]  # noqa: E731
    by_degree = sorted(actors, key=lambda n: (-net.degree(n), label(n)))[:top]
    by_betweenness = sorted(actors, key=lambda n: (-betweenness[n], label(n)))[:top]
    with_edges = {(d["claim"], d["claimant"]) for *_, d in net.edges(data=True) if d["kind"] != "fact"}
    labels = {node: data["label"] for node, data in net.nodes(data=True)}
    result = {
        "nodes by kind": counted(d["kind"] for _, d in net.nodes(data=True)),
        "edges by relation": counted(d["relation"] for *_, d in net.edges(data=True)),
        "edges by kind": counted(d["kind"] for *_, d in net.edges(data=True)),
        "top actors by degree": [(label(n), net.degree(n)) for n in by_degree],
        "top actors by betweenness": [(label(n), round(betweenness[n], 4)) for n in by_betweenness],
        "claims with an edge, per claimant": counted(claimant for _, claimant in with_edges),
    }
    if claims is not None:
        result["claims per claimant"] = counted(labels.get(c["claimant"], c["claimant"]) for c in claims)
    return result


@dataclass(frozen=True)
class Step:
    source: str
    target: str
    relation: str
    forward: bool  # True: source -[relation]-> target as stated; False: stated target -> source
    kind: str
    claimant: str

    def __str__(self) -> str:
        said = "" if self.kind == "fact" else f" [{self.kind}, according to {self.claimant}]"
        arrow = f"—{self.relation}→" if self.forward else f"←{self.relation}—"
        return f"{arrow} {self.target}{said}"


def paths(net: nx.MultiDiGraph, start: str, end: str, limit: int = 5) -> list[list[Step]]:
    """Up to ``limit`` shortest connections between the nodes named ``start`` and ``end``."""
    a, b = find_node(net, start), find_node(net, end)
    simple = nx.Graph(net.to_undirected())
    try:
        node_paths = list(_limited(nx.all_shortest_paths(simple, a, b), limit))
    except nx.NetworkXNoPath:
        return []
    found = []
    for nodes in node_paths:
        steps = []
        for u, v in zip(nodes, nodes[1:]):
            edges = [(True, d) for d in (net.get_edge_data(u, v) or {}).values()] + \
                    [(False, d) for d in (net.get_edge_data(v, u) or {}).values()]
            forward, data = sorted(edges, key=lambda e: (e[1]["kind"] != "fact", not e[0], e[1]["relation"]))[0]
            steps.append(Step(net.nodes[u]["label"], net.nodes[v]["label"], data["relation"], forward,
                              data["kind"], data["claimant"]))
        found.append(steps)
    return found


def _limited(iterator, limit):
    for i, item in enumerate(iterator):
        if i >= limit:
            return
        yield item


def format_path(steps: list[Step]) -> str:
    """'Dmitry Medvedev —disputes→ Ukraine ←...' on one line."""
    return steps[0].source + " " + " ".join(str(step) for step in steps) if steps else ""


def neighbors(net: nx.MultiDiGraph, name: str, depth: int = 1) -> nx.MultiDiGraph:
    """The ego network of the node named ``name``: every node within ``depth`` steps, and their edges."""
    if depth < 1:
        raise KgError("depth must be at least 1")
    center = find_node(net, name)
    reach = nx.single_source_shortest_path_length(net.to_undirected(as_view=True), center, cutoff=depth)
    return net.subgraph(reach).copy()
