"""``build``: validate, then write the merged graph and return a summary.

Writes ``NAME.html`` (the network explorer) and every export of ``kg.export.EXPORTERS``
(Turtle and N-Triples of ontology + data + derived labels among them) into the output folder,
all or nothing (see ``kg.output``). NAME is ``belgorod`` for the default data, else the data
file's name (``kg.export.output_stem``). Nothing is written when the
graph does not conform.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kg import graph as kg_graph
from kg import queries
from kg.errors import EXIT_VIOLATIONS, KgError
from kg.export import EXPORTERS, destination, export_all, output_stem
from kg.html import TITLE, render_html
from kg.network import claim_list, to_networkx
from kg.output import staged
from kg.progress import QUIET, Progress
from kg.validate import Report, validate

SUMMARY_CONTESTED = 20  # contested propositions listed in the summary; a corpus has thousands
EXPLORER_NODES = 2000  # the browser stays usable up to here (benchmarks/results/explorer-tti.md)


def explorer_view(net, limit: int):
    """``net`` itself if it has at most ``limit`` nodes, else the subgraph of its ``limit`` most
    connected nodes; with the page title that says which."""
    if net.number_of_nodes() <= limit:
        return net, TITLE
    ranked = sorted(net.degree, key=lambda pair: (-pair[1], str(pair[0])))[:limit]
    view = net.subgraph(node for node, _ in ranked).copy()
    return view, (f"The {limit} most connected of {net.number_of_nodes()} entities "
                  f"({view.number_of_edges()} of {net.number_of_edges()} edges)")


def claims_on(view, claims: list[dict[str, str]]) -> list[dict[str, str]]:
    """The claims behind the edges of ``view``."""
    shown = {data.get("claim") for _, _, data in view.edges(data=True)}
    return [claim for claim in claims if claim["claim"] in shown]

PathLike = str | os.PathLike[str]

class ValidationFailed(KgError):
    """The graph does not conform; carries the report. Nothing was written."""

    exit_code = EXIT_VIOLATIONS

    def __init__(self, report: Report):
        self.report = report
        super().__init__(report.text() + "\nNothing was written.")


@dataclass
class BuildResult:
    out_dir: Path
    files: list[Path]
    report: Report
    summary: dict[str, list[dict[str, object]]] = field(default_factory=dict)

    def summary_text(self) -> str:
        """Entities by type, claims by stance, and contested propositions with both sides."""
        summary = self.summary
        lines = ["", "Entities by type:"]
        lines += [f"  {row['count']:>4}  {row['type']}" for row in summary["entities-by-type"]]
        lines += ["", "Claims by stance (CAMEO code):"]
        lines += [f"  {row['claims']:>4}  {row['stance']} ({row['cameo']})" for row in summary["claims-by-stance"]]
        contested: dict[str, set[str]] = {}
        for row in summary["contested-propositions"]:
            contested.setdefault(str(row["proposition"]), set()).update(
                {f"{row['claimant']} ({row['stance']})", f"{row['denier']} (deny)"})
        lines += ["", f"Contested propositions: {len(contested)}"]
        listed = sorted(contested.items())[:SUMMARY_CONTESTED]
        lines += [f"  - {prop}: {'; '.join(sorted(sides))}" for prop, sides in listed]
        if len(contested) > len(listed):
            lines.append(f"  ... and {len(contested) - len(listed)} more: kg query contested-propositions")
        return "\n".join(lines)


def build(
    out_dir: PathLike = "out",
    data: Sequence[PathLike] | PathLike | None = None,
    ontology: PathLike | None = None,
    source: PathLike | None = None,
    store: str = "oxigraph",
    progress: Progress = QUIET,
    explorer_nodes: int = EXPLORER_NODES,
) -> BuildResult:
    """Validate; if it conforms, write every output into ``out_dir`` and summarise the graph.

    The explorer shows the whole network up to ``explorer_nodes`` entities; a bigger graph is
    shown as the view of its ``explorer_nodes`` most connected entities (the page says so).
    """
    out, stem = Path(out_dir), output_stem(data)
    page = destination(data, "html", folder=out)
    files = [destination(data, fmt, folder=out) for fmt in ("turtle", "nt")] + [page]
    files += [destination(data, fmt, folder=out) for fmt in EXPORTERS if fmt not in ("turtle", "nt")]
    report = validate(data, ontology, source, store=store, progress=progress)
    if not report.conforms:
        raise ValidationFailed(report)
    graph = kg_graph.load_store(data, ontology, store, progress)
    summary = {name: queries.query(name, graph)
               for name in ("entities-by-type", "claims-by-stance", "contested-propositions")}
    with progress.step("Projecting the network"):
        net = to_networkx(graph)
    with staged(out) as stage:
        with progress.step("Writing the explorer"):
            view, title = explorer_view(net, explorer_nodes)
            claims = claim_list(graph) if view is net else claims_on(view, claim_list(graph))
            (stage / page.name).write_text(render_html(view, title, claims), encoding="utf-8")
        export_all(graph, stage, stem, net=net, progress=progress)
    return BuildResult(out, files, report, summary)
