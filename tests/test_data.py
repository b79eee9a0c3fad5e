"""What the Belgorod graph says: the article's claims, with who says them, asserted as answers."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph

from kg.namespaces import ID

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data" / "belgorod.ttl"


def labels(rows):
    return sorted(row[0] for row in rows)


def test_medvedev_accuses_exactly_the_us_eu_and_uk(select):
    edges = select("SELECT ?l WHERE { :DmitryMedvedev kg:accuses ?x . ?x rdfs:label ?l }")
    assert labels(edges) == ["European Union", "United Kingdom", "United States"]
    claims = select("""
        SELECT ?l WHERE {
          ?c kg:claimant :DmitryMedvedev ; kg:stance st:accuse ; kg:proposition ?p .
          ?p rdf:subject ?x ; rdf:predicate kg:responsibleFor ; rdf:object :BelgorodRaid .
          ?x rdfs:label ?l }""")
    assert labels(claims) == ["European Union", "United Kingdom", "United States"]


def test_rvc_and_legion_both_claim_responsibility_for_the_raid(select):
    edges = select("SELECT ?l WHERE { ?g kg:claimsResponsibilityFor :BelgorodRaid ; rdfs:label ?l }")
    assert labels(edges) == ["Freedom of Russia Legion", "Russian Volunteer Corps"]
    claims = select("""
        SELECT ?l ?date WHERE {
          ?c kg:stance st:claim-responsibility ; kg:claimant ?g ; kg:proposition ?p ; kg:claimDate ?date .
          ?p rdf:subject ?g ; rdf:object :BelgorodRaid .
          ?g rdfs:label ?l }""")
    assert sorted(claims) == [("Freedom of Russia Legion", "2023-05-22"), ("Russian Volunteer Corps", "2023-05-22")]


def test_kyivs_denial_and_russias_accusation_point_at_the_same_proposition(select):
    rows = select("""
        SELECT ?p ?label WHERE {
          ?accusation kg:claimant :Russia ; kg:stance st:accuse ; kg:proposition ?p .
          ?denial kg:claimant :Ukraine ; kg:stance st:deny ; kg:proposition ?p .
          ?p rdfs:label ?label }""")
    assert rows == [(str(ID["p-ukraine-behind-raid"]), "Ukraine was behind the Belgorod raid")]


def test_everyone_on_the_ukraine_behind_raid_proposition(select):
    rows = select("""
        SELECT ?who ?stance WHERE {
          ?c kg:proposition :p-ukraine-behind-raid ; kg:claimant ?x ; kg:stance ?s .
          ?x rdfs:label ?who . ?s skos:prefLabel ?stance }""")
    assert sorted(rows) == [
        ("Dmitry Medvedev", "reject a denial"),
        ("Mykhailo Podolyak", "deny"),
        ("Russia", "accuse"),
        ("Ukraine", "deny"),
    ]


def test_medvedev_calls_kyivs_denial_a_lie_in_response_to_it(select):
    rows = select("""
        SELECT ?quote WHERE {
          ?c kg:claimant :DmitryMedvedev ; kg:stance st:rebut ; kg:respondsTo :c-kyiv-denies ; kg:evidence ?quote }""")
    assert rows == [("Kyiv’s denial was “an absolute lie”, he said.",)]
    assert select("SELECT ?x WHERE { :DmitryMedvedev kg:disputes ?x }") == [(str(ID.Ukraine),)]


def test_the_defence_ministrys_70_figure_is_not_possible_to_verify(select):
    rows = select("""
        SELECT ?count ?qualifier ?status ?note WHERE {
          ?c kg:claimant :RussianDefenceMinistry ; kg:proposition ?p ;
             kg:verificationStatus ?s ; kg:verificationNote ?note .
          ?p rdf:predicate kg:casualties ; rdf:object ?n .
          ?n kg:count ?count ; kg:countQualifier ?qualifier .
          ?s skos:prefLabel ?status }""")
    assert rows == [("70", "more than", "not possible to verify", "a figure that was not possible to verify")]


def test_the_legions_command_claim_is_the_legions_not_a_fact(select):
    rows = select("""
        SELECT ?claimant ?object ?status WHERE {
          ?c kg:proposition ?p ; kg:claimant ?x ; kg:verificationStatus ?s .
          ?p rdf:subject :FreedomOfRussiaLegion ; rdf:predicate kg:operatesUnderCommandOf ; rdf:object ?o .
          ?x rdfs:label ?claimant . ?o rdfs:label ?object . ?s skos:prefLabel ?status }""")
    assert rows == [("Freedom of Russia Legion", "Armed Forces of Ukraine", "unverified")]
    assert select("SELECT ?o WHERE { :FreedomOfRussiaLegion kg:operatesUnderCommandOf ?o }") == []


def test_rvc_founded_by_a_far_right_russian_national_last_august(select):
    rows = select("""
        SELECT ?wording ?begin ?end ?timeWording WHERE {
          :RussianVolunteerCorps kg:foundedBy ?f . ?f kg:articleWording ?wording .
          ?e kg:established :RussianVolunteerCorps ; sem:hasBeginTimeStamp ?begin ;
             sem:hasEndTimeStamp ?end ; kg:timeWording ?timeWording }""")
    assert rows == [("a far-right Russian national", "2022-08-01", "2022-08-31", "last August")]


def test_peskov_reaches_the_article_through_ria_novosti(select):
    rows = select("""
        SELECT ?aim ?wording WHERE {
          ?c kg:claimant :DmitryPeskov ; kg:via :RIANovosti ; kg:viaWording ?wording ; kg:proposition ?p .
          ?p rdf:predicate kg:aim ; rdf:object ?aim }""")
    assert rows == [("to divert attention from the direction of Bakhmut",
                     "as quoted by Russia’s state news agency RIA Novosti")]
    assert select("SELECT ?x WHERE { :RIANovosti kg:quotes ?x }") == [(str(ID.DmitryPeskov),)]


def test_hromadske_cites_ukrainian_military_intelligence_sources_and_names_both_groups(select):
    rows = select("""
        SELECT ?group ?source WHERE {
          ?c kg:claimant :Hromadske ; kg:stance st:attribute ; kg:citesSource ?s ; kg:proposition ?p .
          ?p rdf:subject ?g ; rdf:predicate kg:responsibleFor .
          ?g rdfs:label ?group . ?s rdfs:label ?source }""")
    source = "Ukrainian military intelligence sources (cited by Hromadske)"
    assert sorted(rows) == [("Freedom of Russia Legion", source), ("Russian Volunteer Corps", source)]


def test_hromadske_attributes_the_same_propositions_the_groups_claim(select):
    rows = select("""
        SELECT ?group ?stance WHERE {
          ?own kg:claimant ?g ; kg:stance st:claim-responsibility ; kg:proposition ?p .
          ?other kg:claimant :Hromadske ; kg:stance ?s ; kg:proposition ?p .
          ?g rdfs:label ?group . ?s skos:prefLabel ?stance }""")
    assert sorted(rows) == [("Freedom of Russia Legion", "attribute responsibility"),
                            ("Russian Volunteer Corps", "attribute responsibility")]
    # the article does not call either claim confirmed, so neither is marked so
    assert select("SELECT ?c WHERE { ?c kg:verificationStatus vs:confirmed-by-another-source }") == []


def test_foreign_legion_denies_the_rvc_unit_that_intelligence_asserts(select):
    rows = select("""
        SELECT ?who ?stance WHERE {
          ?c kg:proposition :p-rvc-unit-in-foreign-legion ; kg:claimant ?x ; kg:stance ?s .
          ?x rdfs:label ?who . ?s skos:prefLabel ?stance }""")
    assert sorted(rows) == [("Ukrainian Foreign Legion", "deny"), ("Ukrainian military intelligence agency", "assert")]


def test_exactly_two_propositions_are_contested(select):
    rows = select("""
        SELECT DISTINCT ?label WHERE {
          ?d kg:stance st:deny ; kg:proposition ?p .
          ?a kg:stance ?s ; kg:proposition ?p . FILTER (?s != st:deny)
          ?p rdfs:label ?label }""")
    assert labels(rows) == ["The RVC has a unit in the Ukrainian Foreign Legion", "Ukraine was behind the Belgorod raid"]


def test_attackers_nationality_is_claimed_both_ways(select):
    rows = select("""
        SELECT ?who ?state WHERE {
          ?c kg:claimant ?x ; kg:proposition ?p .
          ?p rdf:subject :Attackers ; rdf:predicate kg:nationality ; rdf:object ?o .
          ?x rdfs:label ?who . ?o rdfs:label ?state }""")
    assert sorted(rows) == [
        ("Dmitry Peskov", "Ukraine"),
        ("Ukrainian military intelligence spokesperson", "Russia"),
        ("Vyacheslav Gladkov", "Ukraine"),
    ]
    assert select("SELECT ?o WHERE { :Attackers kg:nationality ?o }") == []


def test_the_raid_began_on_monday_22_may_and_went_on_tuesday(select):
    rows = select("""
        SELECT ?begin ?end ?precision WHERE {
          :BelgorodRaid sem:hasBeginTimeStamp ?begin ; sem:hasEndTimeStamp ?end ; kg:timePrecision ?precision }""")
    assert rows == [("2023-05-22", "2023-05-23", "http://www.w3.org/2006/time#unitDay")]


@pytest.mark.parametrize(("event", "begin", "end", "wording"), [
    ("LegionFormation", "2022-03-01", "2022-05-31", "spring 2022"),
    ("BelgorodCityBombing", "2023-04-01", "2023-04-30", "last month"),
    ("MarchRaid", "2023-03-01", "2023-03-31", "in March"),
    ("BogdanovNaturalisation", "2015-01-01", "2015-12-31", "in 2015"),
])
def test_relative_dates_are_resolved_and_keep_the_articles_wording(select, event, begin, end, wording):
    rows = select("""
        SELECT ?b ?e ?w WHERE { ?event sem:hasBeginTimeStamp ?b ; sem:hasEndTimeStamp ?e ; kg:timeWording ?w }""",
        event=ID[event])
    assert rows == [(begin, end, wording)]


def test_unnamed_actors_keep_the_articles_words_and_no_guessed_identity(select):
    rows = select("SELECT ?w WHERE { ?x a kg:UnnamedActor ; kg:articleWording ?w }")
    wordings = labels(rows)
    assert "a far-right Russian national" in wordings
    assert "one elderly lady" in wordings
    assert len(wordings) == 16
    assert select("SELECT ?x WHERE { ?x a kg:UnnamedActor . { ?x owl:sameAs ?y } UNION { ?x skos:exactMatch ?y } }") == []


def test_belgorod_borders_luhansk_sumy_and_kharkiv(select):
    rows = select("SELECT ?l WHERE { :BelgorodRegion kg:borders ?r . ?r rdfs:label ?l }")
    assert labels(rows) == ["Kharkiv region", "Luhansk region", "Sumy region"]


def test_only_places_with_a_cited_source_have_coordinates(select):
    rows = select("SELECT ?l ?src WHERE { ?p geo:lat ?lat ; rdfs:label ?l ; kg:coordinateSource ?src }")
    assert rows == [("Moscow", "http://www.wikidata.org/entity/Q649")]
    assert select("SELECT ?p WHERE { ?p geo:lat ?lat FILTER NOT EXISTS { ?p kg:coordinateSource ?s } }") == []


def test_every_claim_has_claimant_source_quote_date_and_status(select):
    total = select("SELECT (COUNT(?c) AS ?n) WHERE { ?c a kg:Claim }")
    complete = select("""
        SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {
          ?c a kg:Claim ; kg:claimant ?who ; kg:reportedIn ?article ; kg:evidence ?quote ;
             kg:claimDate ?date ; kg:verificationStatus ?status ; kg:stance ?stance ; kg:proposition ?p .
          ?article schema:publisher :AlJazeera }""")
    assert total == complete == [("148",)]


def test_claims_by_claimant_cover_every_party(select):
    rows = select("""
        SELECT ?who (COUNT(?c) AS ?n) WHERE { ?c kg:claimant ?x . ?x rdfs:label ?who } GROUP BY ?who""")
    counts = dict(rows)
    assert counts["Al Jazeera"] == "71"
    assert counts["Freedom of Russia Legion"] == "15"
    assert counts["Dmitry Medvedev"] == "7"
    assert len(counts) == 20


def test_named_entities_number_about_forty(select):
    rows = select("""
        SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {
          { ?x a/rdfs:subClassOf* kg:Actor } UNION { ?x a/rdfs:subClassOf* kg:Place } UNION { ?x a kg:Platform }
          FILTER NOT EXISTS { ?x a kg:UnnamedActor } }""")
    assert rows == [("41",)]


def test_second_parser_pyoxigraph_reads_the_same_number_of_triples():
    rdflib_count = len(Graph().parse(DATA, format="turtle"))
    store = pyoxigraph.Store()
    store.load(path=str(DATA), format=pyoxigraph.RdfFormat.TURTLE)
    assert len(store) == rdflib_count == 2514
