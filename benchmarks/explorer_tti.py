"""Benchmark: time-to-interactive of the HTML explorer in headless Chromium at 1k/5k/20k nodes.

Run: .venv/bin/python benchmarks/explorer_tti.py [--sizes 1000 5000 20000] [--repeat 3] [--corpus F.nt]
Needs Debian's chromium (scripts/setup --test installs it). Writes
benchmarks/results/explorer-tti.json and .md.

``--corpus`` adds the page ``kg build`` writes for a real corpus: the view of its 2,000 most
connected entities (``kg.build.explorer_view``) with every claim on them in the side panel.

The graphs are synthetic networks with the projection's attributes (preferential attachment,
~2 edges a node, skewed degrees like a news corpus). Time-to-interactive is measured in the page:
performance.now() when the explorer sets window.kgReady (drawn, physics off), i.e. from the start
of navigation. Python-side rendering time (layout included) is reported beside it.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from pathlib import Path

from results_io import save

import networkx as nx
from playwright.sync_api import sync_playwright

from kg.html import LARGE, render_html

KINDS = ["person", "organisation", "state", "place", "event", "media outlet", "unnamed actor"]
EDGE_KINDS = ["fact", "claim", "speech act", "contested", "denial"]


def synthetic(n: int, seed: int = 7) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    base = nx.barabasi_albert_graph(n, 2, seed=seed)
    net = nx.MultiDiGraph()
    for node in base.nodes:
        iri = f"https://kg.example.org/id/n{node}"
        net.add_node(iri, iri=iri, label=f"Entity {node}", type="t", kind=rng.choice(KINDS),
                     description=f"Synthetic entity {node}", camp=rng.choice(["A", "B", "C"]), unnamed=False)
    for i, (u, v) in enumerate(base.edges):
        claimant = f"https://kg.example.org/id/n{rng.randrange(n)}"
        net.add_edge(f"https://kg.example.org/id/n{u}", f"https://kg.example.org/id/n{v}", key=f"e{i}",
                     predicate="p", relation=rng.choice(["accuses", "member of", "based in", "denies"]),
                     kind=rng.choice(EDGE_KINDS), claim=f"c{i}", claimant=f"Entity {claimant[-3:]}",
                     claimant_iri=claimant, camp=rng.choice(["A", "B", "C"]), stance="assert",
                     quote=f"quote {i}", date="2023-05-23", date_wording="", status="unverified",
                     source_chain="Outlet ← Entity")
    return net


def corpus_view(path: str) -> tuple[nx.MultiDiGraph, str, list]:
    """The explorer ``kg build`` writes for the corpus at ``path``: its sampled view and claims."""
    from kg.build import EXPLORER_NODES, claims_on, explorer_view
    from kg.graph import load_store
    from kg.network import claim_list, to_networkx

    store = load_store(path, store="oxigraph")
    net = to_networkx(store)
    view, title = explorer_view(net, EXPLORER_NODES)
    return view, title, claims_on(view, claim_list(store)) if view is not net else claim_list(store)


def _tti(browser, path: Path, repeat: int) -> list[float]:
    times = []
    for _ in range(repeat):
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
        page.goto(path.as_uri())
        while not page.evaluate("window.kgReady === true"):
            page.wait_for_timeout(20)
        times.append(page.evaluate("window.kgReadyAt") / 1000)
        page.close()
    return times


def measure(sizes: list[int], repeat: int, corpus: str | None = None) -> dict:
    results = {}
    cases = [(str(n), lambda n=n: (synthetic(n), f"synthetic {n}", None)) for n in sizes]
    if corpus:
        cases.append((f"{Path(corpus).name} view", lambda: corpus_view(corpus)))
    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for name, make in cases:
            net, title, claims = make()
            start = time.perf_counter()
            text = render_html(net, title=title, claims=claims)
            render_s = time.perf_counter() - start
            path = Path(tmp) / "page.html"
            path.write_text(text, encoding="utf-8")
            times = _tti(browser, path, repeat)
            n = net.number_of_nodes()
            results[name] = {"nodes": n, "edges": net.number_of_edges(), "layout": "python" if n > LARGE else "physics",
                             "tti_median_s": round(statistics.median(times), 2),
                             "tti_runs_s": [round(t, 2) for t in times],
                             "python_render_s": round(render_s, 2), "html_mb": round(len(text) / 1e6, 1)}
            print(name, results[name], flush=True)
        browser.close()
    return {"what": "explorer time-to-interactive in headless Chromium (Debian chromium, --disable-gpu)",
            "repeat": repeat, "sizes": results}


def markdown(result: dict) -> str:
    lines = ["# Explorer time-to-interactive (headless Chromium, median of "
             f"{result['repeat']} loads)", "",
             "| graph | nodes | edges | layout | time-to-interactive (s) | Python render (s) | HTML (MB) |",
             "|---|---:|---:|---|---:|---:|---:|"]
    for name, row in result["sizes"].items():
        graph = name if not name.isdigit() else "synthetic network"
        lines.append(f"| {graph} | {row['nodes']} | {row['edges']} | {row['layout']} | {row['tti_median_s']} | "
                     f"{row['python_render_s']} | {row['html_mb']} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--corpus", help="an N-Triples corpus (kg synth) whose kg build explorer is measured too")
    args = parser.parse_args()
    result = measure(args.sizes, args.repeat, args.corpus)
    save("explorer-tti", result, markdown(result))


if __name__ == "__main__":
    main()
