"""A synthetic news corpus that follows our ontology and shapes, for scale tests and benchmarks.

``stream(articles, seed, quotes)`` yields the triples of ``articles`` reports about shared pools of
actors, places, outlets and platforms (popularity skewed like real coverage: a Zipf draw).
Each report has a publisher, an attack event with its place and dates, facts the outlet states in
its own voice (place, geography, office holders, membership) and claims by other speakers.

The speakers' claims follow the shape of the reference report (data/belgorod.ttl): mostly plain
assertions and characterisations, some casualty figures, a few accusations, claims of
responsibility and denials of the accusations on the same proposition node; mostly unverified,
some "reportedly" or "not possible to verify" (with the article's words), a few reaching the
report through another outlet, on a platform or citing a source. So every catalog question has
answers at every size. Every claim has claimant, stance, proposition, a verbatim quote, source,
date and status, so the corpus passes ``kg validate`` with ``quotes`` as its article text.

Reproducible: the same ``(articles, seed)`` gives the same triples in the same order. About
``TRIPLES_PER_ARTICLE`` triples a report in the file (``articles=125`` is ~10^4 triples, ``12_500``
~10^6), and ``LOADED_TRIPLES_PER_ARTICLE`` once loaded with the ontology and the derived labels of
claims and propositions (the store's size, which the benchmark sizes by).
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Iterator
from itertools import accumulate

import pyoxigraph as ox

from kg.namespaces import CAMP, ID, KG, RDF, RDFS, SCHEMA, SEM, STANCE, STATUS, TIME, XSD

TRIPLES_PER_ARTICLE = 80
LOADED_TRIPLES_PER_ARTICLE = 90
# Catalog parameters naming the corpus's busiest actors and an outlet: the worst case to ask about.
PARAMS = {"actor": "Actor 0", "source": "Outlet 0", "from": "Actor 0", "to": "Actor 1"}

_CAMPS = ["russian-state", "ukrainian-state", "anti-kremlin-militias", "western-governments",
          "independent-observers"]
_ACTOR_KINDS = (KG.Person, KG.Organisation, KG.State)
_PHRASES = ["a daring raid", "a provocation", "a turning point", "a sabotage operation"]

# The speakers' claims: (share, kind). Shares follow the reference report, where about one claim
# in ten is an accusation, a claim of responsibility or a denial, and most are plain assertions.
_SPEAKER_CLAIMS = [(0.12, "accuse"), (0.06, "claim-responsibility"), (0.12, "casualties"),
                   (0.15, "characterise"), (0.55, "took-part")]
# Their verification status: (share, status); the rest are unverified.
_STATUSES = [(0.08, "reportedly"), (0.03, "not-possible-to-verify"), (0.01, "independently-verified")]


def _iri(term) -> ox.NamedNode:
    return ox.NamedNode(str(term))


def _lit(value, datatype=None) -> ox.Literal:
    if datatype is not None:
        return ox.Literal(str(value), datatype=_iri(datatype))
    return ox.Literal(str(value))


def _number(node: ox.NamedNode) -> str:
    return node.value.rsplit("-", 1)[1]


class _Corpus:
    def __init__(self, articles: int, seed: int, quotes: list[str]):
        self.rng = random.Random(seed)
        self.actors = [_iri(ID[f"synth-actor-{i}"]) for i in range(max(40, articles // 3))]
        self.regions = [_iri(ID[f"synth-region-{i}"]) for i in range(max(5, articles // 100))]
        self.places = [_iri(ID[f"synth-place-{i}"]) for i in range(max(20, articles // 20))]
        self.outlets = [_iri(ID[f"synth-outlet-{i}"]) for i in range(max(5, articles // 200))]
        self.platforms = [_iri(ID[f"synth-platform-{i}"]) for i in range(2)]
        self.people = [a for i, a in enumerate(self.actors) if _ACTOR_KINDS[i % 3] == KG.Person]
        self.organisations = [a for i, a in enumerate(self.actors) if _ACTOR_KINDS[i % 3] == KG.Organisation]
        self.quotes = quotes  # the sentences the quotes come from, as they are drawn
        self.stated: set[str] = set()  # propositions (and their direct edges) already written
        self.zipf: dict[int, list[float]] = {}  # cumulative Zipf weights by pool size

    def popular(self, pool: list) -> ox.NamedNode:
        """A Zipf draw (exponent 1): the k-th entry of the pool is in the news 1/k as often as the
        first, so of 4,000 actors the busiest is in about 11% of the draws."""
        if len(pool) not in self.zipf:
            self.zipf[len(pool)] = list(accumulate(1 / rank for rank in range(1, len(pool) + 1)))
        return self.rng.choices(pool, cum_weights=self.zipf[len(pool)])[0]

    def share(self, table: list[tuple[float, str]], rest: str) -> str:
        """A kind drawn with the given shares; ``rest`` for what the shares leave."""
        draw = self.rng.random()
        for share, kind in table:
            if draw < share:
                return kind
            draw -= share
        return rest

    def quote(self, text: str) -> ox.Literal:
        self.quotes.append(text)
        return _lit(text)

    def region_of(self, place: ox.NamedNode) -> ox.NamedNode:
        return self.regions[int(_number(place)) % len(self.regions)]


def stream(articles: int, seed: int, quotes: list[str]) -> Iterator[ox.Triple]:
    """The corpus's triples, one report at a time; the sentences its quotes come from (the
    synthetic article text) are appended to ``quotes`` as they are drawn."""
    corpus = _Corpus(articles, seed, quotes)
    yield from _pools(corpus)
    for number in range(articles):
        yield from _article(corpus, number)


def generate(articles: int, seed: int = 1) -> tuple[list[ox.Triple], list[str]]:
    """The corpus's triples and the sentences its quotes come from, in memory (small corpora)."""
    quotes: list[str] = []
    return list(stream(articles, seed, quotes)), quotes


def _node(node, kind, label: str, description: str) -> Iterator[ox.Triple]:
    t = ox.Triple
    yield t(node, _iri(RDF.type), _iri(kind))
    yield t(node, _iri(RDFS.label), _lit(label))
    yield t(node, _iri(SCHEMA.description), _lit(description))


def _pools(c: _Corpus) -> Iterator[ox.Triple]:
    for i, actor in enumerate(c.actors):
        yield from _node(actor, _ACTOR_KINDS[i % 3], f"Actor {i}", f"Synthetic actor number {i}.")
        yield ox.Triple(actor, _iri(KG.camp), _iri(CAMP[_CAMPS[i % len(_CAMPS)]]))
    for i, region in enumerate(c.regions):
        yield from _node(region, KG.Region, f"Region {i}", f"Synthetic region number {i}.")
    for i, place in enumerate(c.places):
        yield from _node(place, KG.Settlement, f"Place {i}", f"Synthetic town number {i}.")
    for i, outlet in enumerate(c.outlets):
        yield from _node(outlet, KG.MediaOutlet, f"Outlet {i}", f"Synthetic news outlet number {i}.")
        yield ox.Triple(outlet, _iri(KG.camp), _iri(CAMP["independent-observers"]))
    for i, platform in enumerate(c.platforms):
        yield from _node(platform, KG.Platform, f"Platform {i}", f"Synthetic messaging platform number {i}.")


class _Report:
    """One report: its nodes, and claims made in it."""

    def __init__(self, c: _Corpus, n: int):
        self.c, self.n = c, n
        day = datetime.date(2023, 1, 1) + datetime.timedelta(days=n % 365)
        self.date = _lit(day.isoformat(), XSD.date)
        self.article, self.event = _iri(ID[f"synth-article-{n}"]), _iri(ID[f"synth-event-{n}"])
        self.outlet = c.outlets[n % len(c.outlets)]

    def proposition(self, key: str, subject, predicate, obj) -> Iterator[ox.Triple]:
        """The proposition node for ``key`` (written once: claims about the same thing share it)."""
        node = _iri(ID[f"synth-prop-{key}"])
        if node.value not in self.c.stated:
            self.c.stated.add(node.value)
            t = ox.Triple
            yield from [t(node, _iri(RDF.type), _iri(RDF.Statement)), t(node, _iri(RDF.subject), subject),
                        t(node, _iri(RDF.predicate), _iri(predicate)), t(node, _iri(RDF.object), obj)]
        self.last = node

    def claim(self, k, claimant, stance: str, status: str, quote: str, **extra) -> Iterator[ox.Triple]:
        t, claim = ox.Triple, _iri(ID[f"synth-claim-{self.n}-{k}"])
        yield from [
            t(claim, _iri(RDF.type), _iri(KG.Claim)), t(claim, _iri(KG.claimant), claimant),
            t(claim, _iri(KG.stance), _iri(STANCE[stance])), t(claim, _iri(KG.proposition), self.last),
            t(claim, _iri(KG.evidence), self.c.quote(quote)), t(claim, _iri(KG.reportedIn), self.article),
            t(claim, _iri(KG.claimDate), self.date), t(claim, _iri(KG.dateWording), _lit("the day of the report")),
            t(claim, _iri(KG.verificationStatus), _iri(STATUS[status])),
        ]
        for predicate, value in extra.items():
            yield t(claim, _iri(KG[predicate]), value)
        self.last_claim = claim

    def fact(self, key: str, subject, predicate, obj, quote: str) -> Iterator[ox.Triple]:
        """A fact the outlet states in its own voice: the direct edge and the claim backing it."""
        fresh = ID[f"synth-prop-{key}"] not in self.c.stated
        yield from self.proposition(key, subject, predicate, obj)
        if fresh:
            yield ox.Triple(subject, _iri(predicate), obj)
        yield from self.claim(key, self.outlet, "assert", "stated-by-outlet", quote)


def _article(c: _Corpus, n: int) -> Iterator[ox.Triple]:
    t, rng, r = ox.Triple, c.rng, _Report(c, n)
    place = c.popular(c.places)
    yield from [
        t(r.article, _iri(RDF.type), _iri(SCHEMA.NewsArticle)), t(r.article, _iri(RDFS.label), _lit(f"Report {n}")),
        t(r.article, _iri(SCHEMA.headline), _lit(f"Report {n}: an attack")),
        t(r.article, _iri(SCHEMA.publisher), r.outlet), t(r.article, _iri(SCHEMA.datePublished), r.date),
        t(r.event, _iri(RDF.type), _iri(KG.Attack)), t(r.event, _iri(RDFS.label), _lit(f"Attack {n}")),
        t(r.event, _iri(SCHEMA.description), _lit(f"The attack reported in report {n}.")),
        t(r.event, _iri(SEM.hasBeginTimeStamp), r.date), t(r.event, _iri(SEM.hasEndTimeStamp), r.date),
        t(r.event, _iri(KG.timePrecision), _iri(TIME.unitDay)), t(r.event, _iri(KG.timeWording), _lit("on the day")),
        t(r.event, _iri(KG.evidence), c.quote(f"Report {n} says an attack took place on the day")),
        t(r.event, _iri(KG.attestedBy), r.outlet), t(r.event, _iri(KG.reportedIn), r.article),
    ]
    yield from r.fact(f"{n}-place", r.event, SEM.hasPlace, place, f"Report {n} places the attack in {_number(place)}")
    if rng.random() < 0.3:
        region = c.region_of(place)
        yield from r.fact(f"geo-{_number(place)}", place, SCHEMA.containedInPlace, region,
                          f"Report {n} says place {_number(place)} lies in region {_number(region)}")
    if rng.random() < 0.2:
        person = c.popular(c.people)
        region = c.regions[int(_number(person)) % len(c.regions)]
        yield from r.fact(f"governor-{_number(person)}", person, KG.governorOf, region,
                          f"Report {n} names actor {_number(person)} governor of region {_number(region)}")
    if rng.random() < 0.2:
        member, organisation = c.popular(c.actors), c.popular(c.organisations)
        if member != organisation:
            yield from r.fact(f"member-{_number(member)}-{_number(organisation)}", member, KG.memberOf, organisation,
                              f"Report {n} says actor {_number(member)} belongs to actor {_number(organisation)}")
    for k in range(rng.randint(2, 4)):
        yield from _speaker_claim(r, k)


def _speaker_claim(r: _Report, k: int) -> Iterator[ox.Triple]:
    c, n, t = r.c, r.n, ox.Triple
    speaker, kind = c.popular(c.actors), c.share(_SPEAKER_CLAIMS, "took-part")
    other = c.popular(c.actors)
    if kind in ("accuse", "took-part") and other == speaker:
        return
    status = c.share(_STATUSES, "unverified")
    words = {"accuse": "accused", "claim-responsibility": "claimed", "deny": "denied"}.get(kind, "said")
    extra = {}
    if status == "not-possible-to-verify":
        extra["verificationNote"] = c.quote(f"It was not possible to verify point {k} of report {n}")
    link = c.rng.random()
    if link < 0.05:
        via = c.outlets[(n + 1 + k) % len(c.outlets)]
        extra["via"], extra["viaWording"] = via, c.quote(f"as quoted by outlet {_number(via)} in report {n}")
    elif link < 0.10:
        extra["channel"] = c.platforms[k % len(c.platforms)]
    elif link < 0.14:
        extra["citesSource"] = c.popular(c.actors)

    if kind == "accuse":
        yield from r.proposition(f"{n}-{_number(other)}", other, KG.responsibleFor, r.event)
        yield t(speaker, _iri(KG.accuses), other)
    elif kind == "claim-responsibility":
        yield from r.proposition(f"{n}-{_number(speaker)}", speaker, KG.responsibleFor, r.event)
        yield t(speaker, _iri(KG.claimsResponsibilityFor), r.event)
    elif kind == "casualties":
        count = _iri(ID[f"synth-casualties-{n}-{k}"])
        number, killed = c.rng.randint(0, 40), c.rng.random() < 0.6
        yield from [
            t(count, _iri(RDF.type), _iri(KG.CasualtyCount)),
            t(count, _iri(RDFS.label), _lit(f"{number} {'killed' if killed else 'wounded'} in attack {n}")),
            t(count, _iri(KG["count"]), _lit(number, XSD.integer)),
            t(count, _iri(KG.casualtyType), _iri(KG.killed if killed else KG.wounded)),
            t(count, _iri(KG.affectedGroup), other),
        ]
        if c.rng.random() < 0.3:
            yield t(count, _iri(KG.countQualifier), _lit("at least"))
        yield from r.proposition(f"{n}-casualties-{k}", r.event, KG.casualties, count)
    elif kind == "characterise":
        phrase = c.rng.randrange(len(_PHRASES))
        yield from r.proposition(f"{n}-phrase-{phrase}", r.event, KG.characterisedAs, _lit(_PHRASES[phrase]))
    else:
        yield from r.proposition(f"{n}-actor-{_number(other)}", r.event, SEM.hasActor, other)
    stance = {"casualties": "assert", "took-part": "assert"}.get(kind, kind)
    yield from r.claim(k, speaker, stance, status, f"In report {n} a speaker {words} point {k}", **extra)
    if kind == "accuse" and c.rng.random() < 0.3:  # the accused denies, on the same proposition
        yield from r.claim(f"{k}-denial", other, "deny", "unverified", f"In report {n} the accused denied point {k}",
                           respondsTo=r.last_claim)
        yield t(other, _iri(KG.denies), r.event)
    if "citesSource" in extra:
        yield t(speaker, _iri(KG.cites), extra["citesSource"])


def write(articles: int, seed: int, nt_path, text_path) -> int:
    """Write the corpus as N-Triples and its quote sentences as text; returns the triple count.

    The triples are streamed to the file, never all in memory: 10^7 triples take about 30 s and
    under 300 MB (the quotes and the set of propositions already stated). The files are written
    in place; stage them (``kg.output.staged``, as ``kg synth`` does) to get all or nothing."""
    from pathlib import Path

    quotes: list[str] = []
    count = 0

    def counted(triples: Iterator[ox.Triple]) -> Iterator[ox.Triple]:
        nonlocal count
        for count, triple in enumerate(triples, 1):
            yield triple

    ox.serialize(counted(stream(articles, seed, quotes)), Path(nt_path), format=ox.RdfFormat.N_TRIPLES)
    Path(text_path).write_text("".join(f"{q}.\n" for q in quotes), encoding="utf-8")
    return count
