"""Progress of long steps (loading, validating, exporting a big graph).

Library functions take a ``Progress`` and report named steps to it; the default, ``QUIET``,
shows nothing, so the API stays silent. The CLI passes ``terminal()``: rich progress bars on
standard error when it is a terminal.

    with progress.step("Checking quotes", total=len(quotes)) as advance:
        for quote in quotes:
            ...
            advance(1)
"""

from __future__ import annotations

import sys

from collections.abc import Callable, Iterator
from contextlib import contextmanager

Advance = Callable[[int], None]


class Progress:
    """Reports nothing; subclasses show the steps."""

    @contextmanager
    def step(self, description: str, total: int | None = None) -> Iterator[Advance]:
        yield lambda amount=1: None


QUIET = Progress()


class RichProgress(Progress):
    """Each step is a rich progress bar (or a spinner when its size is unknown) on standard error."""

    def __init__(self, console=None) -> None:
        from rich.console import Console
        from rich.progress import (BarColumn, MofNCompleteColumn, Progress as Bars, SpinnerColumn,
                                   TextColumn, TimeElapsedColumn)

        self.bars = Bars(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                         TimeElapsedColumn(), console=console or Console(stderr=True), transient=False)
        self.depth = 0  # steps may nest (loading inside validating): one display for all

    @contextmanager
    def step(self, description: str, total: int | None = None) -> Iterator[Advance]:
        if self.depth == 0:
            self.bars.start()
        self.depth += 1
        task = self.bars.add_task(description, total=total)
        try:
            yield lambda amount=1: self.bars.advance(task, amount)
            self.bars.update(task, total=total or 1, completed=total or 1)
        finally:
            self.depth -= 1
            if self.depth == 0:
                self.bars.stop()


def terminal() -> Progress:
    """Progress bars when standard error is a terminal; nothing in pipes, logs and CI."""
    return RichProgress() if sys.stderr.isatty() else QUIET
