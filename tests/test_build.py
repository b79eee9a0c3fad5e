"""kg build: validated outputs written all at once, a summary with real numbers, nothing half-written."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

import kg
from kg.build import ValidationFailed
from kg.errors import InputError

BROKEN = Path(__file__).resolve().parent / "fixtures" / "broken"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    return kg.build(tmp_path_factory.mktemp("out"))


def test_build_writes_every_output(built, graph):
    assert sorted(p.name for p in built.out_dir.iterdir()) == [
        "belgorod-neo4j", "belgorod.cyjs", "belgorod.dot", "belgorod.gexf", "belgorod.graphml", "belgorod.html",
        "belgorod.jsonld", "belgorod.nt", "belgorod.rdf", "belgorod.ttl"]
    assert sorted(p.name for p in built.files) == sorted(p.name for p in built.out_dir.iterdir())
    turtle = Graph().parse(built.out_dir / "belgorod.ttl")
    ntriples = Graph().parse(built.out_dir / "belgorod.nt", format="nt")
    assert len(turtle) == len(ntriples) == len(graph)


def test_outputs_take_the_data_files_name(tmp_path):
    from kg.synth import write

    data = tmp_path / "corpus.nt"
    write(20, 1, data, tmp_path / "corpus.txt")
    result = kg.build(tmp_path / "out", data, source=tmp_path / "corpus.txt")
    assert sorted(p.name for p in result.out_dir.iterdir()) == [
        "corpus-neo4j", "corpus.cyjs", "corpus.dot", "corpus.gexf", "corpus.graphml", "corpus.html",
        "corpus.jsonld", "corpus.nt", "corpus.rdf", "corpus.ttl"]
    assert len(Graph().parse(result.out_dir / "corpus.nt", format="nt")) > 1500


def test_build_summary_counts(built):
    types = {row["type"]: row["count"] for row in built.summary["entities-by-type"]}
    assert types["person"] == 10
    assert types["state"] == 4
    assert types["armed group"] == 2
    assert types["media outlet"] == 4
    stances = {row["stance"]: row["claims"] for row in built.summary["claims-by-stance"]}
    assert stances["accuse"] == 7
    assert stances["deny"] == 3
    assert stances["claim responsibility"] == 3
    assert sum(stances.values()) == 148


def test_build_summary_text_lists_contested_propositions(built):
    text = built.summary_text()
    assert "Contested propositions: 2" in text
    assert ("  - Ukraine was behind the Belgorod raid: Dmitry Medvedev (reject a denial); "
            "Mykhailo Podolyak (deny); Russia (accuse); Ukraine (deny)") in text
    assert "     7  accuse (112)" in text


def test_failed_validation_writes_nothing_and_keeps_old_outputs(tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    (out / "belgorod.ttl").write_text("previous build")
    with pytest.raises(ValidationFailed) as caught:
        kg.build(out, BROKEN / "missing-label.ttl")
    assert caught.value.exit_code == 1
    assert "Nothing was written." in str(caught.value)
    assert sorted(p.name for p in out.iterdir()) == ["belgorod.ttl"]
    assert (out / "belgorod.ttl").read_text() == "previous build"


@pytest.mark.parametrize("store", ["rdflib", "oxigraph"])
def test_error_while_writing_leaves_no_partial_files(tmp_path, monkeypatch, store):
    from kg.export import EXPORTERS, Exporter

    out = tmp_path / "out"

    def explode(graph, net, path):
        Path(path).write_text("partial")
        raise OSError("disk full")

    monkeypatch.setitem(EXPORTERS, "nt", Exporter("nt", ".nt", "test", explode))
    with pytest.raises(OSError, match="disk full"):
        kg.build(out, store=store)
    assert list(out.iterdir()) == []


def test_output_path_that_is_a_file_is_a_clear_error(tmp_path):
    blocker = tmp_path / "out"
    blocker.write_text("a file, not a folder")
    with pytest.raises(InputError, match=r"out: cannot write the output folder"):
        kg.build(blocker)


def test_big_network_explorer_shows_its_most_connected_entities_and_says_so(graph):
    from kg.build import claims_on, explorer_view
    from kg.network import claim_list

    net = kg.to_networkx(graph)
    assert explorer_view(net, net.number_of_nodes()) == (net, "Belgorod raid, May 2023: who says what")
    view, title = explorer_view(net, 10)
    by_degree = sorted(net.degree, key=lambda pair: (-pair[1], str(pair[0])))
    assert set(view.nodes) == {node for node, _ in by_degree[:10]}
    assert title == (f"The 10 most connected of {net.number_of_nodes()} entities "
                     f"({view.number_of_edges()} of {net.number_of_edges()} edges)")
    assert 0 < view.number_of_edges() < net.number_of_edges()
    claims = claims_on(view, claim_list(graph))
    assert {c["claim"] for c in claims} == {d["claim"] for *_, d in view.edges(data=True)} - {""}


def test_summary_lists_at_most_twenty_contested_propositions(built):
    from dataclasses import replace

    many = [{"proposition": f"proposition {i:02}", "claimant": "A", "stance": "assert", "denier": "B"}
            for i in range(25)]
    text = replace(built, summary={**built.summary, "contested-propositions": many}).summary_text()
    lines = text.splitlines()
    assert "Contested propositions: 25" in lines
    assert [line for line in lines if line.startswith("  - proposition")][-1] == \
        "  - proposition 19: A (assert); B (deny)"
    assert lines[-1] == "  ... and 5 more: kg query contested-propositions"


def test_build_refuses_to_overwrite_its_input(tmp_path):
    from kg.synth import write

    data = tmp_path / "synth.nt"
    write(5, 1, data, tmp_path / "synth.txt")
    before = data.read_bytes()
    with pytest.raises(InputError, match=r"synth.nt: is an input file and would be overwritten"):
        kg.build(tmp_path, data, source=tmp_path / "synth.txt")
    assert data.read_bytes() == before and sorted(p.name for p in tmp_path.iterdir()) == ["synth.nt", "synth.txt"]


def test_build_into_the_data_folder_refuses_to_overwrite_the_default_data():
    from kg.graph import default_data_files

    (data,) = default_data_files()
    before = data.read_bytes()
    with pytest.raises(InputError, match=r"belgorod.ttl: is an input file and would be overwritten"):
        kg.build(data.parent)
    assert data.read_bytes() == before
