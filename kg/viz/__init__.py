"""Partner-network diagrams (`kg viz`): SVG/PNG, interactive HTML, GraphML, GEXF, DOT, and a timeline.

Importing this package is cheap: networkx and matplotlib are imported by the functions that use them,
so `kg --help` stays fast. Library use::

    from kg.viz import load_network, render
    from kg.viz.network import Filters
    G = load_network(".kg/store", Filters(since=2015), focus="STAMEQ")
    render(G, "svg", "out/partners.svg")
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import networkx as nx

FORMATS = ("svg", "png", "html", "graphml", "gexf", "dot")
SUFFIXES = {".svg": "svg", ".png": "png", ".html": "html", ".htm": "html", ".graphml": "graphml",
            ".gexf": "gexf", ".dot": "dot", ".gv": "dot"}


def load_network(store_path: str | os.PathLike[str] | None = None, filters: Any = None,
                 focus: str | None = None) -> nx.MultiGraph:
    """The partner network of a store (see kg.viz.network.load_network)."""
    from kg.viz.network import load_network as load

    return load(store_path, filters, focus)


def render(G: nx.MultiGraph, fmt: str, path: str | os.PathLike[str]) -> None:
    """Write G in one of FORMATS."""
    if fmt in {"svg", "png"}:
        from kg.viz.static import render as draw

        draw(G, path, fmt)
    elif fmt == "dot":
        from kg.viz.static import write_dot

        write_dot(G, path)
    elif fmt == "html":
        from kg.viz.html import render_html

        render_html(G, path)
    elif fmt == "graphml":
        from kg.viz.formats import write_graphml

        write_graphml(G, path)
    elif fmt == "gexf":
        from kg.viz.formats import write_gexf

        write_gexf(G, path)
    else:
        from kg.errors import UsageError

        raise UsageError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
