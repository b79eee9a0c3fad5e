"""Render the entity network as one self-contained, offline HTML explorer (vis-network via pyvis).

pyvis builds the vis-network node and edge data (``Network.add_node``/``add_edge``/
``get_network_data``) and ships vis-network 9.1.2, which we inline. The page itself is ours
(``kg/templates/explorer.html``): pyvis 0.3.2's templates load Bootstrap from a CDN, do not
escape, and throw on empty-canvas clicks.

Safety: every label, description and quote travels as JSON inside a
``<script type="application/json">`` block (with ``<``, ``>`` and ``&`` escaped), and the page
puts text on screen only through ``textContent``; tooltips are DOM elements, not HTML strings.
A Content-Security-Policy forbids every network request.

Large graphs: above ``LARGE`` nodes the layout is computed here (igraph's grid
Fruchterman-Reingold) and physics is off; below it vis-network's forceAtlas2 solver runs 200
iterations and stops.
"""

from __future__ import annotations

import html
import json
import re
from importlib import resources

import networkx as nx
from pyvis.network import Network
from rdflib import Graph

from kg.network import EDGE_KINDS, degree_centrality_sizes, to_networkx
from kg.store import Store

LARGE = 1000
TITLE = "Belgorod raid, May 2023: who says what"  # the default page title

NODE_STYLES = {
    "person": {"color": "#4e79a7", "shape": "dot"},
    "unnamed actor": {"color": "#bab0ac", "shape": "dot"},
    "organisation": {"color": "#f28e2b", "shape": "square"},
    "armed group": {"color": "#e15759", "shape": "triangle"},
    "state": {"color": "#76b7b2", "shape": "diamond"},
    "media outlet": {"color": "#b07aa1", "shape": "square"},
    "platform": {"color": "#9c755f", "shape": "square"},
    "place": {"color": "#59a14f", "shape": "triangleDown"},
    "event": {"color": "#edc948", "shape": "hexagon"},
    "figure": {"color": "#ff9da7", "shape": "dot"},
}
EDGE_STYLES = {
    "fact": {"color": "#8c8c8c", "dashes": False, "width": 1.5},
    "speech act": {"color": "#6a51a3", "dashes": False, "width": 2},
    "claim": {"color": "#2b7bba", "dashes": [6, 4], "width": 1.5},
    "contested": {"color": "#d62728", "dashes": [10, 5], "width": 3},
    "denial": {"color": "#ff7f0e", "dashes": [2, 4], "width": 2.5},
}
assert set(EDGE_STYLES) == set(EDGE_KINDS)


def explorer_data(net: nx.MultiDiGraph, claims: list[dict[str, str]], title: str) -> dict:
    """The JSON the page reads: vis-network nodes and edges (built by pyvis), styles, filters."""
    large = net.number_of_nodes() > LARGE
    sizes = degree_centrality_sizes(net)
    positions = layout(net) if large else {}
    vis = Network(directed=True)
    for node, attributes in net.nodes(data=True):
        extra = {"x": positions[node][0], "y": positions[node][1]} if large else {}
        vis.add_node(node, label=attributes["label"], size=sizes[node],
                     **{k: v for k, v in attributes.items() if k != "label"}, **extra)
    for source, target, key, attributes in net.edges(keys=True, data=True):
        vis.add_edge(source, target, id=key, **attributes)
    nodes, edges, *_ = vis.get_network_data()
    for node in nodes:  # pyvis adds its own display defaults; the page sets shape, colour and tooltip
        for field in ("shape", "color", "title", "font"):
            node.pop(field, None)
    claimants = sorted({(e["claimant_iri"], e["claimant"]) for e in edges}, key=lambda pair: pair[1].lower())
    return {
        "title": title, "large": large, "nodes": nodes, "edges": edges, "claims": claims,
        "nodeStyles": NODE_STYLES, "edgeStyles": EDGE_STYLES,
        "relations": sorted({e["relation"] for e in edges}),
        "camps": sorted({e["camp"] for e in edges if e["camp"]}),
        "claimants": [{"iri": iri, "label": label} for iri, label in claimants],
    }


def layout(net: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Positions for a large graph: igraph's grid Fruchterman-Reingold (0.3 s at 20,000 nodes)."""
    import igraph

    order = list(net.nodes())
    index = {node: i for i, node in enumerate(order)}
    simple = igraph.Graph(n=len(order), edges={(index[u], index[v]) for u, v in net.edges()}, directed=False)
    coords = simple.layout_fruchterman_reingold(niter=150, grid=True)
    scale = 12.0 * max(1.0, len(order) ** 0.5)
    xs, ys = [c[0] for c in coords], [c[1] for c in coords]
    span = max(max(xs) - min(xs), max(ys) - min(ys), 1e-9)
    return {node: (round((x - min(xs)) / span * scale, 1), round((y - min(ys)) / span * scale, 1))
            for node, (x, y) in zip(order, coords)}


def _script_json(data: dict) -> str:
    """JSON safe inside a <script> element: no '<', '>' or '&' can close or open a tag."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _asset(package: str, name: str) -> str:
    return resources.files(package).joinpath(name).read_text(encoding="utf-8")


def page(data: dict) -> str:
    """The explorer page for ``data`` (see ``explorer_data``), with vis-network inlined."""
    values = {
        "TITLE": html.escape(data["title"]),
        "DATA": _script_json(data),
        "VIS_CSS": _asset("pyvis", "lib/vis-9.1.2/vis-network.css"),
        "VIS_JS": _asset("pyvis", "lib/vis-9.1.2/vis-network.min.js").replace("</script", "<\\/script"),
    }
    template = _asset("kg", "templates/explorer.html")
    # One pass over the template only: inserted text is never scanned for markers again.
    return re.sub(r"__KG_([A-Z_]+)__", lambda m: values[m.group(1)], template)


def render_html(graph: Graph | Store | nx.MultiDiGraph, title: str = TITLE,
                claims: list[dict[str, str]] | None = None) -> str:
    """The explorer for ``graph`` (an RDF graph, a store, or an already projected network).

    ``claims`` (for the side panel) default to every claim in the graph; pass them with a
    projected network.
    """
    if isinstance(graph, nx.MultiDiGraph):
        return page(explorer_data(graph, claims or [], title))
    from kg.network import claim_list

    return page(explorer_data(to_networkx(graph), claim_list(graph) if claims is None else claims, title))


def inline_frame(page_html: str, height: int = 720) -> str:
    """An ``<iframe srcdoc>`` holding a whole explorer page, for notebooks (its scripts stay inside)."""
    return (f'<iframe srcdoc="{html.escape(page_html, quote=True)}" style="width: 100%; height: {height}px; '
            'border: 1px solid #ddd" sandbox="allow-scripts"></iframe>')
