"""Beyond one machine: query a remote SPARQL 1.1 endpoint, and push the graph to a triple store.

Standard protocols only, so the same code talks to Oxigraph server, Virtuoso, GraphDB, Fuseki,
Stardog or Neptune:

- ``RemoteStore(endpoint)`` runs our queries through rdflib's ``SPARQLStore`` (SPARQL 1.1
  Protocol). Parameters travel as a trailing ``VALUES`` block written by rdflib (the protocol
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

from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import parse_qsl

import pyoxigraph as ox
import requests
from rdflib import Graph
from rdflib.plugins.stores.sparqlstore import SPARQLStore

from kg.errors import KgError
from kg.namespaces import BASE
from kg.progress import QUIET, Progress
from kg.sparql import QueryError, QueryInfo
from kg.store import Answer, OxigraphStore, RdflibStore

GENID = BASE + ".well-known/genid/"


class RemoteError(KgError):
    """The remote endpoint could not be used; says why and what to try."""


def _status(error: BaseException | None) -> int | None:
    """The HTTP status behind ``error``, looking through the exceptions it was raised from (rdflib
    turns an ``HTTPError`` into a bare ``ValueError``)."""
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
        return RemoteError(f"{url}: the server answered {status}")
    return RemoteError(f"{url}: cannot reach the endpoint; is the server running and the URL right?")


class RemoteStore(RdflibStore):
    """A read-only view of a remote SPARQL endpoint, answering like the local stores."""

    name = "remote"

    def __init__(self, endpoint: str, user: str | None = None, password: str | None = None, timeout: float = 30):
        auth = (user, password or "") if user else None
        self.endpoint = endpoint
        url, _, query = endpoint.partition("?")  # rdflib would append "?query=..." after the URL's own "?"
        params = dict(parse_qsl(query, keep_blank_values=True))
        super().__init__(Graph(store=SPARQLStore(url, returnFormat="json", auth=auth, timeout=timeout, params=params)))

    def __len__(self) -> int:
        answer = self.run(QueryInfo("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "SELECT"), {})
        return int(answer.rows[0][0])

    def run(self, query: QueryInfo, bindings, limit: int | None = None) -> Answer:
        try:
            return super().run(query, bindings, limit)
        except QueryError as error:
            cause = error.__context__ or error.__cause__
            if cause is not None and not isinstance(cause, QueryError):
                raise explain(self.endpoint, cause) from None
            raise


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
