"""Check evidence quotes against the article they claim to quote.

A quote passes when, after folding runs of white space, it appears verbatim in the article and
lies within one sentence (see ``sentences`` for how the article is split).

Limits: the comparison is exact to the character (curly quotes and dashes included); only white
space is folded.
"""

from __future__ import annotations

import difflib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from kg.errors import InputError

SOURCE_ENV = "KG_SOURCE"
DEFAULT_SOURCE = Path("..") / "shared" / "source" / "belgorod-article.txt"

_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """Collapse every run of white space to one space and strip the ends."""
    return _SPACE.sub(" ", text).strip()


def find_source(source: str | os.PathLike[str] | None, project_root: Path) -> tuple[Path | None, str]:
    """Where the article text is, and a sentence saying how it was chosen (or why the check is skipped).

    Order: the explicit ``source``, then ``$KG_SOURCE``, then ``../shared/source/belgorod-article.txt``
    beside the project, then beside the current folder. An explicit path that does not exist is an
    error; a missing default only skips the check.
    """
    if source is not None:
        path = Path(source)
        if not path.is_file():
            raise InputError(path, "article text not found (given with --source)")
        return path, f"evidence quotes checked against {path}"
    if os.environ.get(SOURCE_ENV):
        path = Path(os.environ[SOURCE_ENV])
        if not path.is_file():
            raise InputError(path, f"article text not found (given in ${SOURCE_ENV})")
        return path, f"evidence quotes checked against {path} (from ${SOURCE_ENV})"
    for base in (project_root, Path.cwd()):
        path = (base / DEFAULT_SOURCE).resolve()
        if path.is_file():
            return path, f"evidence quotes checked against {path}"
    return None, (
        f"evidence check SKIPPED: no article text found (looked for {DEFAULT_SOURCE} beside the project "
        f"and the current folder); pass --source PATH or set ${SOURCE_ENV}"
    )


def sentences(text: str) -> list[str]:
    """The article's sentences (white space folded).

    A sentence ends at ``.``, ``!`` or ``?`` (or a closing ``”`` right after one) followed by the
    end of the paragraph, or by a capital letter or ``“``. Sentences inside a quotation count
    on their own, so a quote cannot carry two sentences of a speaker either.
    """
    out: list[str] = []
    for paragraph in text.splitlines():
        paragraph = fold(paragraph)
        start = 0
        for i, char in enumerate(paragraph):
            if char == "”":
                ends = i > 0 and paragraph[i - 1] in ".!?"
            else:
                ends = char in ".!?" and paragraph[i + 1 : i + 2] != "”"
            rest = paragraph[i + 1 :].lstrip()
            if ends and (not rest or rest[0].isupper() or rest[0] == "“"):
                out.append(paragraph[start : i + 1].strip())
                start = i + 1
        if paragraph[start:].strip():
            out.append(paragraph[start:].strip())
    return out


@dataclass(frozen=True)
class QuoteProblem:
    quote: str
    reason: str


class Article:
    """The article text, ready for quote look-ups."""

    def __init__(self, path: Path):
        try:
            raw = path.read_text(encoding="utf-8")
        except UnicodeDecodeError as error:
            raise InputError(path, f"article text is not UTF-8 ({error.reason})") from None
        self.path = path
        self.text = fold(raw)
        self.sentences = sentences(raw)

    def check(self, quote: str) -> QuoteProblem | None:
        """None if ``quote`` is verbatim and within one sentence; else what is wrong with it."""
        folded = fold(quote)
        if not folded:
            return QuoteProblem(quote, "the quote is empty")
        if folded not in self.text:
            closest = difflib.get_close_matches(folded, self.sentences, n=1, cutoff=0.0)
            hint = f'; the closest sentence is "{closest[0]}"' if closest else ""
            return QuoteProblem(quote, f"does not appear verbatim in {self.path.name}{hint}")
        if not any(folded in sentence for sentence in self.sentences):
            return QuoteProblem(quote, "spans more than one sentence; quote one sentence or less")
        return None
