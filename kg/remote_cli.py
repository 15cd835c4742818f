"""The `kg serve` and `kg push` commands, registered in kg/cli.py with `app.command()(serve)` and
`app.command()(push)`.

They live apart from kg/cli.py so the two can change independently; `kg --help` imports this module, so
it imports only typer, pathlib and typing at the top — the work happens in kg.server and kg.remote,
imported by the commands themselves.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

StoreOpt = Annotated[Path | None, typer.Option(
    "--store", "-s", help="Store directory (env KG_STORE; default .kg/store).", show_default=False)]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")]


def _fail(err: Exception, debug: bool = False) -> None:
    """One line on stderr and the error's exit code, as every other command does."""
    if debug:
        raise err
    typer.echo(f"Error: {err}", err=True)
    raise typer.Exit(getattr(err, "exit_code", 1))


def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on: 127.0.0.1 is this machine only; "
                                      "0.0.0.0 is every interface (anyone who can reach it reads the graph).")
                    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 7878,
    store: StoreOpt = None,
    timeout: Annotated[int | None, typer.Option("--timeout", help="Stop any query after this many seconds "
                                                "(default: no limit).", show_default=False)] = None,
    debug: DebugOpt = False,
) -> None:
    """Serve the graph read-only over HTTP as a SPARQL 1.1 endpoint, with the Oxigraph server.

    Queries see the union of the document graphs, as `kg query` does, so saved queries give the same rows
    remotely: kg query NAME --endpoint URL. The endpoint follows `kg build`: when the store is rebuilt,
    the server restarts on the new graph. Ctrl-C stops it.

    Example: kg serve --port 7878   (then: kg query stats --endpoint http://127.0.0.1:7878/query)
    """
    from kg.errors import KgError
    from kg.server import ServeInfo
    from kg.server import serve as run_serve

    def ready(info: ServeInfo) -> None:
        typer.echo(f"Serving {info.store} ({info.generation}) read-only.")
        typer.echo(f"SPARQL endpoint: {info.query_url}")
        typer.echo(f"Query page:      {info.base_url}")
        typer.echo("Press Ctrl-C to stop.")

    try:
        code = run_serve(store, host, port, timeout_s=timeout, on_ready=ready,
                         notify=lambda msg: typer.echo(msg, err=True))
    except KgError as e:
        _fail(e, debug)
        return
    typer.echo("Stopped.", err=True)
    raise typer.Exit(code)


def push(
    endpoint: Annotated[str, typer.Option("--endpoint", help="SPARQL 1.1 Graph Store endpoint URL — Oxigraph: "
                                          "http://HOST:7878/store, Fuseki: http://HOST:3030/DATASET/data.",
                                          show_default=False)],
    store: StoreOpt = None,
    resend_all: Annotated[bool, typer.Option("--all", help="Send every graph again, changed or not (after the "
                                             "server lost data, or after `kg update`).")] = False,
    jobs: Annotated[int, typer.Option("--jobs", "-j", help="Requests in flight at once.", min=1, max=32)] = 4,
    timeout: Annotated[float, typer.Option("--timeout", help="Seconds to wait for each answer.")] = 60.0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Only the summary line.")] = False,
    debug: DebugOpt = False,
) -> None:
    """Upload the graph to a SPARQL Graph Store (Oxigraph, Fuseki, GraphDB…), one named graph per document.

    Each document's graph is sent with HTTP PUT, which replaces it, so pushing again is harmless. Only
    documents changed since the last push to that endpoint are sent; documents removed locally are
    deleted there. Credentials come from the environment only: KG_PUSH_USER and KG_PUSH_PASSWORD
    (basic) or KG_PUSH_TOKEN (bearer). Connection errors and server errors are retried 5 times.

    Example: kg push --endpoint http://127.0.0.1:7878/store
    """
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    from kg.errors import KgError
    from kg.remote import push as run_push

    console = Console(stderr=True)
    progress = Progress(TextColumn("[bold]pushing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=console, transient=True, disable=quiet or not console.is_terminal)
    task = None

    def on_start(total: int) -> None:
        nonlocal task
        task = progress.add_task("push", total=total)

    def on_graph(_key: str, _action: str) -> None:
        if task is not None:
            progress.advance(task)

    def warn(msg: str) -> None:
        progress.console.print(f"[yellow]Warning:[/yellow] {msg}", highlight=False, soft_wrap=True)

    try:
        with progress:
            report = run_push(endpoint, store, resend_all=resend_all, jobs=jobs, timeout=timeout,
                              on_start=on_start, on_graph=on_graph, warn=warn)
    except KgError as e:
        _fail(e, debug)
        return
    Console().print(report.summary(), highlight=False, soft_wrap=True)
