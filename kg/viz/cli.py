"""`kg viz`: the partner network and the timeline as files. Registered in kg/cli.py as
`app.add_typer(viz_app, name="viz")`.

Only typer is imported at module level; networkx, matplotlib and the store are imported when a command
runs, so `kg --help` stays fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

viz_app = typer.Typer(
    help="Draw the partner network (SVG, PNG, HTML, GraphML, GEXF, DOT) or the timeline of agreements "
    "and events.",
    add_completion=False,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)

StoreOpt = Annotated[Path | None, typer.Option(
    "--store", "-s", help="Store directory (env KG_STORE; default .kg/store).", show_default=False)]
DebugOpt = Annotated[bool, typer.Option("--debug", help="Show tracebacks for errors.")]


def _fail(err: Exception, debug: bool) -> None:
    """A problem the user can fix: one line on stderr and the error's exit code (2 for usage errors)."""
    if debug:
        raise err
    typer.echo(f"Error: {err}", err=True)
    raise typer.Exit(getattr(err, "exit_code", 1))


def _target(fmt: str | None, output: Path | None, stem: str, choices: tuple[str, ...]) -> tuple[str, Path]:
    """The format (given, else from -o's suffix, else svg) and the file (given, else out/<stem>.<ext>)."""
    from kg.errors import UsageError
    from kg.viz import SUFFIXES

    if fmt is None and output is not None:
        fmt = SUFFIXES.get(output.suffix.lower())
        if fmt is None:
            raise UsageError(f"cannot tell the format from {output.name!r}; pass --format "
                             f"({'|'.join(choices)})")
    fmt = (fmt or "svg").lower()
    if fmt not in choices:
        raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(choices)}")
    return fmt, output or Path("out") / f"{stem}.{fmt}"


@viz_app.callback(invoke_without_command=True)
def network(
    ctx: typer.Context,
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", help="svg, png, html, graphml, gexf or dot (default: from -o, else svg).",
        show_default=False)] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="File to write (default: out/partners.<format>).", show_default=False)] = None,
    focus: Annotated[str | None, typer.Option(
        "--focus", help="Only this organization's neighbourhood: an IRI, kgid:org/…, an acronym or a name.",
        show_default=False)] = None,
    depth: Annotated[int, typer.Option("--depth", help="Steps from --focus to keep.")] = 1,
    since: Annotated[int | None, typer.Option(
        "--since", help="Only facts of this year or later (undated ones are left out).",
        show_default=False)] = None,
    until: Annotated[int | None, typer.Option(
        "--until", help="Only facts of this year or earlier (undated ones are left out).",
        show_default=False)] = None,
    kind: Annotated[list[str] | None, typer.Option(
        "--kind", "-k", help="mou, agreement, plan, protocol, mra, declaration, event or role (repeatable).",
        show_default=False)] = None,
    units: Annotated[str, typer.Option(
        "--units", help="roll-up: draw a unit's links on its parent; show: draw units, dotted to the parent.")
    ] = "roll-up",
    store: StoreOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Draw the partner network of the graph: organizations coloured by kind and sized by partners;
    agreements (labelled with kind and year), co-organized events (dashed) and roles (dotted).

    The network is read from the store with the saved query `partner-network`, so it shows exactly
    what the graph holds. Without filters, organizations with no link appear as isolated nodes.

    Example: kg viz --format html --focus STAMEQ --since 2015 -o out/stameq.html
    """
    if ctx.invoked_subcommand is not None:
        return
    from kg.errors import KgError

    try:
        from kg.viz import render
        from kg.viz.network import Filters, load_network

        fmt_, path = _target(fmt, output, "partners", ("svg", "png", "html", "graphml", "gexf", "dot"))
        filters = Filters(depth=depth, since=since, until=until,
                          kinds=frozenset(k.strip().lower() for k in kind or []), units=units.lower())
        G = load_network(store, filters, focus=focus)
        path.parent.mkdir(parents=True, exist_ok=True)
        render(G, fmt_, path)
    except KgError as e:
        _fail(e, debug)
        return
    typer.echo(f"{path} ({G.number_of_nodes()} organizations, {G.number_of_edges()} links)")


@viz_app.command()
def timeline(
    fmt: Annotated[str | None, typer.Option(
        "--format", "-f", help="svg or png (default: from -o, else svg).", show_default=False)] = None,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="File to write (default: out/timeline.<format>).", show_default=False)] = None,
    store: StoreOpt = None,
    debug: DebugOpt = False,
) -> None:
    """Bar chart of agreements and events per year, from the saved query `timeline`.

    Undated agreements and events are not shown.

    Example: kg viz timeline --format png -o out/timeline.png
    """
    from kg.errors import KgError

    try:
        from kg.viz.timeline import query_timeline, render_timeline

        fmt_, path = _target(fmt, output, "timeline", ("svg", "png"))
        rows = query_timeline(store)
        path.parent.mkdir(parents=True, exist_ok=True)
        render_timeline(rows, path, fmt_)
    except KgError as e:
        _fail(e, debug)
        return
    typer.echo(str(path))
