"""Rows of the saved query `partner-network` -> a networkx multigraph, filtered and with units rolled up.

The rows are plain dicts of strings shaped like the query's output (queries/partner-network.rq), so the
diagram shows exactly what the store holds and the benchmark can feed synthetic rows through the same
code. One edge per (pair of organizations, relation) aggregates the facts (agreements, co-organized
events, roles) behind it; the facts themselves stay on the edge for tooltips and exports.
"""

from __future__ import annotations

import math
import os
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kg import vocab as V
from kg.errors import KgError, UsageError

if TYPE_CHECKING:
    import networkx as nx

# category -> (legend text, colour); Okabe-Ito colours stay distinct for colour-blind readers.
CATEGORIES: dict[str, tuple[str, str]] = {
    "international": ("International / regional body", "#0072B2"),
    "national": ("National standards / metrology body", "#009E73"),
    "unit": ("Unit of an organization", "#CC79A7"),
    "company": ("Company", "#E69F00"),
    "government": ("Government", "#D55E00"),
    "other": ("Other", "#999999"),
}
_CATEGORY_OF_KIND = {
    "international": "international", "regional": "international", "national-standards": "national",
    "national-metrology": "national", "accreditation": "national", "certification": "national",
    "testing": "national", "unit": "unit", "company": "company", "government": "government",
}
# relation -> (legend text, line style, colour)
RELATIONS: dict[str, tuple[str, str, str]] = {
    "agreement": ("Agreement (label: kind and year)", "solid", "#404040"),
    "event": ("Co-organized event", "dashed", "#0072B2"),
    "role": ("Role in another organization", "dotted", "#D55E00"),
    "unit": ("Unit of / part of", "dotted", "#AAAAAA"),
}
KIND_CHOICES: tuple[str, ...] = (*V.AGREEMENT_CLASSES, "event", "role")
UNIT_MODES = ("roll-up", "show")
# An organization with a parent (org:unitOf) is drawn on that parent ("roll-up"), except international and
# regional bodies (ACCSQ of ASEAN) and bodies under a government (STAMEQ of its ministry): those are
# partners in their own right. So the Directorate's centres and institutes appear as the Directorate.
_NEVER_ROLLED = {"international", "regional"}
_NEVER_ROLLED_INTO = {"government"}
_KIND_TEXT = {"mou": "MoU", "mra": "MRA"}
SPRING_LIMIT = 500  # from this many nodes on a component is laid out by _force_layout (no SciPy needed)


@dataclass(frozen=True)
class Org:
    """One organization as the rows describe it; empty strings where the graph has no value."""

    iri: str
    name: str = ""  # acronym, else English, else Vietnamese name
    label: str = ""  # full name
    acronym: str = ""
    kind: str = ""  # coop:orgKind
    parent: str = ""
    name_en: str = ""
    name_vi: str = ""

    @property
    def category(self) -> str:
        return _CATEGORY_OF_KIND.get(self.kind, "other")

    @property
    def short(self) -> str:
        """Label on the diagram: the acronym, else the name cut at a word boundary."""
        text = self.acronym or self.name or self.iri.rsplit("/", 1)[-1]
        if len(text) <= 30:
            return text
        return text[:30].rsplit(" ", 1)[0].rstrip(",;:-–") + "…"


@dataclass(frozen=True)
class Fact:
    """One agreement, co-organized event or role, seen between two organizations."""

    iri: str
    a: str
    b: str
    relation: str
    kind: str = ""
    date: str = ""
    year: int | None = None
    label: str = ""
    evidence: str = ""
    sources: str = ""
    a_name: str = ""  # short names of the two ends as read, before any roll-up
    b_name: str = ""

    @property
    def short_label(self) -> str:
        """"MoU 2019", "workshop 2019", "Vice President": what the edge label shows for this fact."""
        if self.relation == "role":
            return self.label + ("" if self.kind in {"", "current"} else f" ({self.kind})")
        text = _KIND_TEXT.get(self.kind, self.kind or self.relation)
        return f"{text} {self.year}" if self.year else text


@dataclass(frozen=True)
class Filters:
    """What to draw: the CLI's --focus/--depth/--since/--until/--kind/--units."""

    focus: str | None = None  # an organization IRI
    depth: int = 1
    since: int | None = None
    until: int | None = None
    kinds: frozenset[str] = field(default_factory=frozenset)
    units: str = "roll-up"

    def check(self) -> None:
        if self.depth < 1:
            raise UsageError(f"--depth must be 1 or more, got {self.depth}")
        if self.since is not None and self.until is not None and self.since > self.until:
            raise UsageError(f"--since {self.since} is after --until {self.until}")
        bad = sorted(set(self.kinds) - set(KIND_CHOICES) - set(V.EVENT_CLASSES))
        if bad:
            raise UsageError(f"unknown --kind {', '.join(bad)}; choose among {', '.join(KIND_CHOICES)} "
                             f"(or an event type: {', '.join(V.EVENT_CLASSES)})")
        if self.units not in UNIT_MODES:
            raise UsageError(f"--units must be roll-up or show, got {self.units!r}")

    @property
    def narrowed(self) -> bool:
        return bool(self.focus or self.by_year or self.kinds)

    def describe(self, names: dict[str, str]) -> str:
        parts = []
        if self.focus:
            parts.append(f"around {names.get(self.focus, self.focus)} (depth {self.depth})")
        if self.by_year:
            parts.append(f"years {self.since or '…'}–{self.until or '…'} (undated facts left out)")
        if self.kinds:
            parts.append("kinds " + ", ".join(sorted(self.kinds)))
        parts.append("units drawn" if self.units == "show" else "units rolled up into their parent")
        return "; ".join(parts)

    @property
    def by_year(self) -> bool:
        return self.since is not None or self.until is not None

    def keeps_kind(self, fact: Fact) -> bool:
        return not self.kinds or bool({fact.relation, fact.kind} & self.kinds)

    def keeps(self, fact: Fact) -> bool:
        """Kind filter, then year filter; a year filter leaves undated facts out (they cannot be placed)."""
        if not self.keeps_kind(fact):
            return False
        if not self.by_year:
            return True
        if fact.year is None:
            return False
        return (self.since is None or fact.year >= self.since) and \
            (self.until is None or fact.year <= self.until)


# ---- rows -> organizations and facts ---------------------------------------------------------


def _year(*dates: str) -> int | None:
    for d in dates:
        if len(d) >= 4 and d[:4].isdigit():
            return int(d[:4])
    return None


def orgs_from_rows(rows: Iterable[dict[str, str]], org_rows: Iterable[dict[str, str]] = ()) -> dict[str, Org]:
    """Organizations at either end of an edge (and their parents), overlaid with the `organizations` rows,
    which add Vietnamese/English names and the parents of parents."""
    orgs: dict[str, Org] = {}
    for r in rows:
        for end in ("a", "b"):
            iri = r.get(end, "")
            if not iri:
                continue
            parent = r.get(f"{end}Parent", "")
            # the query falls back to the IRI when an organization has no name: keep the short form then
            name, label = (x if x != iri else "" for x in (r.get(f"{end}Name", ""), r.get(f"{end}Label", "")))
            orgs[iri] = Org(iri, name, label, r.get(f"{end}Acronym", ""), r.get(f"{end}Kind", ""), parent)
            if parent and parent not in orgs:
                orgs[parent] = Org(parent, r.get(f"{end}ParentName", ""), r.get(f"{end}ParentName", ""))
    for r in org_rows:
        iri = r.get("org", "")
        if iri:
            name_en, name_vi = r.get("labelEn", ""), r.get("labelVi", "")
            orgs[iri] = Org(iri, r.get("name", ""), name_en or name_vi or r.get("name", ""),
                            r.get("acronym", ""), r.get("kind", ""), r.get("parent", ""), name_en, name_vi)
    return orgs


def facts_from_rows(rows: Iterable[dict[str, str]]) -> list[Fact]:
    out = []
    for r in rows:
        date, earliest = r.get("date", ""), r.get("earliestDate", "")
        names = [Org(r[e], r.get(f"{e}Name", ""), acronym=r.get(f"{e}Acronym", "")).short for e in ("a", "b")]
        out.append(Fact(r.get("fact", ""), r["a"], r["b"], r.get("relation", ""), r.get("kind", ""), date,
                        _year(earliest, date), r.get("label", ""), r.get("evidence", ""),
                        r.get("sources", ""), *names))
    return out


def owner_map(orgs: dict[str, Org], units: str) -> dict[str, str]:
    """Organization -> the node it is drawn on: its top rolled-up ancestor, or itself with --units show."""
    out: dict[str, str] = {}
    for iri in orgs:
        node, seen = iri, {iri}
        while units == "roll-up":
            org = orgs.get(node)
            if org is None or not org.parent or org.kind in _NEVER_ROLLED or org.parent in seen:
                break
            if orgs.get(org.parent, Org(org.parent)).kind in _NEVER_ROLLED_INTO:
                break
            node = org.parent
            seen.add(node)
        out[iri] = node
    return out


# ---- the graph -------------------------------------------------------------------------------


def build_graph(rows: list[dict[str, str]], org_rows: list[dict[str, str]] | None = None,
                filters: Filters | None = None) -> nx.MultiGraph:
    """The partner network for `filters`. Organizations without any link appear (as isolated nodes) only
    when nothing narrows the view and `org_rows` (the `organizations` query) lists them."""
    import networkx as nx

    filters = filters or Filters()
    filters.check()
    orgs = orgs_from_rows(rows, org_rows or ())
    owner = owner_map(orgs, filters.units)
    facts = facts_from_rows(rows)
    kept = [f for f in facts if filters.keeps(f)]

    edges: dict[tuple[str, str, str], dict[str, Fact]] = defaultdict(dict)
    via: dict[tuple[str, str, str], set[str]] = defaultdict(set)
    internal = 0
    for f in kept:
        u, v = owner.get(f.a, f.a), owner.get(f.b, f.b)
        if u == v:
            internal += 1
            continue
        key = (u, v, f.relation) if f.relation == "role" else (min(u, v), max(u, v), f.relation)
        edges[key][f.iri] = f
        via[key] |= {orgs[x].short for x in (f.a, f.b) if x in orgs and owner.get(x, x) != x}

    G = nx.MultiGraph(title="Partner network")
    nodes = {n for key in edges for n in key[:2]}
    if not filters.narrowed:
        nodes |= set(owner.values())
    parent_links = {(iri, orgs[iri].parent) for iri in nodes
                    if iri in orgs and orgs[iri].parent and owner.get(iri) == iri}
    nodes |= {p for _, p in parent_links}

    rolled: dict[str, list[str]] = defaultdict(list)
    for iri, top in owner.items():
        if top != iri:
            rolled[top].append(orgs[iri].short)
    for iri in sorted(nodes):
        org = orgs.get(iri, Org(iri))
        G.add_node(iri, label=org.short, name=org.label or org.name or org.short, name_en=org.name_en,
                   name_vi=org.name_vi, acronym=org.acronym, org_kind=org.kind, category=org.category,
                   parent=org.parent, units="; ".join(sorted(rolled.get(iri, []))))
    for (u, v, rel), by_iri in sorted(edges.items()):
        _add_edge(G, u, v, rel, sorted(by_iri.values(), key=_fact_order), sorted(via[(u, v, rel)]))
    for unit, parent in sorted(parent_links):
        G.add_edge(unit, parent, key="unit", relation="unit", count=1, weight=1, facts=[],
                   label="unit of" if orgs[unit].kind == "unit" else "part of", holder=unit)

    if filters.focus:
        focus = owner.get(filters.focus, filters.focus)
        if focus not in G:
            name = orgs[focus].short if focus in orgs else filters.focus
            raise UsageError(f"{name} has no link in the partner network with these filters — "
                             "try without --since/--until/--kind, or `kg query organizations`")
        G = nx.ego_graph(G, focus, radius=filters.depth)
        G.graph["focus"] = focus
    undated = sum(1 for f in facts if filters.by_year and f.year is None and filters.keeps_kind(f))
    _finish(G, filters, orgs, undated=undated, internal=internal)
    return G


def _fact_order(f: Fact) -> tuple[Any, ...]:
    return (f.year is None, f.year or 0, f.date, f.label, f.iri)


def _add_edge(G: nx.MultiGraph, u: str, v: str, rel: str, facts: list[Fact], via: list[str]) -> None:
    shorts = list(dict.fromkeys(f.short_label for f in facts))
    label = ", ".join(shorts[:2]) + (f" +{len(shorts) - 2}" if len(shorts) > 2 else "")
    years = sorted({f.year for f in facts if f.year})
    attrs: dict[str, Any] = dict(
        relation=rel, count=len(facts), weight=len(facts), label=label,
        kinds=", ".join(dict.fromkeys(f.kind for f in facts if f.kind)),
        years="; ".join(map(str, years)), dates="; ".join(f.date for f in facts if f.date),
        titles=" | ".join(dict.fromkeys(f.label for f in facts if f.label)),
        evidence=" | ".join(dict.fromkeys(f.evidence for f in facts if f.evidence)),
        sources="; ".join(sorted({s for f in facts for s in f.sources.split("; ") if s})),
        via="; ".join(via), holder=u if rel == "role" else "", facts=facts)
    if years:
        attrs.update(first_year=years[0], last_year=years[-1])
    key = rel if not G.has_edge(u, v, key=rel) else f"{rel}-{u}"
    G.add_edge(u, v, key=key, **attrs)


def _finish(G: nx.MultiGraph, filters: Filters, orgs: dict[str, Org], undated: int, internal: int) -> None:
    for n in G.nodes:
        links = [(m, d["count"]) for _, m, d in G.edges(n, data=True) if d["relation"] != "unit" and m != n]
        G.nodes[n]["partners"] = len({m for m, _ in links})
        G.nodes[n]["links"] = sum(c for _, c in links)
    linked = sum(1 for n in G if G.nodes[n]["partners"])
    G.graph.update(
        title=f"Partner network — {G.number_of_nodes()} organizations, {linked} linked",
        subtitle=filters.describe({k: o.short for k, o in orgs.items()}),
        undated_left_out=undated, internal_links=internal)


# ---- layout ----------------------------------------------------------------------------------


def layout(G: nx.MultiGraph, seed: int = 7) -> dict[str, tuple[float, float]]:
    """Deterministic positions in [0, 1]²: each connected component gets a spring layout (fixed seed, nodes
    in sorted order) in a box whose side grows with its size, the boxes packed in rows, largest first;
    organizations without any link sit in rows along the bottom."""
    import networkx as nx

    H = nx.Graph()
    H.add_nodes_from(sorted(G.nodes))
    H.add_edges_from(sorted((min(u, v), max(u, v)) for u, v in G.edges()))
    comps = sorted((sorted(c) for c in nx.connected_components(H) if len(c) > 1),
                   key=lambda c: (-len(c), c[0]))
    lonely = sorted((n for n in H if not H.degree(n)), key=lambda n: (G.nodes[n].get("label", n).lower(), n))
    per_row = max(1, min(len(lonely), 8 if comps else math.ceil(math.sqrt(len(lonely)))))
    rows = math.ceil(len(lonely) / per_row)
    band = 0.0 if not lonely else (1.0 if not comps else min(0.35, 0.1 * rows + 0.05))
    pos: dict[str, tuple[float, float]] = {}
    for n, (x, y) in _pack([_component(H.subgraph(c), seed) for c in comps]).items():
        pos[n] = (round(x, 6), round(band + (1 - band) * y, 6))
    for i, n in enumerate(lonely):
        r, c = divmod(i, per_row)
        x = 0.5 if per_row == 1 else c / (per_row - 1)
        y = (0.5 if rows == 1 else 1 - r / (rows - 1)) * (band * 0.6 if comps else 1)
        pos[n] = (round(x, 6), round(y, 6))
    return pos


def _component(H: nx.Graph, seed: int) -> dict[str, tuple[float, float]]:
    """Spring layout of one connected component, scaled to [0, 1]²."""
    import networkx as nx

    if len(H) < SPRING_LIMIT:
        raw = nx.spring_layout(H, seed=seed, iterations=100 if len(H) <= 300 else 50)
    else:
        raw = _force_layout(H, seed)
    xs, ys = [float(p[0]) for p in raw.values()], [float(p[1]) for p in raw.values()]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    return {n: (0.5 if x1 == x0 else (float(x) - x0) / (x1 - x0),
                0.5 if y1 == y0 else (float(y) - y0) / (y1 - y0)) for n, (x, y) in raw.items()}


def _force_layout(H: nx.Graph, seed: int, iterations: int = 50) -> dict[str, Any]:
    """Fruchterman-Reingold as in networkx's dense solver, vectorised in blocks of rows: networkx needs SciPy
    from 500 nodes on and loops over nodes in Python there (8 s for 2,000 nodes, against under 1 s here)."""
    import numpy as np

    nodes = list(H)
    n, index = len(nodes), {v: i for i, v in enumerate(nodes)}
    ends = np.array([(index[u], index[v]) for u, v in H.edges()], dtype=np.int64).reshape(-1, 2)
    pos = np.random.default_rng(seed).random((n, 2))
    k, t = 1 / math.sqrt(n), 0.1
    for _ in range(iterations):
        disp = np.zeros((n, 2))
        sq = (pos ** 2).sum(1)
        for s in range(0, n, 512):  # repulsion k²/d from every node, 512 rows at a time (bounded memory):
            block = pos[s:s + 512]  # sum_j w_ij (p_i - p_j) = p_i sum_j w_ij - (W p)_i, with w_ij = k²/d_ij²
            w = k * k / np.maximum(sq[s:s + 512, None] + sq[None, :] - 2 * block @ pos.T, 1e-6)
            w[np.arange(len(block)), np.arange(s, s + len(block))] = 0.0
            disp[s:s + 512] += block * w.sum(1)[:, None] - w @ pos
        delta = pos[ends[:, 0]] - pos[ends[:, 1]]  # attraction d²/k along the edges
        pull = delta * (np.sqrt((delta ** 2).sum(-1)) / k)[:, None]
        np.add.at(disp, ends[:, 0], -pull)
        np.add.at(disp, ends[:, 1], pull)
        length = np.maximum(np.sqrt((disp ** 2).sum(-1)), 0.01)
        pos += disp * (np.minimum(length, t) / length)[:, None]
        t -= 0.1 / (iterations + 1)
    return dict(zip(nodes, pos, strict=True))


def _pack(boxes: list[dict[str, tuple[float, float]]]) -> dict[str, tuple[float, float]]:
    """Shelf-pack component layouts (side ∝ √nodes, largest first, left to right, top to bottom)
    into [0, 1]²; the row is wide enough for the two largest side by side."""
    if not boxes:
        return {}
    sides = [math.sqrt(len(b)) for b in boxes]
    gap = 0.15
    two = sides[0] * (1 + gap) + (sides[1] if len(sides) > 1 else 0)
    width = max(math.sqrt(sum(s * s for s in sides)) * 1.3, two)
    placed, x, y, row_h = [], 0.0, 0.0, 0.0
    for s in sides:
        if x > 0 and x + s > width:
            x, y, row_h = 0.0, y + row_h * (1 + gap), 0.0
        placed.append((x, y))
        x, row_h = x + s * (1 + gap), max(row_h, s)
    total_w = max(px + s for (px, _), s in zip(placed, sides, strict=True))
    total_h = y + row_h
    out = {}
    for box, (px, py), s in zip(boxes, placed, sides, strict=True):
        for n, (bx, by) in box.items():
            out[n] = ((px + bx * s) / total_w, 1 - (py + (1 - by) * s) / total_h)
    return out


# ---- from the store --------------------------------------------------------------------------


def query_rows(store_path: str | os.PathLike[str] | None, focus: str | None = None
               ) -> tuple[list[dict[str, str]], list[dict[str, str]], str | None]:
    """Rows of the saved queries `partner-network` and `organizations` (as text), and the IRI of --focus
    (an IRI, kgid:org/…, an acronym or a name), from one read-only view of the store."""
    from kg import queries as Q
    from kg.store import KgStore

    store = KgStore(store_path).open_read()

    def run(name: str) -> list[dict[str, str]]:
        cols, rows = Q.execute(store, Q.load_query(name).text)
        return [{c: Q.term_text(r.get(c)) for c in cols if r.get(c) is not None} for r in rows]

    rows, org_rows = run("partner-network"), run("organizations")
    if not rows and not org_rows:
        raise KgError("nothing to draw: the store holds no organizations — run `kg build` first "
                      "(or pass --store)")
    iri = Q.resolve_entity(store, focus).value if focus else None
    return rows, org_rows, iri


def load_network(store_path: str | os.PathLike[str] | None = None, filters: Filters | None = None,
                 focus: str | None = None) -> nx.MultiGraph:
    """The partner network of the store; `focus` is resolved to an IRI and replaces filters.focus."""
    import dataclasses

    filters = filters or Filters()
    filters.check()
    rows, org_rows, iri = query_rows(store_path, focus)
    if iri:
        filters = dataclasses.replace(filters, focus=iri)
    G = build_graph(rows, org_rows, filters)
    if G.number_of_edges() == 0 and filters.narrowed:
        raise KgError(f"nothing to draw: no partner link matches the filters ({filters.describe({})})")
    return G
