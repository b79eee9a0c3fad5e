"""Benchmark: load, validate, the catalog queries, projection, every export and the explorer on
synthetic corpora of 10^4, 10^5 and 10^6 triples, per store.

Run: .venv/bin/python benchmarks/scale.py [--sizes 10000 100000 1000000] [--repeat 3]
Writes benchmarks/results/scale.json and .md (--name NAME: NAME.json and .md): medians over --repeat runs, ratios against rdflib
in the same run, and the peak memory of each (size, store) run. Each (size, store) load runs
--repeat times in its own process, so the peak memory of loading is its own (one load's: the
last one is let go before the next); the other steps run in a second process per (size, store),
once each above 10^5 (--heavy-repeat). Catalog queries always run --repeat times, at every
size: their medians, and the load's, are the numbers the targets are about.

Catalog queries are timed as ``kg query`` runs them: the first page of 1,000 rows in the query's
order (``queries.execute(..., limit=1000)``), and also whole, with every row converted (one run,
in a child process stopped after QUERY_TIMEOUT; the page is still timed if only the whole ran out).
Parameters name the synthetic corpus's most popular actor and outlet (the worst case).
rdflib is skipped where a run would take too long (--rdflib-max, default 10^5 for queries and
steps; its load is still timed up to --rdflib-load-max, 10^6, for the ratio).

Past 10^6: ``--sizes 10000000 --queries-only --name scale-10m`` loads and asks the catalog only
(pySHACL would need about 20 GB to validate 10^7 triples), into results/scale-10m.*.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from results_io import save

QUERY_TIMEOUT = 20.0  # seconds; a slower query is reported as ">20000" ms


PAGE = 1000


def _timed(function, repeat: int) -> tuple[float, object]:
    times, value = [], None
    for _ in range(repeat):
        value = None  # the last run's result is let go first: a peak is one run's, not two;
        gc.collect()  # an rdflib Graph is a reference cycle (its namespace manager points back)
        start = time.perf_counter()
        value = function()
        times.append(time.perf_counter() - start)
    return statistics.median(times), value


def child_load(path: str, store: str, repeat: int) -> dict:
    """Load --repeat times; the process's peak memory is the load's."""
    from kg.graph import load_store

    seconds, target = _timed(lambda: load_store(path, store=store), repeat)
    return {"triples": len(target), "load_s": round(seconds, 3),
            "peak_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}


def child_steps(path: str, store: str, repeat: int, query_repeat: int, queries_only: bool = False) -> dict:
    """Validate, catalog queries (first page and whole), projection, each export, the explorer;
    only the catalog queries with ``queries_only``."""
    from kg import queries
    from kg.bounded import QueryTimeout, ResultTooLarge, run_bounded
    from kg.build import explorer_view
    from kg.export import EXPORTERS, export
    from kg.graph import load_store
    from kg.html import render_html
    from kg.network import to_networkx
    from kg.synth import PARAMS as SYNTH_PARAMS
    from kg.validate import validate

    text = str(Path(path).with_suffix(".txt"))
    result = {"steps_s": {}, "queries_ms": {}, "queries_whole_ms": {}}
    if not queries_only:
        seconds, report = _timed(lambda: validate(path, source=text, store=store), repeat)
        assert report.conforms, report.text()
        result["steps_s"]["validate"] = round(seconds, 2)
    target = load_store(path, store=store)
    if query_repeat:
        for name, named in queries.catalog().items():
            params = {p.name: SYNTH_PARAMS[p.name] for p in named.params if p.name in SYNTH_PARAMS}
            stopped = f">{QUERY_TIMEOUT * 1000:.0f}"
            try:  # the whole answer first, in a child process that is stopped after QUERY_TIMEOUT s
                start = time.perf_counter()
                run_bounded(target, named, params, QUERY_TIMEOUT, 10**9)
                result["queries_whole_ms"][name] = round((time.perf_counter() - start) * 1000, 1)
            except QueryTimeout:
                result["queries_whole_ms"][name] = stopped
                try:  # converting every row took too long; the first page may not
                    run_bounded(target, named, params, QUERY_TIMEOUT, PAGE)
                except ResultTooLarge:
                    pass  # answered in time, with more rows than a page
                except QueryTimeout:
                    result["queries_ms"][name] = stopped
                    continue
            seconds, _ = _timed(lambda: queries.execute(target, named, params, limit=PAGE), query_repeat)
            result["queries_ms"][name] = round(seconds * 1000, 1)
    if queries_only:
        result["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        return result
    seconds, net = _timed(lambda: to_networkx(target), repeat)
    result["steps_s"]["projection"] = round(seconds, 2)
    result["network"] = {"nodes": net.number_of_nodes(), "edges": net.number_of_edges()}
    with tempfile.TemporaryDirectory() as out:
        for fmt in EXPORTERS:
            seconds, _ = _timed(lambda: export(target, fmt, Path(out) / f"x-{fmt}", net), repeat)
            result["steps_s"][f"export {fmt}"] = round(seconds, 2)
    view, title = explorer_view(net, 2000)
    seconds, page = _timed(lambda: render_html(view, title, []), repeat)
    result["steps_s"]["explorer (≤2000 nodes)"] = round(seconds, 2)
    result["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    return result


def _run_child(*args: str) -> dict:
    done = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"benchmark child {args} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.splitlines()[-1])


def measure(sizes: list[int], repeat: int, heavy_repeat: int, rdflib_max: int, rdflib_load_max: int,
            queries_only: bool = False) -> dict:
    from kg.synth import LOADED_TRIPLES_PER_ARTICLE

    table = {}
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            path = Path(tmp) / f"synth-{size}.nt"
            # In a process of its own: a child's peak memory (ru_maxrss) starts from its parent's
            # size at fork, so the parent must stay small.
            triples = _run_child("--synth", str(path), str(max(1, size // LOADED_TRIPLES_PER_ARTICLE)))["triples"]
            row = {"synthetic_triples": triples}
            for store in ("rdflib", "oxigraph"):
                if store == "rdflib" and size > rdflib_load_max:
                    continue
                runs = repeat if size <= 100_000 else heavy_repeat
                row[store] = _run_child("--load", str(path), store, str(repeat))
                print(size, store, row[store]["load_s"], "s load,", row[store]["peak_mb"], "MB", flush=True)
                if store == "rdflib" and size > rdflib_max:
                    continue
                steps = _run_child("--steps", str(path), store, str(runs), str(repeat), str(int(queries_only)))
                row[store].update({k: v for k, v in steps.items() if k != "peak_mb"}, steps_peak_mb=steps["peak_mb"])
                print(size, store, steps["steps_s"], flush=True)
            if "rdflib" in row:
                row["load_ratio"] = round(row["rdflib"]["load_s"] / row["oxigraph"]["load_s"], 1)
            table[str(size)] = row
    what = "load, catalog queries" if queries_only else "load, validate, catalog queries, projection, exports, explorer"
    return {"what": f"synthetic corpus (kg synth): {what}", "queries_only": queries_only,
            "repeat": repeat, "heavy_repeat": heavy_repeat, "page_rows": PAGE, "sizes": table}


def _query_summary(times: dict) -> tuple[str, str]:
    """The slowest query and the median over all of them; a stopped query counts as the slowest."""
    q = {k: v for k, v in times.items() if isinstance(v, (int, float))}
    stopped = [k for k, v in times.items() if not isinstance(v, (int, float))]
    if not times:
        return "not run", "not run"
    slowest = f">{QUERY_TIMEOUT:g} s: {', '.join(stopped)}" if stopped else f"{max(q.values())} ({max(q, key=q.get)})"
    median = statistics.median_low([*q.values(), *[math.inf] * len(stopped)])  # a value that was measured
    median_text = f">{QUERY_TIMEOUT * 1000:g}" if median == math.inf else f"{median}"
    under = sum(1 for v in q.values() if v <= 200)
    return slowest, f"{median_text} ({under}/{len(times)} ≤ 200 ms)"


def _ratio(slow, fast) -> str:
    """How many times faster ``fast`` is; a stopped rdflib run (">20000") gives a lower bound."""
    if not isinstance(fast, (int, float)) or not fast:
        return ""
    if isinstance(slow, str) and slow.startswith(">"):
        return f">{math.floor(float(slow[1:]) / fast)}x"
    if not isinstance(slow, (int, float)):
        return ""
    return f"{slow / fast:.0f}x" if slow / fast >= 10 else f"{slow / fast:.1f}x"


def markdown(result: dict) -> str:
    steps = ("load and catalog queries only" if result.get("queries_only") else
             f"validation, projection, exports and explorer {result['heavy_repeat']} above 10^5")
    lines = [f"# Scale: kg on synthetic corpora (medians of {result['repeat']} runs; {steps})", "",
             "Sizes include the ontology and derived labels. Queries: first page of "
             f"{result['page_rows']} rows as `kg query` shows it, median of {result['repeat']} runs; "
             "'whole' converts every row, one run in a child process (fork included), stopped after "
             f"{QUERY_TIMEOUT:g} s.", "",
             "| triples | store | load (s) | load vs rdflib | load peak (MB) | validate (s) | queries: slowest page (ms) "
             "| queries: median page (ms) | queries: median whole (ms) | projection (s) | steps peak (MB) |",
             "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    steps_rows = []
    for size, row in result["sizes"].items():
        for store in ("rdflib", "oxigraph"):
            if store not in row:
                continue
            r = row[store]
            ratio = "1.0" if store == "rdflib" else (f"{row['load_ratio']}x faster" if "load_ratio" in row else "")
            if "steps_s" not in r:
                lines.append(f"| {r['triples']} | {store} | {r['load_s']} | {ratio} | {r['peak_mb']} "
                             "| not run | not run | not run | not run | not run | |")
                continue
            slowest, median = _query_summary(r["queries_ms"])
            _, whole = _query_summary(r["queries_whole_ms"])
            lines.append(f"| {r['triples']} | {store} | {r['load_s']} | {ratio} | {r['peak_mb']} "
                         f"| {r['steps_s'].get('validate', 'not run')} | {slowest} | {median} | {whole} "
                         f"| {r['steps_s'].get('projection', 'not run')} | {r['steps_peak_mb']} |")
            steps_rows.append((size, store, r))
    exported = [(t, s, r) for t, s, r in steps_rows if "network" in r]
    if exported:
        names = [k for k in exported[0][2]["steps_s"] if k not in ("validate", "projection")]
        lines += ["", "## Exports and the explorer (seconds)", "",
                  "| triples | store | network (nodes / edges) | " + " | ".join(names) + " |",
                  "|---:|---|---|" + "---:|" * len(names)]
        for size, store, r in exported:
            net = r["network"]
            lines.append(f"| {r['triples']} | {store} | {net['nodes']} / {net['edges']} | "
                         + " | ".join(str(r["steps_s"].get(n, "")) for n in names) + " |")
    if steps_rows:
        compared = [t for t, s, _ in steps_rows if s == "rdflib"]  # sizes both stores ran the queries at
        lines += ["", "## Every catalog query, first page (ms)", "",
                  "| query | " + " | ".join(f"{r['triples']} {s}" for _, s, r in steps_rows)
                  + "".join(f" | {result['sizes'][t]['rdflib']['triples']}: rdflib / oxigraph" for t in compared) + " |",
                  "|---|" + "---:|" * (len(steps_rows) + len(compared))]
        for name in steps_rows[0][2]["queries_ms"]:
            times = {(t, s): r["queries_ms"].get(name, "") for t, s, r in steps_rows}
            lines.append(f"| {name} | " + " | ".join(str(v) for v in times.values())
                         + "".join(f" | {_ratio(times[t, 'rdflib'], times[t, 'oxigraph'])}" for t in compared) + " |")
    return "\n".join(lines) + "\n"


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--synth":
        from kg.synth import write

        _, _, path, articles = sys.argv
        print(json.dumps({"triples": write(int(articles), 1, Path(path), Path(path).with_suffix(".txt"))}))
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--load":
        _, _, path, store, repeat = sys.argv
        print(json.dumps(child_load(path, store, int(repeat))))
        return
    if len(sys.argv) > 1 and sys.argv[1] == "--steps":
        _, _, path, store, repeat, query_repeat, queries_only = sys.argv
        print(json.dumps(child_steps(path, store, int(repeat), int(query_repeat), queries_only == "1")))
        return
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--heavy-repeat", type=int, default=1, help="runs per step above 10^5 triples")
    parser.add_argument("--rdflib-max", type=int, default=100_000, help="largest size rdflib runs the steps on")
    parser.add_argument("--rdflib-load-max", type=int, default=1_000_000, help="largest size rdflib loads at all")
    parser.add_argument("--queries-only", action="store_true",
                        help="load and ask the catalog only (no validation, projection, exports or explorer)")
    parser.add_argument("--name", help="results file name under benchmarks/results/ "
                        "(default: scale, or scale-queries with --queries-only)")
    args = parser.parse_args()
    result = measure(args.sizes, args.repeat, args.heavy_repeat, args.rdflib_max, args.rdflib_load_max,
                     args.queries_only)
    save(args.name or ("scale-queries" if args.queries_only else "scale"), result, markdown(result))


if __name__ == "__main__":
    main()
