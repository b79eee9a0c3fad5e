"""The synthetic corpus: reproducible, shaped like our data, and valid at 10^4 triples."""

from __future__ import annotations

from click.testing import CliRunner

import kg
from kg.cli import main
from kg.synth import generate


def test_same_seed_same_corpus_other_seed_other_corpus():
    first, _ = generate(20, seed=3)
    again, _ = generate(20, seed=3)
    other, _ = generate(20, seed=4)
    assert [str(t) for t in first if "BlankNode" not in repr(t)] == [str(t) for t in again if "BlankNode" not in repr(t)]
    assert [str(t) for t in first] != [str(t) for t in other]


def test_ten_thousand_triples_pass_kg_validate(tmp_path):
    out = tmp_path / "synth.nt"
    result = CliRunner().invoke(main, ["synth", "--articles", "125", "--seed", "1", "--out", str(out)])
    assert result.exit_code == 0, result.output
    count = int(result.output.split()[1])
    assert 8_000 < count < 12_000
    report = kg.validate(out, source=out.with_suffix(".txt"))
    assert report.violations == []
    graph = kg.load(out)
    denials = kg.query("SELECT (COUNT(*) AS ?n) WHERE { ?c <https://kg.example.org/ontology#stance> "
                       "<https://kg.example.org/stance/deny> }", graph)
    accusations = kg.query("SELECT (COUNT(*) AS ?n) WHERE { ?c <https://kg.example.org/ontology#stance> "
                           "<https://kg.example.org/stance/accuse> }", graph)
    assert 0 < denials[0]["n"] < accusations[0]["n"]
