"""Run a query with a time limit and a row limit, in a child process that can be stopped.

Neither rdflib nor Oxigraph can interrupt a running query, so ``run_bounded`` forks: the child
evaluates the query against the already-loaded store (copy-on-write, nothing is reloaded) and
sends the ``Answer`` back through a pipe; the parent waits at most ``timeout`` seconds and kills
the child if it has not answered. A result larger than ``max_rows`` is refused, not truncated.

Limits: needs the ``fork`` start method (Linux, macOS). The parent never queries the store
itself, so no engine lock can be held by another thread when it forks.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import traceback

from kg.errors import KgError
from kg.queries import NamedQuery, execute
from kg.sparql import QueryError, inspect_query
from kg.store import Answer, Store

_FORK_LOCK = threading.Lock()


class QueryTimeout(QueryError):
    def __init__(self, seconds: float):
        super().__init__(f"the query ran longer than {seconds:g} s and was stopped; simplify it or add a LIMIT",
                         status=503)


class ResultTooLarge(QueryError):
    def __init__(self, limit: int):
        super().__init__(f"the result has more rows than the limit of {limit}; add a LIMIT "
                         "(or raise --max-rows)", status=413)


def run_bounded(store: Store, query: NamedQuery, params: dict[str, str] | None,
                timeout: float, max_rows: int) -> Answer:
    """``execute(store, query, params)`` in a child process, within ``timeout`` s and ``max_rows``."""
    inspect_query(query.text, query.source)  # here, not in the child: remembered for the next request
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)

    def child() -> None:
        try:
            answer = execute(store, query, params, limit=max_rows)
            if answer.more or len(answer) > max_rows:  # CONSTRUCT answers are not cut
                raise ResultTooLarge(max_rows)
            send.send(("ok", answer))
        except ResultTooLarge:
            send.send(("too large", None))
        except KgError as error:  # sent as text: exceptions with custom __init__ do not unpickle
            send.send(("error", (str(error), getattr(error, "status", 400))))
        except BaseException:  # an engine crash: report it, never hang the parent
            send.send(("error", ("the query failed: " + traceback.format_exc(limit=1).strip(), 500)))
        finally:
            send.close()
            os._exit(0)

    with _FORK_LOCK:
        process = context.Process(target=child, daemon=True)
        process.start()
    send.close()
    try:
        if not receive.poll(timeout):
            raise QueryTimeout(timeout)
        try:
            status, payload = receive.recv()
        except EOFError:
            raise QueryError("the query process ended without an answer") from None
    finally:
        receive.close()
        if process.is_alive():
            process.kill()
        process.join()
    if status == "too large":  # raised again as itself, so that a caller can tell it apart
        raise ResultTooLarge(max_rows)
    if status == "error":
        message, http_status = payload
        raise QueryError(message, status=http_status)
    return payload
