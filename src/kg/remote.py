"""Beyond one machine: query a remote SPARQL 1.1 endpoint, and push the graph to a triple store.

Standard protocols only, so the same code talks to Oxigraph server, Virtuoso, GraphDB, Fuseki,
Stardog or Neptune:

- ``RemoteStore(endpoint)`` runs our queries over the SPARQL 1.1 Protocol, with a time limit.
  Parameters travel as a ``VALUES`` block at the start of the query's WHERE group (the protocol
  has no bindings), so catalog parameters are matched by triple patterns, never in a FILTER.
  Protocol parameters in the endpoint URL go with every query, e.g.
  ``http://host:8890/sparql?default-graph-uri=IRI`` queries one named graph (on Virtuoso the
  default dataset is the union of all graphs, its system graphs included).
- ``push(store, url)`` uploads with the SPARQL 1.1 Graph Store HTTP Protocol: the first chunk is
  a ``PUT`` (it replaces the target graph), the rest are ``POST``s (they add to it); so a push
  that fails midway is retried from the start without duplicating triples. Blank nodes are
  skolemised (``/.well-known/genid/`` IRIs) so that chunks keep them apart and together correctly.
  With digest auth a bodiless ``HEAD`` first fetches the challenge, so no chunk is sent twice.

Network failures, 401, 413 and server errors become one clear ``KgError`` each.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass

import pyoxigraph as ox
import requests
from rdflib import Graph, Variable
from rdflib.query import Result
from rdflib.term import Node

from kg.errors import KgError
from kg.namespaces import BASE
from kg.progress import QUIET, Progress
from kg.sparql import QueryInfo
from kg.store import Answer, OxigraphStore, _page, _plain, values_block, with_values

GENID = BASE + ".well-known/genid/"


class RemoteError(KgError):
    """The remote endpoint could not be used; says why and what to try."""


def _status(error: BaseException | None) -> int | None:
    """The HTTP status behind ``error``, looking through the exceptions it was raised from."""
    while error is not None:
        status = getattr(getattr(error, "response", None), "status_code", None) or getattr(error, "code", None)
        if isinstance(status, int):
            return status
        error = error.__cause__ or error.__context__
    return None


def explain(url: str, error: Exception) -> RemoteError:
    """One sentence for a failed HTTP exchange with ``url``."""
    status = _status(error)
    if status == 401 or status == 403:
        return RemoteError(f"{url}: access refused ({status}); check --user and --password")
    if status == 413:
        return RemoteError(f"{url}: the server refused the request as too large (413); use a smaller --chunk-size")
    if status is not None and int(status) >= 500:
        return RemoteError(f"{url}: the server failed ({status}); see its logs, then try again")
    if status is not None:
        said = (getattr(getattr(error, "response", None), "text", "") or "").strip().splitlines()
        return RemoteError(f"{url}: the server answered {status}" + (f": {said[0][:300]}" if said else ""))
    return RemoteError(f"{url}: cannot reach the endpoint; is the server running and the URL right?")


class RemoteStore:
    """A read-only view of a remote SPARQL endpoint, answering like the local stores.

    Speaks the SPARQL 1.1 Protocol itself (an HTML-form POST through ``requests``, so every
    request has a time limit) and reads the answers with rdflib's own result and RDF parsers.
    """

    name = "remote"

    def __init__(self, endpoint: str, user: str | None = None, password: str | None = None, timeout: float = 30):
        self.endpoint = endpoint
        self.auth = (user, password or "") if user else None
        self.timeout = timeout

    def __len__(self) -> int:
        answer = self.run(QueryInfo("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "SELECT"), {})
        return int(answer.rows[0][0])

    def run(self, query: QueryInfo, bindings: dict[str, Node], limit: int | None = None) -> Answer:
        text = query.paged(limit)  # the server sends only the page
        if bindings:  # the protocol has no bindings: a VALUES block opening the WHERE group joins them early
            text = with_values(text, bindings) or f"{text}\n{values_block(bindings)}"
        accept = "text/turtle" if query.returns_graph else "application/sparql-results+json"
        try:
            response = requests.post(self.endpoint, data={"query": text}, headers={"Accept": accept},
                                     auth=self.auth, timeout=self.timeout)
            response.raise_for_status()
        except requests.Timeout:
            raise RemoteError(f"{self.endpoint}: no answer within {self.timeout:g} s; the query may be too "
                              "heavy for the server, or the server is down") from None
        except requests.RequestException as error:
            raise explain(self.endpoint, error) from None
        if query.returns_graph:
            triples = Graph().parse(data=response.content, format="turtle")
            return Answer(query.form, triples=[tuple(_plain(t) for t in triple) for triple in triples])
        result = Result.parse(io.BytesIO(response.content), format="json")
        if query.form == "ASK":
            return Answer("ASK", boolean=bool(result.askAnswer))
        variables = [str(v) for v in result.vars]
        page, more = _page(result.bindings, limit)
        rows = [tuple(_plain(row.get(Variable(v))) for v in variables) for row in page]
        return Answer("SELECT", variables, rows, more=more)


@dataclass(frozen=True)
class PushResult:
    url: str
    triples: int
    requests: int


def _skolem(term):
    return ox.NamedNode(GENID + term.value) if isinstance(term, ox.BlankNode) else term


def _chunks(store: OxigraphStore, size: int) -> Iterator[bytes]:
    batch = []
    for quad in store.store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
        batch.append(ox.Triple(_skolem(quad.subject), quad.predicate, _skolem(quad.object)))
        if len(batch) >= size:
            yield ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES)
            batch = []
    if batch:
        yield ox.serialize(batch, format=ox.RdfFormat.N_TRIPLES)


def push(store: OxigraphStore, url: str, graph: str | None = None, user: str | None = None,
         password: str | None = None, chunk_size: int = 100_000, digest: bool = False,
         progress: Progress = QUIET, timeout: float = 300) -> PushResult:
    """Upload ``store``'s default graph to the Graph Store endpoint ``url`` (into ``graph``, or the
    target's default graph), ``chunk_size`` triples a request."""
    params = {"graph": graph} if graph else {"default": ""}
    auth = None
    if user:
        auth = requests.auth.HTTPDigestAuth(user, password or "") if digest else (user, password or "")
    headers = {"Content-Type": "application/n-triples"}
    sent = count = 0
    with requests.Session() as session:
        if digest and user:
            # Digest auth answers the first request with a challenge (401); a server may send it before
            # reading the body and drop the connection ("Response ended prematurely"; Virtuoso does with
            # large chunks). So ask for the challenge without a body: later requests carry credentials.
            try:
                response = session.head(url, params=params, auth=auth, timeout=timeout)
                if response.status_code in (401, 403):
                    response.raise_for_status()
            except requests.RequestException as error:
                raise explain(url, error) from None
        with progress.step(f"Pushing {len(store)} triples", total=len(store)) as advance:
            for body in _chunks(store, chunk_size):
                method = session.put if sent == 0 else session.post
                try:
                    response = method(url, params=params, data=body, headers=headers, auth=auth, timeout=timeout)
                    response.raise_for_status()
                except requests.RequestException as error:
                    raise explain(url, error) from None
                sent += 1
                lines = body.count(b"\n")
                count += lines
                advance(lines)
    if sent == 0:  # an empty graph still replaces the target
        try:
            session = requests.put(url, params=params, data=b"", headers=headers, auth=auth, timeout=timeout)
            session.raise_for_status()
        except requests.RequestException as error:
            raise explain(url, error) from None
        sent = 1
    return PushResult(url, count, sent)
