"""``build``: validate, then write the merged graph and return a summary.

Writes ``belgorod.html`` (the network explorer) and every export of ``kg.export.EXPORTERS``
(Turtle and N-Triples of ontology + data + derived labels among them) into the output folder,
all or nothing (see ``kg.output``). Nothing is written when the
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
from kg.export import EXPORTERS, default_name, export_all
from kg.html import render_html
from kg.output import staged
from kg.validate import Report, validate

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
        lines += [f"  - {prop}: {'; '.join(sorted(sides))}" for prop, sides in sorted(contested.items())]
        return "\n".join(lines)


def build(
    out_dir: PathLike = "out",
    data: Sequence[PathLike] | PathLike | None = None,
    ontology: PathLike | None = None,
    source: PathLike | None = None,
) -> BuildResult:
    """Validate; if it conforms, write every output into ``out_dir`` and summarise the graph."""
    report = validate(data, ontology, source)
    if not report.conforms:
        raise ValidationFailed(report)
    graph = kg_graph.load(data, ontology)
    summary = {name: queries.query(name, graph)
               for name in ("entities-by-type", "claims-by-stance", "contested-propositions")}
    out = Path(out_dir)
    with staged(out) as stage:
        (stage / "belgorod.html").write_text(render_html(graph), encoding="utf-8")
        export_all(graph, stage)
    files = [out / "belgorod.ttl", out / "belgorod.nt", out / "belgorod.html"]
    files += [out / default_name(fmt) for fmt in EXPORTERS if out / default_name(fmt) not in files]
    return BuildResult(out, files, report, summary)
