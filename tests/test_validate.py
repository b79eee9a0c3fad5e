"""kg validate: the shipped graph conforms; each broken fixture fails with a message naming the fault."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg
from kg.errors import InputError
from kg.evidence import Article, sentences

FIXTURES = Path(__file__).resolve().parent / "fixtures"
BROKEN = FIXTURES / "broken"


def test_shipped_graph_conforms_with_evidence_checked(report, article_text):
    assert report.violations == []
    assert report.conforms
    assert report.source is not None and report.source.name == "belgorod-article.txt"
    assert report.source_note.startswith("evidence quotes checked against")
    assert report.triples > 3800


def test_both_stores_give_the_same_report_on_the_shipped_graph(report):
    assert kg.validate(store="rdflib").violations == report.violations == []
    on = {store: sorted(map(str, kg.validate(BROKEN / "asserted-claim.ttl", store=store).violations))
          for store in ("rdflib", "oxigraph")}
    assert on["rdflib"] == on["oxigraph"] and len(on["rdflib"]) >= 2


def test_minimal_fixture_conforms():
    assert kg.validate(FIXTURES / "minimal.ttl").violations == []


@pytest.mark.parametrize(("fixture", "check", "focus", "words"), [
    ("missing-label", "shacl", ":Ukraine", "needs an rdfs:label"),
    ("missing-label", "unlabelled-node", ":Ukraine", "has no rdfs:label"),
    ("fabricated-quote", "evidence", ":c-russia-accuses",
     '"Russia accused Ukraine of planning the attacks for months" does not appear verbatim'),
    ("undeclared-predicate", "undeclared-term", "kg:acuses", "predicate is not declared in the ontology"),
    ("asserted-claim", "contested-edge", ":Ukraine", "is denied by :c-kyiv-denies"),
    ("asserted-claim", "fact-edge-without-claim", ":Ukraine", "kg:responsibleFor :BelgorodRaid is not backed"),
    ("missing-status", "shacl", ":c-kyiv-denies", "kg:verificationStatus: A claim needs exactly one"),
    ("unverifiable-without-note", "unverifiable-without-note", ":c-kyiv-denies",
     "has status 'not possible to verify' but no kg:verificationNote"),
    ("via-without-wording", "via-without-wording", ":c-kyiv-denies", "has kg:via :AlJazeera but no kg:viaWording"),
    ("duplicate-proposition", "duplicate-proposition", ":p-ukraine-behind-raid",
     "and :p-ukraine-raided both say :Ukraine kg:responsibleFor :BelgorodRaid; merge them"),
    ("orphan-denial", "orphan-denial", ":c-kyiv-denies", "denies a proposition nobody in the graph claims"),
    ("untyped-node", "untyped-node", ":Ukrane", "has no rdf:type"),
    ("untyped-node", "unlabelled-node", ":Ukrane", "has no rdfs:label"),
])
@pytest.mark.parametrize("store", ["rdflib", "oxigraph"])
def test_broken_fixture_names_its_fault(fixture, check, focus, words, store):
    report = kg.validate(BROKEN / f"{fixture}.ttl", store=store)
    assert not report.conforms
    matching = [v for v in report.violations if v.check == check and v.focus == focus and words in v.message]
    assert matching, "\n".join(map(str, report.violations))


def test_every_broken_fixture_is_covered():
    tested = {"missing-label", "fabricated-quote", "undeclared-predicate", "asserted-claim", "missing-status",
              "syntax-error", "unverifiable-without-note", "via-without-wording", "duplicate-proposition",
              "orphan-denial", "untyped-node"}
    assert {p.stem for p in BROKEN.glob("*.ttl")} == tested


def test_syntax_error_names_file_and_line():
    with pytest.raises(InputError) as caught:
        kg.validate(BROKEN / "syntax-error.ttl")
    assert caught.value.line == 20
    # Oxigraph reads the files first (the default store); rdflib's own message says the same
    assert str(caught.value) == (f"{BROKEN / 'syntax-error.ttl'}:20: turtle syntax error (column 1): "
                                 "A dot is expected at the end of statements")
    with pytest.raises(InputError, match=r"syntax-error.ttl:20: turtle syntax error: expected '\.'"):
        kg.validate(BROKEN / "syntax-error.ttl", store="rdflib")


def test_missing_data_file_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="file not found"):
        kg.validate(tmp_path / "nope.ttl")


def test_unknown_file_type_is_an_input_error(tmp_path):
    path = tmp_path / "data.json"
    path.write_text("{}")
    with pytest.raises(InputError, match=r"unknown RDF file type '\.json'"):
        kg.validate(path)


def test_evidence_check_is_skipped_and_says_so_without_a_source(monkeypatch, tmp_path):
    monkeypatch.delenv("KG_SOURCE", raising=False)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr("kg.graph.project_root", lambda: tmp_path)  # no ../shared beside it
    report = kg.validate(BROKEN / "fabricated-quote.ttl", ontology=Path(__file__).resolve().parents[1] / "ontology")
    assert report.source is None
    assert report.source_note.startswith("evidence check SKIPPED")
    assert report.conforms  # the fabricated quote goes unnoticed, and the note says why


def test_kg_source_environment_variable_is_used(monkeypatch, tmp_path, article_text):
    copy = tmp_path / "article.txt"
    copy.write_text(article_text, encoding="utf-8")
    monkeypatch.setenv("KG_SOURCE", str(copy))
    report = kg.validate(FIXTURES / "minimal.ttl")
    assert report.source == copy
    assert "(from $KG_SOURCE)" in report.source_note


def test_explicit_missing_source_is_an_input_error(tmp_path):
    with pytest.raises(InputError, match="article text not found"):
        kg.validate(FIXTURES / "minimal.ttl", source=tmp_path / "missing.txt")


def test_quote_spanning_two_sentences_is_refused(article_text, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(article_text, encoding="utf-8")
    article = Article(path)
    assert article.check("They are Ukrainian fighters from Ukraine.") is None
    problem = article.check("from Ukraine. There are many ethnic Russians")
    assert problem is not None and "spans more than one sentence" in problem.reason


def test_article_sentences_split_on_quoted_sentence_ends(article_text):
    split = sentences(article_text)
    assert "He described the situation as “extremely tense”." in split
    assert "Russia will be free!” the group wrote." in split
    assert "Fighting continued for a second day early on Tuesday." in split


def test_every_quote_is_short_and_verbatim(graph, article_text, tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(article_text, encoding="utf-8")
    article = Article(path)
    from kg.namespaces import KG
    quotes = [str(q) for q in graph.objects(None, KG.evidence)]
    assert len(quotes) == 166  # 148 claims and 18 events
    assert [q for q in quotes if article.check(q)] == []
    assert max(len(q) for q in quotes) <= 300
