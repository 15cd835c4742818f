"""The `kg` command line: thin wrappers that parse options, call the library, print the result.

Heavy libraries are imported inside the commands that use them, so `kg --help` starts fast.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from kg.errors import KgError
from kg.remote_cli import push, serve
from kg.viz.cli import viz_app

app = typer.Typer(
    name="kg",
    help="coop-kg: build a knowledge graph of international cooperation from news articles, "
    "query it with saved SPARQL queries, export it as RDF and draw the partner network.",
    no_args_is_help=True,
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)

app.add_typer(viz_app, name="viz")

# Shared options, defined once.
StoreOpt = Annotated[Path | None, typer.Option(
    "--store", "-s", help="Store directory (env KG_STORE; default .kg/store).", show_default=False)]
RowFormatOpt = Annotated[str, typer.Option(
    "--format", "-f", help="Output: table, csv, tsv or json.", case_sensitive=False)]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")]


def _fail(err: Exception, debug: bool = False) -> None:
    if debug:
        raise err
    code = getattr(err, "exit_code", 1)
    typer.echo(f"Error: {err}", err=True)
    raise typer.Exit(code)


@app.command()
def build(
    paths: Annotated[list[Path] | None, typer.Argument(
        help="Files or folders of articles (.txt, .html) [default: data/articles].", show_default=False)] = None,
    store: StoreOpt = None,
    full: Annotated[bool, typer.Option("--full", help="Re-extract every document, changed or not.")] = False,
    prune: Annotated[bool, typer.Option("--prune", help="Remove documents whose files are gone.")] = False,
    jobs: Annotated[int | None, typer.Option("--jobs", "-j", help="Worker processes [default: all cores].")] = None,
    wait: Annotated[bool, typer.Option("--wait", help="Wait for another build to finish instead of failing.")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="Fail (store unchanged) on a SHACL violation.")] = False,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only the summary line.")] = False,
    debug: DebugOpt = False,
) -> None:
    """Extract facts from articles and load them into the store (incremental).

    Each document becomes one named graph; unchanged documents are skipped, changed ones replaced.
    A bad document is reported and skipped; the rest is built. Exit code 0 when all went well,
    1 when some documents were skipped, 2 on a usage error.

    Example: kg build data/articles --store .kg/store
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from kg.api import build as run_build

    console = Console(stderr=True)
    out = Console()
    progress = Progress(TextColumn("[bold]extracting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=console, transient=True, disable=quiet or not console.is_terminal)
    task = None

    def on_start(n: int) -> None:
        nonlocal task
        task = progress.add_task("extract", total=n)

    def on_doc(path: str, rep) -> None:
        if rep.status in {"added", "updated"} and task is not None:
            progress.advance(task)
        elif rep.status == "skipped" and task is not None:
            progress.advance(task)
        if rep.status == "skipped":
            console.print(f"[red]skipped[/red] {path}: {rep.error}", highlight=False, soft_wrap=True)
        elif not quiet and rep.status in {"added", "updated"}:
            c = rep.counts
            progress.console.print(
                f"[green]{rep.status:>7}[/green] {path}: {c.get('organizations', 0)} organizations, "
                f"{c.get('people', 0)} people, {c.get('roles', 0)} roles, {c.get('agreements', 0)} agreements, "
                f"{c.get('events', 0)} events", highlight=False, soft_wrap=True)

    try:
        with progress:
            report = run_build(paths, store, full=full, prune=prune, jobs=jobs, wait=wait, strict=strict,
                               progress=on_doc, on_start=on_start)
    except KgError as e:
        _fail(e, debug)
        return
    for p in report.problems:
        console.print(f"[red]skipped[/red] {p}", highlight=False, soft_wrap=True)
    summary = (f"{report.count('added')} added, {report.count('updated')} updated, "
               f"{report.count('unchanged')} unchanged, {report.count('skipped') + len(report.problems)} skipped"
               + (f", {report.count('removed')} removed" if report.count("removed") else "")
               + f" → {report.store}")
    out.print(summary, highlight=False)
    if not report.ok:
        raise typer.Exit(1)


def _params(values: list[str] | None) -> dict[str, str]:
    out: dict[str, str] = {}
    for v in values or []:
        if "=" not in v:
            raise KgError(f"--param expects NAME=VALUE, got {v!r}")
        k, val = v.split("=", 1)
        out[k.strip()] = val
    return out


@app.command()
def query(
    name: Annotated[str | None, typer.Argument(help="Saved query name (see `kg queries`) or a .rq file.",
                                                  show_default=False)] = None,
    expr: Annotated[str | None, typer.Option("--expr", "-e", help="SPARQL text to run instead.")] = None,
    param: Annotated[list[str] | None, typer.Option("--param", "-p", help="NAME=VALUE, bound as an RDF term "
                                                       "(repeatable).")] = None,
    fmt: RowFormatOpt = "table",
    store: StoreOpt = None,
    endpoint: Annotated[str | None, typer.Option("--endpoint", help="Query a remote SPARQL endpoint URL "
                                                    "instead of the local store.")] = None,
    timeout: Annotated[float, typer.Option("--timeout", help="Give up after this many seconds.")] = 30.0,
    limit: Annotated[int | None, typer.Option("--limit", "-n", min=0, show_default=False, help=(
        "Write at most N rows (0: all). Default: 100 for a table, all for csv, tsv and json."))] = None,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip the first N rows.")] = 0,
    debug: DebugOpt = False,
) -> None:
    """Run a saved query or SPARQL text over the graph (read-only).

    Parameters are bound as RDF terms (never pasted into the query text). An organization
    parameter accepts an IRI, kgid:org/…, an acronym or a name.

    A table shows the first 100 rows unless --limit says otherwise; csv, tsv and json give them all.

    Example: kg query partners --param org=STAMEQ --format csv
    """
    from kg.api import query as run_query
    from kg.output import OUTPUT_FORMATS, page, write_rows

    try:
        if fmt not in OUTPUT_FORMATS:
            raise KgError(f"unknown format {fmt!r}; choose one of {', '.join(OUTPUT_FORMATS)}")
        if not name and not expr:
            raise KgError("give a saved query name, a .rq file, or -e 'SPARQL' (see `kg queries`)")
        cols, rows = _with_timeout(lambda: run_query(expr or name or "", store, _params(param), endpoint=endpoint,
                                                     is_text=bool(expr)), timeout)
    except KgError as e:
        _fail(e, debug)
        return
    write_rows(cols, page(rows, fmt, limit, offset), fmt, title=name if fmt == "table" else None, total=len(rows),
               offset=offset)


def _with_timeout(fn, seconds: float):
    """Run fn in a worker thread; a query still running after `seconds` ends the process with a message
    (the engine cannot be interrupted from Python, and a CLI run should not hang)."""
    import threading

    box: dict = {}

    def target() -> None:
        try:
            box["result"] = fn()
        except BaseException as e:  # handed to the caller's thread
            box["error"] = e

    t = threading.Thread(target=target, daemon=True)
    t.start()
    t.join(seconds if seconds > 0 else None)
    if t.is_alive():
        typer.echo(f"Error: the query did not finish within {seconds:g} s — narrow it down (LIMIT, filters) "
                   "or raise --timeout", err=True)
        sys.stderr.flush()
        os._exit(3)
    if "error" in box:
        raise box["error"]
    return box["result"]


@app.command("queries")
def list_queries(fmt: RowFormatOpt = "table") -> None:
    """List the saved queries with their descriptions and parameters.

    Example: kg queries --format json
    """
    import pyoxigraph as ox

    from kg.output import write_rows
    from kg.queries import saved_queries

    rows = []
    for q in saved_queries():
        params = "; ".join(f"{p.name} ({p.type}{', default ' + p.default if p.default else ', required'})"
                           for p in q.params)
        rows.append({"name": ox.Literal(q.name), "description": ox.Literal(q.description),
                     "parameters": ox.Literal(params)})
    write_rows(["name", "description", "parameters"], rows, fmt)


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="turtle, trig, ntriples, nquads, jsonld or rdfxml.")
                   ] = "turtle",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="File to write [default: stdout].")] = None,
    document: Annotated[str | None, typer.Option("--document", "-d", help="Only this document's graph "
                                                    "(its IRI).")] = None,
    store: StoreOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Export the graph as RDF (Turtle, TriG, N-Triples, N-Quads, JSON-LD, RDF/XML).

    TriG and N-Quads keep one named graph per document; Turtle, N-Triples, JSON-LD and RDF/XML
    hold the union of all documents.

    Example: kg export --format turtle -o out/graph.ttl
    """
    from kg.export import export as run_export
    from kg.store import KgStore

    try:
        st = KgStore(store).open_read()
        if output:
            output.parent.mkdir(parents=True, exist_ok=True)
            run_export(st, fmt, str(output), document)
        else:
            run_export(st, fmt, sys.stdout.buffer, document)
            sys.stdout.flush()
    except KgError as e:
        _fail(e, debug)


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="An article (.txt or .html).")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="summary, json or turtle.")] = "summary",
    debug: DebugOpt = False,
) -> None:
    """Show what would be extracted from one file, without touching the store (for rule work).

    Example: kg extract data/articles/stameq-2019-highlights.vi.txt --format json
    """
    from kg.api import extract_file
    from kg.report import print_extraction

    try:
        ex = extract_file(file)
    except KgError as e:
        _fail(e, debug)
        return
    print_extraction(ex, fmt)


@app.command()
def validate(store: StoreOpt = None, fmt: RowFormatOpt = "table", debug: DebugOpt = False) -> None:
    """Check the graph against the SHACL shapes (ontology/shapes.ttl) and explain each violation.

    Exit code 0 when the graph conforms, 1 when it does not.

    Example: kg validate --format csv
    """
    import pyoxigraph as ox

    from kg.output import write_rows
    from kg.store import KgStore
    from kg.validate import validate_store

    try:
        violations = validate_store(KgStore(store).open_read())
    except KgError as e:
        _fail(e, debug)
        return
    if not violations:
        typer.echo("The graph conforms to ontology/shapes.ttl.")
        return
    rows = [{"severity": ox.Literal(v.severity), "node": ox.Literal(v.focus), "property": ox.Literal(v.path or ""),
             "problem": ox.Literal(v.message), "value": ox.Literal(v.value or "")} for v in violations]
    write_rows(["severity", "node", "property", "problem", "value"], rows, fmt, title="SHACL violations")
    raise typer.Exit(1)


@app.command()
def update(
    file: Annotated[Path | None, typer.Argument(help="A file with a SPARQL UPDATE.", show_default=False)] = None,
    expr: Annotated[str | None, typer.Option("--expr", "-e", help="SPARQL UPDATE text.")] = None,
    store: StoreOpt = None,
    wait: Annotated[bool, typer.Option("--wait", help="Wait for a running build instead of failing.")] = False,
    debug: DebugOpt = False,
) -> None:
    """Change the graph with SPARQL UPDATE — for those who mean it (`kg query` only reads).

    The update is applied to a staged copy and swapped in whole, like a build. Facts added here
    are not tied to a document, so rebuilding documents does not remove them.

    Example: kg update -e 'DELETE WHERE { GRAPH ?g { ?a a <https://w3id.org/coop-kg/ontology#Agreement> } }'
    """
    from kg.store import KgStore, apply_update

    try:
        if not file and not expr:
            raise KgError("give a file with a SPARQL UPDATE or -e 'UPDATE'")
        text = expr if expr else file.read_text(encoding="utf-8")  # type: ignore[union-attr]
        apply_update(KgStore(store), text, wait=wait)
    except KgError as e:
        _fail(e, debug)
        return
    except OSError as e:
        _fail(KgError(f"cannot read {file}: {e.strerror}"), debug)
        return
    typer.echo("Update applied.")


@app.command()
def stats(store: StoreOpt = None, fmt: RowFormatOpt = "table", debug: DebugOpt = False) -> None:
    """Counts per class, documents and the time of the last build.

    Example: kg stats --format json
    """
    import pyoxigraph as ox

    from kg.api import query as run_query
    from kg.output import write_rows
    from kg.store import KgStore, last_build

    try:
        cols, rows = run_query("stats", store, is_text=False)
        build = last_build(KgStore(store).open_read())
    except KgError as e:
        _fail(e, debug)
        return
    if build and cols[:2] == ["what", "count"]:
        rows.append({"what": ox.Literal("last build"), "count": ox.Literal(build)})
    write_rows(cols, rows, fmt, title="stats")


@app.command("eval")
def evaluate(
    directory: Annotated[Path, typer.Argument(help="Folder with articles and their .gold.json files.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="table or json.")] = "table",
    errors: Annotated[bool, typer.Option("--errors/--no-errors", help="List each error.")] = True,
    recursive: Annotated[bool, typer.Option("--recursive", "-r", help="Also read sub-folders.")] = False,
    debug: DebugOpt = False,
) -> None:
    """Score the extractor against gold annotations: precision, recall and F1 per category.

    Each document is built alone into a temporary store and read back from the graph, so the
    scores measure what users get. Errors list missed, spurious, split and merged items. An article
    the extractor cannot process is named on stderr and makes the exit code 1.

    Example: kg eval ../shared/corpus/dev
    """
    from kg.evaluate import evaluate_dir, print_report

    try:
        result = evaluate_dir(directory, recursive=recursive)
    except KgError as e:
        _fail(e, debug)
        return
    print_report(result, fmt, show_errors=errors)
    for doc, why in result.skipped():
        typer.echo(f"Error: {doc} could not be processed ({why}); its gold items count as missed.", err=True)
    if result.skipped():
        raise typer.Exit(1)


app.command()(serve)
app.command()(push)


def main() -> None:
    try:
        app()
    except KgError as e:  # pragma: no cover - commands turn these into exits themselves
        typer.echo(f"Error: {e}", err=True)
        sys.exit(getattr(e, "exit_code", 1))
    except KeyboardInterrupt:
        typer.echo("Interrupted.", err=True)
        sys.exit(130)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONIOENCODING", "utf-8")
    main()
