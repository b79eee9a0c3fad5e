"""kg stats / kg path / kg neighbors and their Python API, answered on the Belgorod graph."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import kg
from kg.analytics import find_node, format_path, neighbors, paths, stats
from kg.cli import main
from kg.errors import KgError
from kg.namespaces import ID


@pytest.fixture(scope="module")
def net(graph):
    return kg.to_networkx(graph)


def test_stats_counts_and_central_actors(net):
    result = stats(net, top=3)
    assert dict(result["nodes by kind"])["event"] == 18
    assert dict(result["edges by kind"]) == {"fact": 61, "claim": 55, "speech act": 26, "contested": 3, "denial": 3}
    assert [name for name, _ in result["top actors by degree"]] == ["Russia", "Ukraine", "Russian Volunteer Corps"]
    assert [name for name, _ in result["top actors by betweenness"]][:2] == ["Russia", "Ukraine"]
    assert dict(result["claims with an edge, per claimant"])["Dmitry Medvedev"] == 7


def test_cites_quotes_and_disputes_edges_carry_their_claims(net):
    """One edge per claim that is the speech act (these three were missing before 2026-11: a FILTER
    inside each union branch tested a variable bound only outside it)."""
    def claims(source, relation, target):
        return sorted(d["claim"].rsplit("/", 1)[1] for s, t, d in net.edges(data=True)
                      if (s, t) == (str(ID[source]), str(ID[target])) and d["relation"] == relation)

    assert len(claims("Hromadske", "cites", "UkrainianIntelligenceSources")) == 6
    assert len(claims("RIANovosti", "quotes", "DmitryPeskov")) == 2
    assert len(claims("DmitryMedvedev", "disputes", "Ukraine")) == 1
    assert len(claims("ISW", "cites", "RussianSources")) == 1


def test_path_from_medvedev_to_the_legion_is_printed_with_its_relations(net):
    found = paths(net, "Medvedev", "Freedom of Russia Legion")
    assert [format_path(p) for p in found] == [
        "Dmitry Medvedev —former president of→ Russia ←national or citizen of— Freedom of Russia Legion "
        "[claim, according to Hromadske]"]


def test_path_cli(graph):
    result = CliRunner().invoke(main, ["path", "Peskov", "Podolyak"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "2 shortest connection(s), 3 step(s) each:"
    assert len(lines) == 3
    assert "←president of— Volodymyr Zelenskyy ←adviser to— Mykhailo Podolyak" in result.output
    assert all(line.startswith("  Dmitry Peskov ") and "Mykhailo Podolyak" in line for line in lines[1:])


def test_names_resolve_by_label_alias_or_unique_part(net):
    assert find_node(net, "RVC") == str(ID.RussianVolunteerCorps)
    assert find_node(net, "gladkov") == str(ID.VyacheslavGladkov)
    with pytest.raises(KgError, match="'Foreign Legion' matches 2 nodes|'Legion' matches"):
        find_node(net, "Legion")
    with pytest.raises(KgError, match="no node is called 'Nobody'"):
        find_node(net, "Nobody")


def test_neighbors_of_the_rvc(net):
    ego = neighbors(net, "RVC", 1)
    labels = sorted(d["label"] for _, d in ego.nodes(data=True))
    assert "Belgorod cross-border raid" in labels and "Hromadske" in labels and "Telegram" not in labels
    assert str(ID.RussianVolunteerCorps) in ego
    assert ego.number_of_nodes() == 10
    wider = neighbors(net, "RVC", 2)
    assert wider.number_of_nodes() > ego.number_of_nodes()


def test_neighbors_cli_writes_an_explorer_and_an_export(tmp_path):
    html, gexf = tmp_path / "rvc.html", tmp_path / "rvc.gexf"
    result = CliRunner().invoke(main, ["neighbors", "RVC", "--html", str(html), "--format", "gexf", "--out", str(gexf)])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("10 nodes and ")
    assert html.read_text(encoding="utf-8").count("Russian Volunteer Corps") > 0
    assert gexf.stat().st_size > 1000


def test_stats_cli():
    result = CliRunner().invoke(main, ["stats", "--top", "2"])
    assert result.exit_code == 0
    assert "top actors by degree:\n        28  Russia\n        28  Ukraine\n" in result.output
    assert "claims per claimant:\n        71  Al Jazeera\n        15  Freedom of Russia Legion\n" in result.output
