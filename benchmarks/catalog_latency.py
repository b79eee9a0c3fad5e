"""Benchmark: latency of every catalog query on the Belgorod graph, per store.

Run: .venv/bin/python benchmarks/catalog_latency.py [--repeat 21]
Writes benchmarks/results/catalog-latency.json and .md (medians in milliseconds, and the
rdflib/Oxigraph ratio). Each query runs once to warm up, then --repeat times; the first query in
a process also pays rdflib's parser warm-up, which the warm-up run absorbs.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time

from results_io import save

import kg
from kg import queries
from kg.store import STORES, open_store



def measure(repeat: int) -> dict:
    graph = kg.load()
    stores = {kind: open_store(graph, kind) for kind in STORES}
    table = {}
    for name, named in queries.catalog().items():
        row = {}
        for kind, store in stores.items():
            queries.execute(store, named)  # warm-up
            times = []
            for _ in range(repeat):
                start = time.perf_counter()
                queries.execute(store, named)
                times.append((time.perf_counter() - start) * 1000)
            row[kind] = round(statistics.median(times), 2)
        row["ratio"] = round(row["rdflib"] / row["oxigraph"], 1)
        table[name] = row
    return {
        "what": "median latency (ms) of each catalog query on the Belgorod graph",
        "triples": len(graph), "repeat": repeat,
        "machine": {"python": platform.python_version(), "cpu_count": __import__("os").cpu_count()},
        "queries": table,
        "median_of_medians": {kind: round(statistics.median(r[kind] for r in table.values()), 2) for kind in STORES},
    }


def markdown(result: dict) -> str:
    lines = [f"# Catalog query latency ({result['triples']} triples, median of {result['repeat']} runs, ms)", "",
             "| query | rdflib | oxigraph | rdflib / oxigraph |", "|---|---:|---:|---:|"]
    for name, row in result["queries"].items():
        lines.append(f"| {name} | {row['rdflib']} | {row['oxigraph']} | {row['ratio']}x |")
    mm = result["median_of_medians"]
    lines.append(f"| **median of medians** | **{mm['rdflib']}** | **{mm['oxigraph']}** | "
                 f"**{round(mm['rdflib'] / mm['oxigraph'], 1)}x** |")
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=21)
    args = parser.parse_args()
    result = measure(args.repeat)
    save("catalog-latency", result, markdown(result))


if __name__ == "__main__":
    main()
