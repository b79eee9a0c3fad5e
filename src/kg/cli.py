"""The ``kg`` command line: a thin layer over the library.

Each command parses its options, makes one library call, and prints the result. Library
errors (``KgError``) become a one-line message on stderr and their exit code:
0 success / conforms, 1 violations found, 2 usage or input error.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

import kg
from kg.build import ValidationFailed
from kg.errors import EXIT_VIOLATIONS, KgError

DATA_HELP = "Data file(s) to load (Turtle .ttl or N-Triples .nt). Default: data/belgorod.ttl."
ONTOLOGY_HELP = "Ontology folder (its *.ttl files). Default: ontology/."
SOURCE_HELP = (
    "Article text to check evidence quotes against. Default: $KG_SOURCE, else "
    "../shared/source/belgorod-article.txt when present (the check is skipped, and says so, otherwise)."
)


class KgGroup(click.Group):
    """Turns ``KgError`` into a clean message and exit code instead of a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except KgError as error:
            click.echo(f"kg: error: {error}", err=True)
            sys.exit(error.exit_code)


@click.group(cls=KgGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="kg")
def main() -> None:
    """kg: a knowledge graph of the actors, events and claims in a news report.

    Exit codes: 0 success, 1 validation violations, 2 usage or input error.
    """


def _data_options(command):
    command = click.option("--source", type=click.Path(dir_okay=False, path_type=Path), help=SOURCE_HELP)(command)
    command = click.option("--ontology", type=click.Path(file_okay=False, path_type=Path), help=ONTOLOGY_HELP)(command)
    command = click.argument("data", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))(command)
    return command


@main.command()
@_data_options
def validate(data: tuple[Path, ...], ontology: Path | None, source: Path | None) -> None:
    """Check the graph: SHACL shapes, declared terms, claims behind every fact, verbatim quotes.

    Exits 0 when the graph conforms, 1 when it has violations (listed one a line), 2 on a
    usage or input error such as a Turtle syntax error (reported as file:line).
    """
    report = kg.validate(list(data) or None, ontology, source)
    click.echo(report.text())
    sys.exit(0 if report.conforms else EXIT_VIOLATIONS)


@main.command()
@_data_options
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("out"),
              show_default=True, help="Folder to write the outputs into.")
def build(data: tuple[Path, ...], ontology: Path | None, source: Path | None, out_dir: Path) -> None:
    """Validate, then write the merged graph (Turtle, N-Triples) and print a summary.

    Nothing is written unless the graph conforms; outputs appear all at once or not at all.
    """
    try:
        result = kg.build(out_dir, list(data) or None, ontology, source)
    except ValidationFailed as failure:
        click.echo(failure.report.text())
        click.echo("Nothing was written.", err=True)
        sys.exit(EXIT_VIOLATIONS)
    click.echo(result.report.source_note)
    click.echo(f"Wrote {len(result.files)} files to {result.out_dir}/: "
               + ", ".join(path.name for path in result.files))
    click.echo(result.summary_text())


if __name__ == "__main__":  # pragma: no cover
    main(prog_name="kg")
