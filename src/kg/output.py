"""Write output files so that a failure never leaves one half-written.

``staged(out_dir)`` yields a private staging folder inside ``out_dir``; files written there are
moved into ``out_dir`` (each by an atomic ``os.replace``) only when the block finishes without an
error. On an error the staging folder is removed and ``out_dir`` keeps its previous files.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.errors import InputError


@contextmanager
def staged(out_dir: str | os.PathLike[str]) -> Iterator[Path]:
    """Stage files for ``out_dir``; publish them all at the end, or none on an error."""
    out = Path(out_dir)
    try:
        out.mkdir(parents=True, exist_ok=True)
        stage = Path(tempfile.mkdtemp(prefix=".staging-", dir=out))
    except OSError as error:
        raise InputError(out, f"cannot write the output folder ({error.strerror})") from None
    try:
        yield stage
        for path in sorted(stage.rglob("*")):
            if path.is_file():
                target = out / path.relative_to(stage)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(path, target)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def write_text(path: str | os.PathLike[str], text: str) -> Path:
    """Write ``text`` to ``path`` atomically (temporary file in the same folder, then rename)."""
    path = Path(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as error:
        raise InputError(path, f"cannot write here ({error.strerror})") from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
