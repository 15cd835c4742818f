"""Static partner-network diagrams: SVG/PNG drawn with matplotlib, and Graphviz DOT written as text.

matplotlib is used through `Figure` (no pyplot, so no global backend or state; PNG goes through Agg).
SVG keeps labels as text (`svg.fonttype = "none"`) so names can be searched and tested, uses DejaVu Sans
for full Vietnamese coverage, and is byte-identical for the same graph (fixed layout seed, fixed
`svg.hashsalt`, no date in the metadata).
"""

from __future__ import annotations

import math
import os
import re
import textwrap
from collections import defaultdict
from typing import TYPE_CHECKING, Any

from kg.viz.network import CATEGORIES, RELATIONS, layout

if TYPE_CHECKING:
    import networkx as nx

RC = {"svg.fonttype": "none", "svg.hashsalt": "coop-kg", "font.family": "DejaVu Sans",
      "font.sans-serif": ["DejaVu Sans"], "path.simplify": True}
PER_EDGE_LIMIT = 400  # up to this many edges: one artist per edge (gid, curves, arrows, labels)
EDGE_LABEL_LIMIT = 80
NODE_LABEL_LIMIT = 150
NAME_KEY_LIMIT = 30


def _scale(n: int) -> float:
    return 1.0 if n <= 60 else max(0.15, math.sqrt(60 / n))


def gid(*parts: str) -> str:
    """An SVG id naming nodes and edges by the last segment of their IRIs (for tests and styling)."""
    return "__".join(re.sub(r"[^A-Za-z0-9.-]", "_", p.rsplit("/", 1)[-1]) for p in parts)


def node_sizes(G: nx.MultiGraph) -> dict[str, float]:
    """Marker area in points² by number of partners, smaller markers on large graphs."""
    s = _scale(len(G))
    return {n: s * min(2600.0, 160.0 + 110.0 * G.nodes[n].get("partners", 0)) for n in G}


def edge_width(count: int, n: int) -> float:
    return min(7.0, 1.2 + 1.6 * math.log2(max(1, count))) * (1.0 if n <= 200 else 0.5)


def render(G: nx.MultiGraph, path: str | os.PathLike[str], fmt: str = "svg", dpi: int = 150) -> None:
    """Write the diagram of G as SVG or PNG."""
    import matplotlib

    with matplotlib.rc_context(RC):
        fig = _figure(G)
        metadata: dict[str, Any] = {"Date": None} if fmt == "svg" else {"Software": None}
        fig.savefig(path, format=fmt, dpi=dpi, metadata=metadata)


def _figure(G: nx.MultiGraph) -> Any:
    from matplotlib.figure import Figure

    n = len(G)
    keyed = _name_key(G) if n <= NAME_KEY_LIMIT else []
    entries = len({d["category"] for _, d in G.nodes(data=True)})
    entries += len({r for *_, r in G.edges(data="relation")})
    width = min(34.0, 13.0 + 6.0 * math.log10(n / 20) if n > 20 else 13.0)
    side_inches = (entries + 4) * 0.22 + len(keyed) * 0.155
    height = max(8.5, min(24.0, width * 0.62), side_inches / 0.86 + 0.3)
    fig = Figure(figsize=(width, height), facecolor="white")
    ax = fig.add_axes((0.02, 0.03, 0.68, 0.86))
    side = fig.add_axes((0.72, 0.03, 0.27, 0.86))
    for a in (ax, side):
        a.set_axis_off()
    ax.set_xlim(-0.06, 1.06)
    ax.set_ylim(-0.08, 1.06)
    fig.text(0.02, 0.965, G.graph.get("title", "Partner network"), fontsize=16, weight="bold", va="top")
    fig.text(0.02, 0.925, _subtitle(G), fontsize=10, color="#444444", va="top")
    if n == 0:
        ax.text(0.5, 0.5, "No organization to draw", ha="center", fontsize=14, color="#666666")
        return fig
    pos = layout(G)
    sizes = node_sizes(G)
    _draw_edges(ax, G, pos, sizes)
    _draw_nodes(ax, G, pos, sizes)
    _draw_side(side, G, keyed, 0.86 * height)
    return fig


def _subtitle(G: nx.MultiGraph) -> str:
    parts = [G.graph.get("subtitle", "")]
    if G.graph.get("undated_left_out"):
        parts.append(f"{G.graph['undated_left_out']} undated fact(s) left out")
    if G.graph.get("internal_links"):
        parts.append(f"{G.graph['internal_links']} link(s) inside one organization not drawn")
    if len(G) > NODE_LABEL_LIMIT:
        parts.append(f"labels on the {NODE_LABEL_LIMIT} most connected")
    return "; ".join(p for p in parts if p)


def _pairs(G: nx.MultiGraph) -> dict[tuple[str, str], list[tuple[str, str, str, dict[str, Any]]]]:
    out: dict[tuple[str, str], list[tuple[str, str, str, dict[str, Any]]]] = defaultdict(list)
    for u, v, k, d in sorted(G.edges(keys=True, data=True), key=lambda e: (min(e[:2]), max(e[:2]), e[2])):
        out[(min(u, v), max(u, v))].append((u, v, k, d))
    return out


Pos = dict[str, tuple[float, float]]


def _draw_edges(ax: Any, G: nx.MultiGraph, pos: Pos, sizes: dict[str, float]) -> None:
    from matplotlib.collections import LineCollection
    from matplotlib.patches import FancyArrowPatch

    n, many = len(G), G.number_of_edges() > PER_EDGE_LIMIT
    if many:
        groups: dict[str, tuple[list[Any], list[float]]] = defaultdict(lambda: ([], []))
        for u, v, d in G.edges(data=True):
            segs, widths = groups[d["relation"]]
            segs.append((pos[u], pos[v]))
            widths.append(edge_width(d["count"], n))
        for rel in sorted(groups):
            _, style, colour = RELATIONS[rel]
            segs, widths = groups[rel]
            ax.add_collection(LineCollection(segs, linewidths=widths, linestyles=style, colors=colour,
                                             alpha=0.35, zorder=1, gid=f"edges__{rel}"))
        return
    labels = G.number_of_edges() <= EDGE_LABEL_LIMIT
    for (_a, _b), edges in _pairs(G).items():
        for i, (u, v, _k, d) in enumerate(edges):
            rel = d["relation"]
            _, style, colour = RELATIONS[rel]
            src, dst = (d["holder"], v if d["holder"] == u else u) if d.get("holder") else (u, v)
            rad = 0.0 if len(edges) == 1 else 0.18 * (i - (len(edges) - 1) / 2)
            if src > dst:
                rad = -rad  # the same bend whichever way the edge is drawn
            arrow = FancyArrowPatch(
                pos[src], pos[dst], connectionstyle=f"arc3,rad={rad}", linestyle=style, color=colour,
                linewidth=edge_width(d["count"], n), alpha=0.8, zorder=1,
                arrowstyle="-|>,head_length=6,head_width=3" if rel in {"role", "unit"} else "-",
                shrinkA=math.sqrt(sizes[src]) / 2, shrinkB=math.sqrt(sizes[dst]) / 2 + 1)
            arrow.set_gid(f"edge__{gid(src, dst)}__{rel}")
            ax.add_patch(arrow)
            if labels and d.get("label"):
                (x1, y1), (x2, y2) = pos[src], pos[dst]
                mx, my = (x1 + x2) / 2 + rad * (y2 - y1) / 2, (y1 + y2) / 2 - rad * (x2 - x1) / 2
                ax.text(mx, my, d["label"], fontsize=7, color=colour, ha="center", va="center", zorder=2,
                        bbox={"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.85})


def _draw_nodes(ax: Any, G: nx.MultiGraph, pos: Pos, sizes: dict[str, float]) -> None:
    nodes = sorted(G)
    for cat in CATEGORIES:
        group = [x for x in nodes if G.nodes[x]["category"] == cat]
        if group:
            ax.scatter([pos[x][0] for x in group], [pos[x][1] for x in group], s=[sizes[x] for x in group],
                       c=CATEGORIES[cat][1], edgecolors="white", linewidths=1.2, zorder=3,
                       gid=f"nodes__{cat}")
    ranked = sorted(nodes, key=lambda x: (-G.nodes[x].get("partners", 0), G.nodes[x]["label"].lower(), x))
    font = 10 if len(G) <= 60 else max(4.0, 10 * (60 / len(G)) ** 0.3)
    for x in ranked[:NODE_LABEL_LIMIT]:
        t = ax.annotate(G.nodes[x]["label"], pos[x], xytext=(0, -(math.sqrt(sizes[x]) / 2 + 2)),
                        textcoords="offset points", ha="center", va="top", fontsize=font, zorder=4,
                        weight="bold" if G.nodes[x].get("partners", 0) >= 3 else "normal",
                        bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none", "alpha": 0.7})
        t.set_gid(f"label__{gid(x)}")


def _name_key(G: nx.MultiGraph) -> list[str]:
    """"ACR — English name (Vietnamese name)" per node, for the legend (the SVG's stand-in for hover)."""
    out = []
    for x in sorted(G, key=lambda x: G.nodes[x]["label"].lower()):
        d = G.nodes[x]
        names = [s for s in dict.fromkeys((d.get("name_en") or d.get("name", ""), d.get("name_vi", ""))) if s]
        names = [s for s in names if s != d["label"]]
        text = d["label"] + (" — " + names[0] if names else "") + (f" ({names[1]})" if len(names) > 1 else "")
        if d.get("units"):
            text += f"; incl. {d['units']}"
        out += textwrap.wrap(text, 52, subsequent_indent="   ")
    return out


def _draw_side(ax: Any, G: nx.MultiGraph, keyed: list[str], inches: float) -> None:
    from matplotlib.lines import Line2D

    cats = [c for c in CATEGORIES if any(d["category"] == c for _, d in G.nodes(data=True))]
    rels = [r for r in RELATIONS if any(d["relation"] == r for _, _, d in G.edges(data=True))]
    handles = [Line2D([], [], marker="o", linestyle="none", markersize=10, markerfacecolor=CATEGORIES[c][1],
                      markeredgecolor="white", label=CATEGORIES[c][0]) for c in cats]
    handles += [Line2D([], [], linestyle=RELATIONS[r][1], color=RELATIONS[r][2], linewidth=2,
                       label=RELATIONS[r][0]) for r in rels]
    leg = ax.legend(handles=handles, loc="upper left", frameon=False, fontsize=9, title="Legend",
                    title_fontproperties={"weight": "bold"}, bbox_to_anchor=(0, 1))
    ax.add_artist(leg)
    notes = ["Size: number of partners. Line width: number of facts."]
    if "role" in rels:
        notes.append("Arrow of a role: from the holder to the organization.")
    if keyed:
        notes += [""] + keyed
    y0 = 1 - (len(handles) + 1.8) * 0.22 / inches
    ax.text(0, y0, "\n".join(notes), fontsize=8, va="top", ha="left", linespacing=1.35, color="#222222")


# ---- Graphviz DOT ----------------------------------------------------------------------------


def _q(text: Any) -> str:
    s = str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\r", "").replace("\n", "\\n")
    return f'"{s}"'


def write_dot(G: nx.MultiGraph, path: str | os.PathLike[str]) -> None:
    """Graphviz DOT written directly (no pydot, no `dot` binary needed): colours, styles and tooltips
    match the other formats; role edges point from the holder to the organization."""
    styles = {rel: spec[1] for rel, spec in RELATIONS.items()}
    lines = ["graph partners {",
             f"  graph [label={_q(G.graph.get('title', ''))}, labelloc=t, overlap=false, splines=true, "
             'fontname="DejaVu Sans"];',
             '  node [shape=ellipse, style=filled, fontname="DejaVu Sans", fontcolor=white];',
             '  edge [fontname="DejaVu Sans", fontsize=9];']
    for x in sorted(G):
        d = G.nodes[x]
        tip = " / ".join(s for s in dict.fromkeys((d.get("name", ""), d.get("name_vi", ""))) if s)
        width = 0.6 + 0.15 * math.sqrt(d.get("partners", 0))
        lines.append(f"  {_q(x)} [label={_q(d['label'])}, tooltip={_q(tip)}, "
                     f"fillcolor={_q(CATEGORIES[d['category']][1])}, width={width:.2f}];")
    for u, v, _k, d in sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        src, dst = (d["holder"], v if d["holder"] == u else u) if d.get("holder") else (u, v)
        rel = d["relation"]
        attrs = [f"label={_q(d.get('label', ''))}", f"style={styles[rel]}", f"color={_q(RELATIONS[rel][2])}",
                 f"penwidth={edge_width(d['count'], len(G)):.1f}", f"tooltip={_q(d.get('titles', ''))}"]
        if rel in {"role", "unit"}:
            attrs.append("dir=forward")
        lines.append(f"  {_q(src)} -- {_q(dst)} [{', '.join(attrs)}];")
    lines.append("}")
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write("\n".join(lines) + "\n")
