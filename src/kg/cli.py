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
from kg import queries, results
from kg.build import ValidationFailed
from kg.errors import EXIT_VIOLATIONS, KgError
from kg.export import EXPORTERS
from kg.html import TITLE
from kg.store import STORES

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
        except KeyboardInterrupt:  # outputs are staged, so an interrupted command leaves nothing half-written
            click.echo("\nkg: interrupted; nothing was written.", err=True)
            sys.exit(130)


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


STORE_HELP = ("Engine: oxigraph (default; at 10^6 triples it loads about 20x faster than rdflib in a "
              "third of the memory) or rdflib (pure Python). Both give the same answers.")


def store_option(what: str = "Query engine."):
    """``--store``: oxigraph (the default) or rdflib; ``what`` says what the engine does for the command."""
    return click.option("--store", type=click.Choice(sorted(STORES)), default="oxigraph", show_default=True,
                        help=f"{what} {STORE_HELP}")


@main.command()
@_data_options
@store_option("Where the SPARQL checks and quote look-ups run (SHACL always runs in pySHACL).")
def validate(data: tuple[Path, ...], ontology: Path | None, source: Path | None, store: str) -> None:
    """Check the graph: SHACL shapes, declared terms, claims behind every fact, verbatim quotes.

    Exits 0 when the graph conforms, 1 when it has violations (listed one a line), 2 on a
    usage or input error such as a Turtle syntax error (reported as file:line). Long steps show
    progress on standard error; Ctrl-C stops cleanly.
    """
    from kg.progress import terminal

    report = kg.validate(list(data) or None, ontology, source, store=store, progress=terminal())
    click.echo(report.text())
    sys.exit(0 if report.conforms else EXIT_VIOLATIONS)


@main.command()
@_data_options
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=Path("out"),
              show_default=True, help="Folder to write the outputs into.")
@store_option("Engine that loads the graph.")
@click.option("--explorer-nodes", default=2000, show_default=True, type=click.IntRange(1),
              help="Largest network the explorer shows whole; a bigger one shows its most connected entities.")
def build(data: tuple[Path, ...], ontology: Path | None, source: Path | None, out_dir: Path, store: str,
          explorer_nodes: int) -> None:
    """Validate, then write the explorer and every export, and print a summary.

    Nothing is written unless the graph conforms; outputs appear all at once or not at all.
    Long steps show progress on standard error; Ctrl-C stops cleanly.
    """
    from kg.progress import terminal

    try:
        result = kg.build(out_dir, list(data) or None, ontology, source, store, terminal(), explorer_nodes)
    except ValidationFailed as failure:
        click.echo(failure.report.text())
        click.echo("Nothing was written.", err=True)
        sys.exit(EXIT_VIOLATIONS)
    click.echo(result.report.source_note)
    click.echo(f"Wrote {len(result.files)} files to {result.out_dir}/: "
               + ", ".join(path.name for path in result.files))
    click.echo(result.summary_text())


@main.command("html")
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path),
              help="The HTML file to write. Default: out/NAME.html, NAME being belgorod or the data file's name.")
@click.option("--title", default=TITLE, show_default=True, help="Page title.")
@click.option("--ontology", type=click.Path(file_okay=False, path_type=Path), help=ONTOLOGY_HELP)
@click.argument("data", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
def html_command(out_file: Path | None, title: str, ontology: Path | None, data: tuple[Path, ...]) -> None:
    """Write the interactive network explorer: one self-contained HTML file that works offline.

    Search by name, filter by node type, relation and "according to" camp or actor, hover an
    edge for its claimant, source chain, quote, date and status.
    """
    from kg.export import destination
    from kg.html import render_html
    from kg.output import write_text

    path = write_text(destination(list(data), "html", out_file), render_html(_load(data, ontology), title))
    click.echo(f"Wrote {path} ({path.stat().st_size // 1024} KiB); open it in a browser, no network needed.")


def _load(data, ontology):
    """The graph for the network commands, in Oxigraph: the projection's queries are the slow
    part of stats, path, neighbors and html on a large corpus (see ``kg.network``)."""
    return _store(data, ontology, "oxigraph")


@main.command("export")
@click.option("--format", "fmt", required=True, type=click.Choice(list(EXPORTERS)),
              help="Target format (see 'Open it in ...' in the README).")
@click.option("--out", "dest", type=click.Path(path_type=Path),
              help="File (or folder, for neo4j) to write. Default: out/NAME.<suffix>, NAME being belgorod or the data file's name.")
@store_option("Engine that loads the graph and writes RDF formats.")
@click.option("--ontology", type=click.Path(file_okay=False, path_type=Path), help=ONTOLOGY_HELP)
@click.argument("data", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
def export_command(fmt: str, dest: Path | None, store: str, ontology: Path | None, data: tuple[Path, ...]) -> None:
    """Export the graph for another tool: RDF (turtle, nt, rdfxml, json-ld), graphml, gexf, cyjs, dot, neo4j.

    The file appears complete or not at all.
    """
    from kg.export import destination, export

    dest = destination(list(data), fmt, dest)  # before loading: a refusal should be quick
    path = export(_store(data, ontology, store), fmt, dest)
    click.echo(f"Wrote {path} ({EXPORTERS[fmt].tool}).")


@main.command()
@click.option("--top", default=10, show_default=True, type=click.IntRange(1), help="How many top actors to list.")
@click.option("--ontology", type=click.Path(file_okay=False, path_type=Path), help=ONTOLOGY_HELP)
@click.argument("data", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
def stats(top: int, ontology: Path | None, data: tuple[Path, ...]) -> None:
    """Network statistics: nodes by kind, edges by relation, top actors by degree and betweenness."""
    from kg.analytics import stats as compute
    from kg.network import claim_list

    graph = _load(data, ontology)
    for title, rows in compute(kg.to_networkx(graph), top, claim_list(graph)).items():
        click.echo(f"{title}:")
        for name, value in rows:
            click.echo(f"  {value!s:>8}  {name}")
        click.echo("")


@main.command()
@click.argument("start")
@click.argument("end")
@click.option("--limit", default=5, show_default=True, type=click.IntRange(1), help="Most paths to print.")
@click.option("--ontology", type=click.Path(file_okay=False, path_type=Path), help=ONTOLOGY_HELP)
@click.option("--data", multiple=True, type=click.Path(dir_okay=False, path_type=Path), help=DATA_HELP)
def path(start: str, end: str, limit: int, ontology: Path | None, data: tuple[Path, ...]) -> None:
    """The shortest connections between two entities, by name, as chains of relations.

    Example: kg path Medvedev "Freedom of Russia Legion". Exits 1 when they are not connected.
    """
    from kg.analytics import format_path, paths

    found = paths(kg.to_networkx(_load(data, ontology)), start, end, limit)
    if not found:
        click.echo(f"{start} and {end} are not connected.")
        sys.exit(EXIT_VIOLATIONS)
    click.echo(f"{len(found)} shortest connection(s), {len(found[0])} step(s) each:")
    for steps in found:
        click.echo("  " + format_path(steps))


@main.command()
@click.argument("name")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(1, 6), help="How many steps out.")
@click.option("--html", "html_out", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the ego network as its own HTML explorer.")
@click.option("--format", "fmt", type=click.Choice([f for f in EXPORTERS if f not in ("turtle", "nt", "rdfxml", "json-ld")]),
              help="Also export the ego network in this network format (needs --out).")
@click.option("--out", "dest", type=click.Path(path_type=Path), help="Where --format writes.")
@click.option("--ontology", type=click.Path(file_okay=False, path_type=Path), help=ONTOLOGY_HELP)
@click.option("--data", multiple=True, type=click.Path(dir_okay=False, path_type=Path), help=DATA_HELP)
def neighbors(name, depth, html_out, fmt, dest, ontology, data) -> None:
    """The ego network of an entity: everything within --depth steps, listed, drawn or exported."""
    from kg.analytics import neighbors as ego_network
    from kg.export import export
    from kg.html import render_html
    from kg.network import claim_list
    from kg.output import write_text

    if fmt and not dest:
        raise click.UsageError("--format needs --out")
    graph = _load(data, ontology)
    ego = ego_network(kg.to_networkx(graph), name, depth)
    click.echo(f"{ego.number_of_nodes()} nodes and {ego.number_of_edges()} edges within {depth} step(s) of {name}:")
    for _, d in sorted(ego.nodes(data=True), key=lambda item: (item[1]["kind"], item[1]["label"])):
        click.echo(f"  {d['kind']:<14} {d['label']}")
    if html_out:
        write_text(html_out, render_html(ego, title=f"{name}: {depth} step(s) out", claims=claim_list(graph)))
        click.echo(f"Wrote {html_out}")
    if fmt:
        click.echo(f"Wrote {export(graph, fmt, dest, net=ego)}")


@main.command()
@click.option("--articles", default=125, show_default=True, type=click.IntRange(1),
              help="How many synthetic reports (about 80 triples each: 125 is ~10^4 triples, 12,500 ~10^6).")
@click.option("--seed", default=1, show_default=True, type=int, help="Random seed: the same seed gives the same corpus.")
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path), default=Path("out") / "synth.nt",
              show_default=True, help="N-Triples file to write; the quotes' text goes beside it as .txt.")
def synth(articles: int, seed: int, out_file: Path) -> None:
    """Generate a synthetic news corpus that follows the ontology and shapes (for scale tests).

    Validate it with: kg validate OUT.nt --source OUT.txt
    """
    from kg.output import staged
    from kg.synth import write

    text_file = out_file.with_suffix(".txt")
    with staged(out_file.parent) as stage:
        count = write(articles, seed, stage / out_file.name, stage / text_file.name)
    click.echo(f"Wrote {count} triples to {out_file} and the quotes' text to {text_file}.")


def _graph_options(command):
    command = click.option("--ontology", type=click.Path(file_okay=False, path_type=Path), help=ONTOLOGY_HELP)(command)
    command = click.option("--data", "data", multiple=True, type=click.Path(dir_okay=False, path_type=Path),
                           help=DATA_HELP + " Repeat for several files.")(command)
    command = store_option()(command)
    return command


@main.command("push")
@click.option("--endpoint", required=True,
              help="Graph Store Protocol URL, e.g. http://127.0.0.1:7878/store (Oxigraph) or "
                   "http://127.0.0.1:8890/sparql-graph-crud-auth (Virtuoso).")
@click.option("--graph", "graph_iri", help="Named graph IRI to replace. Default: the store's default graph.")
@click.option("--user", help="User name (HTTP basic auth; --digest for digest).")
@click.option("--password", envvar="KG_PASSWORD", help="Password (or $KG_PASSWORD).")
@click.option("--digest", is_flag=True, help="Use HTTP digest authentication (Virtuoso).")
@click.option("--chunk-size", default=100_000, show_default=True, type=click.IntRange(1),
              help="Triples per request. The first request replaces the graph, so a failed push can be re-run.")
@click.option("--ontology", type=click.Path(file_okay=False, path_type=Path), help=ONTOLOGY_HELP)
@click.argument("data", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
def push_command(endpoint, graph_iri, user, password, digest, chunk_size, ontology, data) -> None:
    """Upload the graph (ontology, data, derived labels) to a triple store over the SPARQL 1.1 Graph Store Protocol."""
    from kg.graph import load_store
    from kg.remote import push

    from kg.progress import terminal

    progress = terminal()
    store = load_store(list(data) or None, ontology, "oxigraph", progress)
    try:
        result = push(store, endpoint, graph_iri, user, password, chunk_size, digest, progress)
    except KeyboardInterrupt:
        click.echo("Interrupted. Run the same push again: its first request replaces the graph.", err=True)
        sys.exit(130)
    target = f"graph <{graph_iri}>" if graph_iri else "the default graph"
    click.echo(f"Pushed {result.triples} triples to {target} at {endpoint} in {result.requests} request(s).")


def _endpoint_options(command):
    command = click.option("--password", envvar="KG_PASSWORD", help="Password for --endpoint (or $KG_PASSWORD).")(command)
    command = click.option("--user", help="User name for --endpoint (HTTP basic auth).")(command)
    command = click.option("--endpoint", help="Query a remote SPARQL 1.1 endpoint (e.g. http://host:7878/query) "
                                              "instead of loading files; add ?default-graph-uri=IRI to query one "
                                              "named graph (needed on Virtuoso).")(command)
    return command


def _store(data, ontology, store, endpoint=None, user=None, password=None):
    if endpoint:
        from kg.remote import RemoteStore

        return RemoteStore(endpoint, user, password)
    from kg.graph import load_store
    from kg.progress import terminal

    return load_store(list(data) or None, ontology, store, terminal())


def _parse_params(pairs: tuple[str, ...]) -> dict[str, str]:
    params = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise click.BadParameter(f"{pair!r} is not NAME=VALUE", param_hint="--param")
        params[name.strip()] = value
    return params


@main.command()
@click.argument("name", required=False)
@click.option("-e", "--expression", "text", help="SPARQL text to run instead of a catalog query.")
@click.option("--file", "query_file", type=click.Path(dir_okay=False, path_type=Path),
              help="A .rq file to run (its '# param:' header lines are honoured).")
@click.option("--param", "params", multiple=True, metavar="NAME=VALUE",
              help="Bind a query parameter (repeatable). <...> binds an IRI, anything else a string.")
@click.option("--format", "fmt", type=click.Choice(list(results.FORMATS)),
              help="Output format. Default: table for SELECT/ASK, turtle for CONSTRUCT/DESCRIBE.")
@click.option("--limit", default=1000, show_default=True, type=click.IntRange(0),
              help="Show at most this many rows (in the query's order); 0 shows them all.")
@click.option("--list", "list_catalog", is_flag=True, help="List the catalog's named queries and exit.")
@_graph_options
@_endpoint_options
def query(name, text, query_file, params, fmt, limit, list_catalog, data, ontology, store, endpoint, user,
          password) -> None:
    """Run a named catalog query, a .rq file (--file) or SPARQL text (-e).

    Examples: kg query --list; kg query accusations; kg query actor-statements --param
    actor="Dmitry Peskov" --format csv; kg query -e 'SELECT ...'. A syntax error is reported with
    its line and column and exits 2.
    """
    if list_catalog:
        click.echo(_catalog_listing())
        return
    chosen = [x for x in (name, text, query_file) if x]
    if len(chosen) != 1:
        raise click.UsageError("give exactly one of: a query NAME, -e TEXT, or --file FILE (or --list)")
    named = queries.from_file(query_file) if query_file else queries.resolve(name or text)
    bindings = _parse_params(params)
    target = _store(data, ontology, store, endpoint, user, password)
    answer = queries.execute(target, named, bindings, limit=limit or None)
    if answer.more:
        click.echo(f"Showing the first {limit} rows; there are more (--limit 0 shows all).", err=True)
    out = fmt or results.default_format(answer.form, for_people=True)
    if out == "table":
        click.echo(results.table(answer))
    else:
        click.echo(results.render(answer, out), nl=False)


def _catalog_listing() -> str:
    lines = []
    for named in queries.catalog().values():
        lines.append(f"{named.name}\n    {named.title}: {named.description}")
        for param in named.params:
            default = f" (default: {param.default})" if param.default is not None else " (required)"
            lines.append(f"    --param {param.name}=...{default} {param.description}")
    return "\n".join(lines)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Interface to bind. The default serves this machine only; 0.0.0.0 exposes it to the network.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="TCP port.")
@click.option("--timeout", default=5.0, show_default=True, type=click.FloatRange(0.1, 3600),
              help="Seconds a query may run before it is stopped (HTTP 503).")
@click.option("--max-rows", default=10_000, show_default=True, type=click.IntRange(1),
              help="Largest result answered; larger ones are refused (HTTP 413), never truncated.")
@_graph_options
@_endpoint_options
def serve(host, port, timeout, max_rows, data, ontology, store, endpoint, user, password) -> None:
    """Serve the graph as a read-only SPARQL 1.1 endpoint at /sparql, and the explorer at /.

    Updates, SERVICE and FROM are refused; queries are stopped after --timeout seconds; CORS is
    open so browser-based SPARQL tools can use it.
    """
    from kg.server import Limits
    from kg.server import serve as run_server

    from kg.html import render_html

    source = _store(data, ontology, store, endpoint, user, password)
    home = render_html(source)
    what = f"the graph at {endpoint}" if endpoint else f"{len(source)} triples ({store} store)"
    click.echo(f"Serving {what} at http://{host}:{port}/sparql "
               f"(read-only; timeout {timeout:g} s; at most {max_rows} rows). Ctrl-C stops.")
    run_server(source, host, port, Limits(timeout=timeout, max_rows=max_rows), home_page=home)


if __name__ == "__main__":  # pragma: no cover
    main(prog_name="kg")
