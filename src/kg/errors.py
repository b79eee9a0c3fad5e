"""The exceptions kg raises for problems a user can fix, and the exit codes they map to.

Exit codes (documented in the README and used by the CLI):
    0  success / the graph conforms
    1  validation found violations
    2  usage or input error (bad file, bad argument, bad query)
"""

from __future__ import annotations

from pathlib import Path

EXIT_OK = 0
EXIT_VIOLATIONS = 1
EXIT_USAGE = 2


class KgError(Exception):
    """A problem the user can act on. ``str(error)`` is the whole message; no traceback needed."""

    exit_code = EXIT_USAGE


class InputError(KgError):
    """A file kg was asked to read is missing or malformed; names the file and, if known, the line."""

    def __init__(self, path: str | Path, message: str, line: int | None = None):
        self.path = str(path)
        self.line = line
        self.reason = message
        where = f"{self.path}:{line}" if line is not None else self.path
        super().__init__(f"{where}: {message}")
