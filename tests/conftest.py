"""Shared fixtures: the loaded Belgorod graph, paths to fixtures, and a SPARQL helper."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg
from kg.namespaces import PREFIXES

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ARTICLE = ROOT.parent / "shared" / "source" / "belgorod-article.txt"


def pytest_addoption(parser):
    parser.addoption("--update-golden", action="store_true",
                     help="Rewrite tests/golden/*.csv from the rdflib store's answers (check the diff!).")


@pytest.fixture(scope="session")
def graph():
    return kg.load()


@pytest.fixture(scope="session")
def report():
    return kg.validate()


@pytest.fixture(scope="session")
def select(graph):
    """Run a SELECT on the Belgorod graph (project prefixes predeclared); rows as tuples of str."""

    def run(query: str, **bindings) -> list[tuple]:
        prologue = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
        result = graph.query(prologue + query, initBindings=bindings or None)
        return [tuple(str(v) if v is not None else None for v in row) for row in result]

    return run


@pytest.fixture(scope="session")
def article_text() -> str:
    if not ARTICLE.is_file():
        pytest.fail(f"the article text is missing: {ARTICLE} (CI has ../shared beside the repo)")
    return ARTICLE.read_text(encoding="utf-8")
