"""Benchmark: load and the catalog queries on synthetic corpora of 10^4, 10^5 and 10^6 triples, per store.

Run: .venv/bin/python benchmarks/scale.py [--sizes 10000 100000 1000000] [--repeat 3]
Writes benchmarks/results/scale.json and .md: medians over --repeat runs, ratios against rdflib
in the same run, and the peak memory of each (size, store) run (each runs in its own process, so
its peak is its own). rdflib is skipped where a run would take too long (--rdflib-max, default
10^5 for queries; its load is still timed at every size for the ratio).

Not yet measured here (see the issue notes): validation above 10^4, exports and the explorer at 10^6.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from results_io import save

QUERY_TIMEOUT = 20.0  # seconds; a slower query is reported as ">20000" ms


def child(path: str, store: str, repeat: int, with_queries: bool) -> dict:
    """One (corpus, store) run: load --repeat times, then every catalog query --repeat times."""
    from kg import queries
    from kg.graph import load_store

    loads = []
    for _ in range(repeat):
        start = time.perf_counter()
        target = load_store(path, store=store)
        loads.append(time.perf_counter() - start)
    result = {"triples": len(target), "load_s": round(statistics.median(loads), 3), "queries_ms": {}}
    if with_queries:
        from kg.bounded import QueryTimeout, run_bounded

        for name, named in queries.catalog().items():
            try:  # first run in a child process that is stopped after QUERY_TIMEOUT seconds
                start = time.perf_counter()
                run_bounded(target, named, {}, QUERY_TIMEOUT, 10**9)
                first = (time.perf_counter() - start) * 1000
            except QueryTimeout:
                result["queries_ms"][name] = f">{QUERY_TIMEOUT * 1000:.0f}"
                continue
            times = [first]
            for _ in range(repeat - 1 if first < 5000 else 0):
                start = time.perf_counter()
                queries.execute(target, named)
                times.append((time.perf_counter() - start) * 1000)
            result["queries_ms"][name] = round(statistics.median(times), 1)
    result["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return result


def measure(sizes: list[int], repeat: int, rdflib_max: int, rdflib_load_max: int) -> dict:
    from kg.synth import TRIPLES_PER_ARTICLE, write

    table = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            path = Path(tmp) / f"synth-{size}.nt"
            triples = write(max(1, size // TRIPLES_PER_ARTICLE), 1, path, path.with_suffix(".txt"))
            row = {"synthetic_triples": triples}
            for store in ("rdflib", "oxigraph"):
                if store == "rdflib" and size > rdflib_load_max:
                    continue
                with_queries = store == "oxigraph" or size <= rdflib_max
                output = subprocess.run(
                    [sys.executable, __file__, "--child", str(path), store, str(repeat), str(int(with_queries))],
                    capture_output=True, text=True, check=True).stdout
                row[store] = json.loads(output.splitlines()[-1])
                print(size, store, row[store]["load_s"], "s load,", row[store]["peak_mb"], "MB", flush=True)
            if "rdflib" in row:
                row["load_ratio"] = round(row["rdflib"]["load_s"] / row["oxigraph"]["load_s"], 1)
            table[str(size)] = row
    return {"what": "synthetic corpus (kg synth), load and catalog queries per store", "repeat": repeat,
            "sizes": table}


def markdown(result: dict) -> str:
    lines = [f"# Scale: load and catalog queries (median of {result['repeat']} runs)", "",
             "| triples | store | load (s) | load ratio vs rdflib | peak memory (MB) | slowest query (ms) | median query (ms) |",
             "|---:|---|---:|---:|---:|---:|---:|"]
    for row in result["sizes"].values():
        for store in ("rdflib", "oxigraph"):
            if store not in row:
                continue
            r = row[store]
            q = {k: v for k, v in r["queries_ms"].items() if isinstance(v, (int, float))}
            stopped = [k for k, v in r["queries_ms"].items() if not isinstance(v, (int, float))]
            slowest = f"{max(q.values())} ({max(q, key=q.get)})" if q else "not run"
            if stopped:
                slowest = f">{QUERY_TIMEOUT:g} s: {', '.join(stopped)}"
            median = statistics.median(q.values()) if q else "not run"
            under = sum(1 for v in q.values() if v <= 200)
            median = f"{median} ({under}/{len(r['queries_ms'])} ≤ 200 ms)" if q else median
            ratio = "1.0" if store == "rdflib" else (f"{row['load_ratio']}x faster" if "load_ratio" in row else "")
            lines.append(f"| {r['triples']} | {store} | {r['load_s']} | {ratio} | {r['peak_mb']} | {slowest} | {median} |")
    return "\n".join(lines) + "\n"


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        _, _, path, store, repeat, with_queries = sys.argv
        print(json.dumps(child(path, store, int(repeat), with_queries == "1")))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--rdflib-max", type=int, default=100_000, help="largest size rdflib runs the queries on")
    parser.add_argument("--rdflib-load-max", type=int, default=1_000_000, help="largest size rdflib loads at all")
    args = parser.parse_args()
    result = measure(args.sizes, args.repeat, args.rdflib_max, args.rdflib_load_max)
    save("scale", result, markdown(result))


if __name__ == "__main__":
    main()
