"""The partner network as GraphML and GEXF, for Gephi, yEd, Cytoscape or networkx.

The in-memory graph keeps the facts behind each edge as Python objects; these writers need scalar
attributes (str, int, float, bool, never None or lists), so `exportable` copies the graph with only those,
and GEXF also gets each node's colour and size (its `viz` attributes) so Gephi opens it as drawn here.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any

from kg.viz.network import CATEGORIES

if TYPE_CHECKING:
    import networkx as nx

_SCALARS = (str, int, float, bool)


def _clean(attrs: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in attrs.items() if isinstance(v, _SCALARS) and not k.startswith("_")}


def exportable(G: nx.MultiGraph) -> nx.MultiGraph:
    """A copy of G with only scalar node, edge and graph attributes (the facts are summarised already in
    the edges' `titles`, `dates`, `evidence` and `sources` text)."""
    import networkx as nx

    H = nx.MultiGraph()
    H.graph.update(_clean(G.graph))
    for n, d in sorted(G.nodes(data=True)):
        H.add_node(n, **_clean(d))
    edges = sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2]))
    for i, (u, v, _k, d) in enumerate(edges):  # GraphML wants document-unique edge ids
        H.add_edge(u, v, key=f"{d['relation']}-{i}", **_clean(d))
    return H


def write_graphml(G: nx.MultiGraph, path: str | os.PathLike[str]) -> None:
    import networkx as nx

    nx.write_graphml(exportable(G), path, encoding="utf-8", prettyprint=True)


def write_gexf(G: nx.MultiGraph, path: str | os.PathLike[str]) -> None:
    import networkx as nx

    H = exportable(G)
    for _, d in H.nodes(data=True):
        colour = CATEGORIES.get(d.get("category", "other"), CATEGORIES["other"])[1].lstrip("#")
        r, g, b = (int(colour[i:i + 2], 16) for i in (0, 2, 4))
        d["viz"] = {"color": {"r": r, "g": g, "b": b, "a": 1.0}, "size": 8.0 + 4.0 * d.get("partners", 0)}
    H.graph.pop("title", None)  # the GEXF writer puts graph attributes nowhere useful; meta holds the title
    nx.write_gexf(H, path, encoding="utf-8", prettyprint=True, version="1.2draft")
