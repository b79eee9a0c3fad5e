"""A read-only SPARQL 1.1 Protocol endpoint over a kg store (Starlette app, served by uvicorn).

``/sparql`` answers queries sent as ``GET ?query=``, as a form-encoded ``POST`` or as a
``POST`` with ``Content-Type: application/sparql-query``, in the format the ``Accept`` header
asks for (JSON, XML, CSV, TSV for SELECT/ASK; Turtle, N-Triples, JSON-LD for CONSTRUCT/DESCRIBE;
``?format=`` overrides). CORS is open so browser tools can query it.

Safe by default: binds 127.0.0.1 (the CLI's ``--host`` changes it); refuses updates (403),
``SERVICE`` and ``FROM`` (400: no URL a query names is fetched); stops a query after
``timeout`` seconds (503); refuses results over ``max_rows`` rows (413) and request bodies over
``max_body`` bytes (413). Errors are answered as ``text/plain`` with the message in the body.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import parse_qs

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from kg import results
from kg.bounded import run_bounded
from kg.errors import KgError
from kg.queries import NamedQuery, parse_header
from kg.sparql import QueryError, UpdateRefused
from kg.store import Answer, Store

DEFAULT_HOST = "127.0.0.1"
DEFAULT_TIMEOUT = 5.0
DEFAULT_MAX_ROWS = 10_000
DEFAULT_MAX_BODY = 64 * 1024

# Media types a client may ask for, in our order of preference within each kind of answer.
ACCEPTED = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv", "text/plain": "table",
    "text/turtle": "turtle", "application/x-turtle": "turtle",
    "application/n-triples": "nt", "application/ld+json": "json-ld",
}


@dataclass(frozen=True)
class Limits:
    timeout: float = DEFAULT_TIMEOUT
    max_rows: int = DEFAULT_MAX_ROWS
    max_body: int = DEFAULT_MAX_BODY


def create_app(store: Store, limits: Limits = Limits(), home_page: str | None = None) -> Starlette:
    """The ASGI app: ``/sparql`` over ``store``, and ``/`` (``home_page`` HTML if given)."""

    async def sparql(request: Request) -> Response:
        try:
            text = await _query_text(request, limits.max_body)
            query = parse_header("query", text, "query")
            answer = await _run(store, query, limits)
            fmt = _negotiate(request, answer.form)
            return Response(results.render(answer, fmt), media_type=results.FORMATS[fmt].media_type)
        except QueryError as error:
            return PlainTextResponse(str(error) + "\n", status_code=error.status)
        except KgError as error:
            return PlainTextResponse(str(error) + "\n", status_code=400)

    async def home(request: Request) -> Response:
        if home_page is not None:
            return HTMLResponse(home_page)
        return PlainTextResponse(f"kg SPARQL endpoint ({store.name} store): send queries to /sparql\n")

    return Starlette(
        routes=[Route("/sparql", sparql, methods=["GET", "POST"]), Route("/", home, methods=["GET"])],
        middleware=[Middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"],
                               allow_headers=["Content-Type", "Accept"])],
    )


async def _query_text(request: Request, max_body: int) -> str:
    if request.method == "GET":
        params = request.query_params
        if "update" in params:
            raise UpdateRefused()
        if "query" not in params:
            raise QueryError("no query: send ?query=... (GET), a form field 'query' (POST), "
                             "or a body with Content-Type application/sparql-query")
        return params["query"]
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > max_body:
        raise QueryError(f"request body over {max_body} bytes", status=413)
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > max_body:
            raise QueryError(f"request body over {max_body} bytes", status=413)
    content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type == "application/sparql-update":
        raise UpdateRefused()
    if content_type == "application/sparql-query":
        return _decode(body)
    if content_type == "application/x-www-form-urlencoded":
        form = parse_qs(_decode(body), keep_blank_values=True)
        if "update" in form:
            raise UpdateRefused()
        if "query" not in form:
            raise QueryError("no 'query' field in the form")
        return form["query"][0]
    raise QueryError(f"unsupported Content-Type {content_type or '(none)'!r}; use application/sparql-query "
                     "or application/x-www-form-urlencoded", status=415)


def _decode(body: bytes) -> str:
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        raise QueryError("the request body is not UTF-8") from None


async def _run(store: Store, query: NamedQuery, limits: Limits) -> Answer:
    return await run_in_threadpool(run_bounded, store, query, {}, limits.timeout, limits.max_rows)


def _negotiate(request: Request, form: str) -> str:
    valid = results.formats_for(form)
    explicit = request.query_params.get("format")
    if explicit:
        if explicit not in valid:
            raise QueryError(f"format {explicit!r} does not fit a {form} query; use one of: {', '.join(valid)}",
                             status=406)
        return explicit
    ranked = []
    for position, part in enumerate(request.headers.get("accept", "").split(",")):
        media, _, params = part.strip().partition(";")
        quality = 1.0
        for param in params.split(";"):
            key, _, value = param.strip().partition("=")
            if key == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        ranked.append((-quality, position, media.strip().lower()))
    for _, _, media in sorted(ranked):
        if media in ACCEPTED and ACCEPTED[media] in valid:
            return ACCEPTED[media]
    return results.default_format(form, for_people=False)


def serve(store: Store, host: str = DEFAULT_HOST, port: int = 8000, limits: Limits = Limits(),
          home_page: str | None = None) -> None:  # pragma: no cover - exercised through the CLI in tests
    """Serve ``store`` until interrupted."""
    import uvicorn

    uvicorn.run(create_app(store, limits, home_page), host=host, port=port, log_level="warning")
