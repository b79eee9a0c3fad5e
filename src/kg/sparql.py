"""Read a SPARQL query before running it: its form, and whether kg may run it at all.

``inspect_query(text)`` parses with rdflib's SPARQL 1.1 parser and returns a ``QueryInfo``
(the form: SELECT, ASK, CONSTRUCT or DESCRIBE). It refuses, with a ``QueryError`` that says
why (and where, for syntax errors):

- syntax errors (line and column);
- updates (INSERT, DELETE, LOAD, CLEAR, ...): kg's stores are read-only;
- ``SERVICE`` clauses and ``FROM``/``FROM NAMED``: both would make the engine fetch a URL.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable

from pyparsing import ParseException
from rdflib.plugins.sparql.algebra import translateQuery, traverse
from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

from kg.errors import KgError

FORMS = {"SelectQuery": "SELECT", "AskQuery": "ASK", "ConstructQuery": "CONSTRUCT", "DescribeQuery": "DESCRIBE"}


class QueryError(KgError):
    """A query kg will not run; ``status`` is the HTTP status the endpoint answers with."""

    def __init__(self, message: str, status: int = 400, line: int | None = None, column: int | None = None):
        self.status = status
        self.line = line
        self.column = column
        super().__init__(message)


class UpdateRefused(QueryError):
    def __init__(self) -> None:
        super().__init__("SPARQL updates are refused: this graph is read-only (send a query: SELECT, ASK, "
                         "CONSTRUCT or DESCRIBE)", status=403)


@dataclass(frozen=True)
class QueryInfo:
    text: str
    form: str  # SELECT, ASK, CONSTRUCT or DESCRIBE
    pageable: bool = False  # a SELECT with no LIMIT, OFFSET or trailing VALUES of its own

    def paged(self, limit: int | None) -> str:
        """The text asking for one row more than ``limit`` (to tell whether more follow), so an
        engine can stop early or keep only the best rows of its sort, and an endpoint sends only
        the page. Unchanged without a limit or when the query is not ``pageable``."""
        return self.text if limit is None or not self.pageable else f"{self.text}\nLIMIT {limit + 1}"

    @property
    def returns_graph(self) -> bool:
        return self.form in ("CONSTRUCT", "DESCRIBE")


@lru_cache(maxsize=256)
def inspect_query(text: str, where: str = "query") -> QueryInfo:
    """The form of ``text``; ``QueryError`` for syntax errors, updates, SERVICE and FROM.

    Remembered per text: rdflib's parser takes 7-70 ms on a catalog query, which a server or a
    notebook asking the same question again should not pay twice (errors are not remembered).

    >>> inspect_query("SELECT ?s WHERE { ?s ?p ?o }").form
    'SELECT'
    """
    if not text.strip():
        raise QueryError(f"{where}: the query is empty")
    try:
        parsed = parseQuery(text)
    except ParseException as error:
        if _is_update(text):
            raise UpdateRefused() from None
        raise QueryError(
            f"{where}:{error.lineno}:{error.col}: SPARQL syntax error: {error.msg} "
            f"(line {error.lineno}, column {error.col}: {error.line.strip()!r})",
            line=error.lineno, column=error.col,
        ) from None
    if dict.get(parsed[1], "datasetClause"):  # CompValue.get returns the key itself when absent
        raise QueryError(f"{where}: FROM and FROM NAMED are refused: kg does not load graphs from URLs; "
                         "the query runs over the loaded graph", status=400)
    try:
        algebra = translateQuery(parsed).algebra
    except Exception as error:  # rdflib raises plain exceptions for e.g. unknown prefixes
        raise QueryError(f"{where}: {error}") from None
    names: set[str] = set()
    traverse(algebra, visitPost=lambda node: names.add(getattr(node, "name", "") or ""))
    if "ServiceGraphPattern" in names:
        raise QueryError(f"{where}: SERVICE is refused: kg does not send queries to other endpoints", status=400)
    pageable = (algebra.name == "SelectQuery" and algebra.p.name != "Slice"
                and not dict.get(parsed[1], "valuesClause"))
    return QueryInfo(text, FORMS[algebra.name], pageable)


def _is_update(text: str) -> bool:
    try:
        parseUpdate(text)
    except ParseException:
        return False
    return True


def query_files(package: str) -> list[Traversable]:
    """The ``.rq`` files shipped in ``package`` (e.g. ``kg.catalog``), in name order."""
    return sorted((entry for entry in resources.files(package).iterdir() if entry.name.endswith(".rq")),
                  key=lambda entry: entry.name)


def query_text(package: str, name: str) -> str:
    """The text of ``name`` (a file name) in ``package``."""
    return resources.files(package).joinpath(name).read_text(encoding="utf-8")
