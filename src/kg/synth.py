"""A synthetic news corpus that follows our ontology and shapes, for scale tests and benchmarks.

``generate(articles, seed)`` yields the triples of ``articles`` reports about a shared pool of
actors (popularity skewed like real coverage: a Zipf-like draw), each with an outlet, an attack
event with place and dates, an outlet-stated fact, and claims (accusations with their speech-act
edges, claims of responsibility, assertions) of which some are denied by the accused, on the same
proposition node. Every claim has claimant, stance, proposition, a verbatim quote, source, date
and status, so the corpus passes ``kg validate`` with ``quotes_text`` as its article text.

Reproducible: the same ``(articles, seed)`` gives the same triples in the same order. About 80
triples an article: ``articles=125`` is ~10^4 triples, ``12_500`` ~10^6.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator

import pyoxigraph as ox

from kg.namespaces import CAMP, ID, KG, RDF, RDFS, SCHEMA, SEM, STANCE, STATUS, TIME, XSD

TRIPLES_PER_ARTICLE = 80

_CAMPS = ["russian-state", "ukrainian-state", "anti-kremlin-militias", "western-governments",
          "independent-observers"]
_VERBS = {"accuse": "accused", "claim-responsibility": "claimed", "assert": "said", "deny": "denied"}


def _iri(term) -> ox.NamedNode:
    return ox.NamedNode(str(term))


def _lit(value, datatype=None) -> ox.Literal:
    if datatype is not None:
        return ox.Literal(str(value), datatype=_iri(datatype))
    return ox.Literal(str(value))


class _Corpus:
    def __init__(self, articles: int, seed: int):
        self.rng = random.Random(seed)
        self.articles = articles
        self.actors = [_iri(ID[f"synth-actor-{i}"]) for i in range(max(40, articles // 3))]
        self.places = [_iri(ID[f"synth-place-{i}"]) for i in range(max(20, articles // 20))]
        self.outlets = [_iri(ID[f"synth-outlet-{i}"]) for i in range(max(5, articles // 200))]
        self.quotes: list[str] = []

    def popular(self, pool: list) -> ox.NamedNode:
        """A Zipf-like draw: the first entries of the pool are far more often in the news."""
        return pool[min(len(pool) - 1, int(self.rng.paretovariate(1.2)) - 1)]

    def quote(self, text: str) -> ox.Literal:
        self.quotes.append(text)
        return _lit(text)


def generate(articles: int, seed: int = 1) -> tuple[list[ox.Triple], list[str]]:
    """The corpus's triples and the sentences its quotes come from (the synthetic article text)."""
    corpus = _Corpus(articles, seed)
    triples = list(_pools(corpus))
    for number in range(articles):
        triples.extend(_article(corpus, number))
    return triples, corpus.quotes


def _pools(c: _Corpus) -> Iterator[ox.Triple]:
    t = ox.Triple
    for i, actor in enumerate(c.actors):
        kind = (KG.Person, KG.Organisation, KG.State)[i % 3]
        yield t(actor, _iri(RDF.type), _iri(kind))
        yield t(actor, _iri(RDFS.label), _lit(f"Actor {i}"))
        yield t(actor, _iri(SCHEMA.description), _lit(f"Synthetic actor number {i}."))
        yield t(actor, _iri(KG.camp), _iri(CAMP[_CAMPS[i % len(_CAMPS)]]))
    for i, place in enumerate(c.places):
        yield t(place, _iri(RDF.type), _iri(KG.Region))
        yield t(place, _iri(RDFS.label), _lit(f"Place {i}"))
        yield t(place, _iri(SCHEMA.description), _lit(f"Synthetic region number {i}."))
    for i, outlet in enumerate(c.outlets):
        yield t(outlet, _iri(RDF.type), _iri(KG.MediaOutlet))
        yield t(outlet, _iri(RDFS.label), _lit(f"Outlet {i}"))
        yield t(outlet, _iri(SCHEMA.description), _lit(f"Synthetic news outlet number {i}."))
        yield t(outlet, _iri(KG.camp), _iri(CAMP["independent-observers"]))


def _article(c: _Corpus, n: int) -> Iterator[ox.Triple]:
    t, rng = ox.Triple, c.rng
    day = datetime.date(2023, 1, 1) + datetime.timedelta(days=n % 365)
    date = _lit(day.isoformat(), XSD.date)
    article, event = _iri(ID[f"synth-article-{n}"]), _iri(ID[f"synth-event-{n}"])
    outlet, place = c.outlets[n % len(c.outlets)], c.popular(c.places)
    yield from [
        t(article, _iri(RDF.type), _iri(SCHEMA.NewsArticle)), t(article, _iri(RDFS.label), _lit(f"Report {n}")),
        t(article, _iri(SCHEMA.headline), _lit(f"Report {n}: an attack")), t(article, _iri(SCHEMA.publisher), outlet),
        t(article, _iri(SCHEMA.datePublished), date),
        t(event, _iri(RDF.type), _iri(KG.Attack)), t(event, _iri(RDFS.label), _lit(f"Attack {n}")),
        t(event, _iri(SCHEMA.description), _lit(f"The attack reported in report {n}.")),
        t(event, _iri(SEM.hasBeginTimeStamp), date), t(event, _iri(SEM.hasEndTimeStamp), date),
        t(event, _iri(KG.timePrecision), _iri(TIME.unitDay)), t(event, _iri(KG.timeWording), _lit("on the day")),
        t(event, _iri(KG.evidence), c.quote(f"Report {n} says an attack took place on the day")),
        t(event, _iri(KG.attestedBy), outlet), t(event, _iri(KG.reportedIn), article),
        t(event, _iri(SEM.hasPlace), place),
    ]
    yield from _claim(c, n, "place", outlet, "assert", (event, _iri(SEM.hasPlace), place), article, date,
                      STATUS["stated-by-outlet"], f"Report {n} places the attack in its region")
    said: set[str] = set()
    for k in range(rng.randint(3, 6)):
        speaker, accused = c.popular(c.actors), c.popular(c.actors)
        if speaker == accused:
            continue
        # one proposition node per (accused, event): claims about the same thing share it
        proposition = _iri(ID[f"synth-prop-{n}-{accused.value.rsplit('-', 1)[1]}"])
        if proposition.value not in said:
            said.add(proposition.value)
            yield from [t(proposition, _iri(RDF.type), _iri(RDF.Statement)), t(proposition, _iri(RDF.subject), accused),
                        t(proposition, _iri(RDF.predicate), _iri(KG.responsibleFor)),
                        t(proposition, _iri(RDF.object), event)]
        stance = rng.choice(["accuse", "accuse", "assert"])
        yield from _claim(c, n, k, speaker, stance, proposition, article, date, STATUS.unverified,
                          f"In report {n} a speaker {_VERBS[stance]} point {k}")
        if stance == "accuse":
            yield t(speaker, _iri(KG.accuses), accused)
            if rng.random() < 0.3:  # the accused denies, on the same proposition
                yield from _claim(c, n, f"{k}-denial", accused, "deny", proposition, article, date,
                                  STATUS.unverified, f"In report {n} the accused denied point {k}")
                yield t(accused, _iri(KG.denies), event)


def _claim(c: _Corpus, n, k, claimant, stance, proposition, article, date, status, quote) -> Iterator[ox.Triple]:
    t = ox.Triple
    claim = _iri(ID[f"synth-claim-{n}-{k}"])
    if isinstance(proposition, tuple):
        node = ox.BlankNode()
        yield from [t(node, _iri(RDF.type), _iri(RDF.Statement)), t(node, _iri(RDF.subject), proposition[0]),
                    t(node, _iri(RDF.predicate), proposition[1]), t(node, _iri(RDF.object), proposition[2])]
        proposition = node
    yield from [
        t(claim, _iri(RDF.type), _iri(KG.Claim)), t(claim, _iri(KG.claimant), claimant),
        t(claim, _iri(KG.stance), _iri(STANCE[stance])), t(claim, _iri(KG.proposition), proposition),
        t(claim, _iri(KG.evidence), c.quote(quote)), t(claim, _iri(KG.reportedIn), article),
        t(claim, _iri(KG.claimDate), date), t(claim, _iri(KG.dateWording), _lit("the day of the report")),
        t(claim, _iri(KG.verificationStatus), _iri(status)),
    ]


def write(articles: int, seed: int, nt_path, text_path) -> int:
    """Write the corpus as N-Triples and its quote sentences as text; returns the triple count."""
    from pathlib import Path

    triples, quotes = generate(articles, seed)
    Path(nt_path).write_bytes(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES))
    Path(text_path).write_text("".join(f"{q}.\n" for q in quotes), encoding="utf-8")
    return len(triples)
