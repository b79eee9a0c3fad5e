"""The walkthrough notebook executes top to bottom (nbclient) and shows real answers."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "explore.ipynb"


def test_notebook_executes_and_shows_the_answers(tmp_path):
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    NotebookClient(notebook, timeout=300, kernel_name="python3",
                   resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    outputs = []
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            assert output.output_type != "error", output
            outputs.append(output.get("text", "") + str(output.get("data", {}).get("text/html", "")))
    text = "\n".join(outputs)
    assert "OK: the graph conforms" in text
    assert "Ukraine was behind the Belgorod raid" in text
    assert "Dmitry Medvedev —former president of→ Russia ←national or citizen of— Freedom of Russia Legion" in text
    assert "<iframe srcdoc=" in text


def test_notebook_holds_no_logic_of_its_own():
    notebook = nbformat.read(NOTEBOOK, as_version=4)
    code = "\n".join(cell.source for cell in notebook.cells if cell.cell_type == "code")
    assert "def " not in code and "class " not in code
    assert all(cell.get("outputs", []) == [] for cell in notebook.cells if cell.cell_type == "code")
