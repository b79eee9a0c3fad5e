"""Benchmark: time-to-interactive of the HTML explorer in headless Chromium at 1k/5k/20k nodes.

Run: .venv/bin/python benchmarks/explorer_tti.py [--sizes 1000 5000 20000] [--repeat 3]
Needs Debian's chromium (scripts/setup --test installs it). Writes
benchmarks/results/explorer-tti.json and .md.

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


def measure(sizes: list[int], repeat: int) -> dict:
    results = {}
    with sync_playwright() as p, tempfile.TemporaryDirectory() as tmp:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                    args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        for n in sizes:
            net = synthetic(n)
            start = time.perf_counter()
            text = render_html(net, title=f"synthetic {n}")
            render_s = time.perf_counter() - start
            path = Path(tmp) / f"g{n}.html"
            path.write_text(text, encoding="utf-8")
            times = []
            for _ in range(repeat):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
                page.goto(path.as_uri())
                while not page.evaluate("window.kgReady === true"):
                    page.wait_for_timeout(20)
                times.append(page.evaluate("window.kgReadyAt") / 1000)
                page.close()
            results[str(n)] = {"nodes": n, "edges": net.number_of_edges(), "layout": "python" if n > LARGE else "physics",
                               "tti_median_s": round(statistics.median(times), 2),
                               "tti_runs_s": [round(t, 2) for t in times],
                               "python_render_s": round(render_s, 2), "html_mb": round(len(text) / 1e6, 1)}
            print(results[str(n)], flush=True)
        browser.close()
    return {"what": "explorer time-to-interactive in headless Chromium (Debian chromium, --disable-gpu)",
            "repeat": repeat, "sizes": results}


def markdown(result: dict) -> str:
    lines = ["# Explorer time-to-interactive (headless Chromium, median of "
             f"{result['repeat']} loads)", "",
             "| nodes | edges | layout | time-to-interactive (s) | Python render (s) | HTML (MB) |",
             "|---:|---:|---|---:|---:|---:|"]
    for row in result["sizes"].values():
        lines.append(f"| {row['nodes']} | {row['edges']} | {row['layout']} | {row['tti_median_s']} | "
                     f"{row['python_render_s']} | {row['html_mb']} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    result = measure(args.sizes, args.repeat)
    save("explorer-tti", result, markdown(result))


if __name__ == "__main__":
    main()
