"""Where every benchmark writes: benchmarks/results/NAME.json (numbers) and NAME.md (the table)."""

from __future__ import annotations

import json
from pathlib import Path

OUT = Path(__file__).resolve().parent / "results"


def save(name: str, result: dict, table: str) -> None:
    """Write ``result`` as JSON and ``table`` as Markdown under benchmarks/results/, and print the table."""
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{name}.json").write_text(json.dumps(result, indent=2) + "\n")
    (OUT / f"{name}.md").write_text(table)
    print(table)
