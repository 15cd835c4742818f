"""The partner network as ONE self-contained HTML page that works offline.

No CDN and no JavaScript library: positions come from Python (the same deterministic layout as the
static diagrams) and a small inline script draws SVG, with pan/zoom, hover tooltips (names, agreements
with dates and the evidence sentence each came from), a search box and a year filter. A
Content-Security-Policy forbids every network request, so the page cannot reach out even by mistake.
The data goes in as JSON with `<`, `>` and `&` escaped, and the script inserts text with textContent only.
"""

from __future__ import annotations

import html
import json
import math
import os
from typing import TYPE_CHECKING, Any

from kg.viz.network import CATEGORIES, RELATIONS, layout
from kg.viz.static import edge_width

if TYPE_CHECKING:
    import networkx as nx

WIDTH, HEIGHT, MARGIN = 1100.0, 700.0, 50.0
LABEL_LIMIT = 150  # more nodes than this: the rest get their label when zoomed in
EDGE_LABEL_LIMIT = 120


def page_data(G: nx.MultiGraph) -> dict[str, Any]:
    """Everything the page script needs, in plain JSON types."""
    pos = layout(G)
    order = sorted(G)
    index = {n: i for i, n in enumerate(order)}
    scale = 1.0 if len(G) <= 60 else max(0.35, math.sqrt(60 / len(G)))
    ranked = sorted(order, key=lambda n: (-G.nodes[n].get("partners", 0), G.nodes[n]["label"].lower(), n))
    major = set(ranked[:LABEL_LIMIT])
    nodes = []
    for n in order:
        d = G.nodes[n]
        x, y = pos[n]
        nodes.append({
            "id": n, "label": d["label"], "name": d.get("name", ""), "name_en": d.get("name_en", ""),
            "name_vi": d.get("name_vi", ""), "acronym": d.get("acronym", ""), "kind": d.get("org_kind", ""),
            "cat": d["category"], "partners": d.get("partners", 0), "units": d.get("units", ""),
            "x": round(MARGIN + x * (WIDTH - 2 * MARGIN), 2),
            "y": round(MARGIN + (1 - y) * (HEIGHT - 2 * MARGIN), 2),
            "r": round(scale * (8 + 5 * math.sqrt(d.get("partners", 0))), 2), "major": n in major})
    edges = []
    for u, v, _k, d in sorted(G.edges(keys=True, data=True), key=lambda e: (e[0], e[1], e[2])):
        src, dst = (d["holder"], v if d["holder"] == u else u) if d.get("holder") else (u, v)
        arrow = " → " if d["relation"] == "role" else " – "
        facts = [{"label": f.label, "kind": f.kind, "date": f.date, "year": f.year, "evidence": f.evidence,
                  "sources": f.sources, "ends": f.a_name + arrow + f.b_name} for f in d.get("facts", [])]
        edges.append({"s": index[src], "t": index[dst], "rel": d["relation"], "count": d["count"],
                      "label": d.get("label", ""), "via": d.get("via", ""), "dir": bool(d.get("holder")),
                      "w": round(edge_width(d["count"], len(G)), 2),
                      "facts": facts})
    years = sorted({f["year"] for e in edges for f in e["facts"] if f["year"]})
    cats = {n["cat"] for n in nodes}
    rels = {e["rel"] for e in edges}
    return {
        "title": G.graph.get("title", "Partner network"), "subtitle": G.graph.get("subtitle", ""),
        "width": WIDTH, "height": HEIGHT, "nodes": nodes, "edges": edges,
        "years": [years[0], years[-1]] if years else None, "edgeLabels": len(edges) <= EDGE_LABEL_LIMIT,
        "categories": {c: list(CATEGORIES[c]) for c in CATEGORIES if c in cats},
        "relations": {r: list(RELATIONS[r]) for r in RELATIONS if r in rels},
    }


def script_json(data: Any) -> str:
    """JSON safe inside <script>: ASCII only, and no `<`, `>` or `&` that could end or open a tag."""
    text = json.dumps(data, ensure_ascii=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def render_html(G: nx.MultiGraph, path: str | os.PathLike[str]) -> None:
    data = page_data(G)
    page = (_PAGE.replace("@TITLE@", html.escape(data["title"]))
            .replace("@STYLE@", _STYLE).replace("@SCRIPT@", _SCRIPT).replace("@DATA@", script_json(data)))
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(page)


_PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy"
 content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>@TITLE@</title>
<style>@STYLE@</style>
</head>
<body>
<header>
 <h1 id="title"></h1>
 <p id="subtitle"></p>
 <div class="controls">
  <input id="search" type="search" placeholder="Search organizations (name, acronym)…"
   aria-label="Search organizations" autocomplete="off">
  <span id="matches" aria-live="polite"></span>
  <span id="yearbox"><label>From <input id="from" type="range"></label>
   <label>to <input id="to" type="range"></label> <output id="years"></output>
   <label><input id="undated" type="checkbox" checked> undated</label></span>
  <button id="zoomin" type="button" title="Zoom in">+</button>
  <button id="zoomout" type="button" title="Zoom out">−</button>
  <button id="reset" type="button">Reset view</button>
  <span id="shown"></span>
 </div>
</header>
<main>
 <svg id="graph" role="img" aria-label="Partner network diagram"><defs id="defs"></defs>
  <g id="viewport"><g id="edges"></g><g id="edge-labels"></g><g id="nodes"></g></g></svg>
 <aside id="legend"></aside>
</main>
<div id="tooltip" role="tooltip" hidden></div>
<noscript>This diagram needs JavaScript.</noscript>
<script type="application/json" id="kg-data">@DATA@</script>
<script>@SCRIPT@</script>
</body>
</html>
"""

_STYLE = """
*{box-sizing:border-box}
body{margin:0;font-family:"DejaVu Sans","Noto Sans",system-ui,sans-serif;color:#222;background:#fff;
 display:flex;flex-direction:column;height:100vh}
header{padding:8px 14px;border-bottom:1px solid #ddd}
h1{font-size:18px;margin:0}
#subtitle{margin:2px 0 6px;color:#555;font-size:13px}
.controls{display:flex;flex-wrap:wrap;gap:10px;align-items:center;font-size:13px}
#search{width:260px;padding:3px 6px}
main{flex:1;display:flex;min-height:0}
#graph{flex:1;cursor:grab;background:#fcfcfc;touch-action:none;user-select:none}
#graph.dragging{cursor:grabbing}
#legend{width:270px;padding:10px;border-left:1px solid #ddd;font-size:12px;overflow:auto}
#legend ul{list-style:none;padding:0;margin:4px 0 10px}
#legend li{margin:3px 0;display:flex;gap:6px;align-items:center}
.sw{display:inline-block;width:12px;height:12px;border-radius:50%}
.node circle{stroke:#fff;stroke-width:1.5}
.node text{font-size:13px;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round;
 pointer-events:none}
.node.minor text{display:none}
#graph.zoomed .node.minor text{display:inline}
.node.match circle{stroke:#000;stroke-width:3}
.node.match text{font-weight:bold}
.dim{opacity:.15}
.faded{opacity:.25}
.hidden{display:none}
.edge .hit{stroke:transparent;stroke-width:10;fill:none}
.edge line.vis{fill:none;opacity:.8}
.edge:hover line.vis{opacity:1}
.elabel{font-size:10px;paint-order:stroke;stroke:#fff;stroke-width:3px;pointer-events:none}
#tooltip{position:fixed;max-width:440px;background:#fff;border:1px solid #999;border-radius:4px;padding:8px;
 font-size:12px;box-shadow:0 2px 8px rgba(0,0,0,.2);pointer-events:none;z-index:10}
#tooltip h2{font-size:13px;margin:0 0 4px}
#tooltip p{margin:2px 0}
#tooltip .fact{margin-top:6px;border-top:1px solid #eee;padding-top:4px}
#tooltip .ev{font-style:italic;color:#444}
#tooltip .src{color:#777;font-size:11px}
"""

_SCRIPT = r"""
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var NS = "http://www.w3.org/2000/svg";
  var svg = document.getElementById("graph"), view = document.getElementById("viewport");
  var tip = document.getElementById("tooltip");
  var DASH = {solid: "", dashed: "9 5", dotted: "2 4"};
  var RELNAME = {agreement: "Agreement", event: "Co-organized event", role: "Role",
                 unit: "Unit of / part of"};

  function el(name, attrs, parent) {
    var e = document.createElementNS(NS, name);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (parent) { parent.appendChild(e); }
    return e;
  }
  function h(tag, text, cls, parent) {
    var e = document.createElement(tag);
    if (text) { e.textContent = text; }
    if (cls) { e.className = cls; }
    if (parent) { parent.appendChild(e); }
    return e;
  }
  function fold(s) {
    return (s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase();
  }
  function clip(s, n) { return s && s.length > n ? s.slice(0, n - 1) + "…" : (s || ""); }

  document.getElementById("title").textContent = data.title;
  document.getElementById("subtitle").textContent = data.subtitle;

  // arrow heads for directed edges (role: holder -> organization; unit -> parent)
  Object.keys(data.relations).forEach(function (rel) {
    var m = el("marker", {id: "arrow-" + rel, viewBox: "0 0 10 10", refX: "9", refY: "5", markerWidth: "9",
                          markerHeight: "9", markerUnits: "userSpaceOnUse", orient: "auto"},
               document.getElementById("defs"));
    el("path", {d: "M0,0 L10,5 L0,10 z", fill: data.relations[rel][2]}, m);
  });

  var nodes = data.nodes, edges = data.edges;
  nodes.forEach(function (n, i) {
    n.index = i; n.edges = [];
    n.key = fold([n.label, n.name, n.name_en, n.name_vi, n.acronym, n.units].join(" "));
  });

  var gEdges = document.getElementById("edges"), gLabels = document.getElementById("edge-labels");
  edges.forEach(function (e) {
    var a = nodes[e.s], b = nodes[e.t], rel = data.relations[e.rel];
    a.edges.push(e); b.edges.push(e);
    var dx = b.x - a.x, dy = b.y - a.y, len = Math.hypot(dx, dy) || 1;
    var x1 = a.x + dx / len * a.r, y1 = a.y + dy / len * a.r;
    var x2 = b.x - dx / len * (b.r + 2), y2 = b.y - dy / len * (b.r + 2);
    var g = el("g", {"class": "edge rel-" + e.rel, "data-relation": e.rel, "data-source": a.id,
                     "data-target": b.id}, gEdges);
    el("line", {"class": "hit", x1: x1, y1: y1, x2: x2, y2: y2}, g);
    var attrs = {"class": "vis", x1: x1, y1: y1, x2: x2, y2: y2, stroke: rel[2], "stroke-width": e.w};
    if (DASH[rel[1]]) { attrs["stroke-dasharray"] = DASH[rel[1]]; }
    if (e.dir) { attrs["marker-end"] = "url(#arrow-" + e.rel + ")"; }
    el("line", attrs, g);
    e.el = g;
    if (data.edgeLabels && e.label) {
      var t = el("text", {"class": "elabel", x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 - 3,
                          "text-anchor": "middle", fill: rel[2]}, gLabels);
      t.textContent = e.label;
      e.labelEl = t;
    }
    hover(g, function () { return edgeTip(e); });
  });

  var gNodes = document.getElementById("nodes");
  nodes.forEach(function (n) {
    var cls = "node" + (n.major ? "" : " minor");
    var g = el("g", {"class": cls, "data-id": n.id, "data-label": n.label,
                     transform: "translate(" + n.x + "," + n.y + ")"}, gNodes);
    el("circle", {r: n.r, fill: data.categories[n.cat][1]}, g);
    var t = el("text", {y: n.r + 13, "text-anchor": "middle"}, g);
    t.textContent = n.label;
    n.el = g;
    hover(g, function () { return nodeTip(n); });
  });

  // ---- tooltips ------------------------------------------------------------------------------
  function factBlock(f, box, said) {
    var d = h("div", null, "fact", box);
    var head = h("p", [f.date || "undated", f.kind, f.label].filter(Boolean).join(" · "), null, d);
    head.style.fontWeight = "bold";
    h("p", f.ends, "src", d);
    if (f.evidence && !said.has(f.evidence)) { h("p", "“" + clip(f.evidence, 400) + "”", "ev", d); }
    if (f.evidence) { said.add(f.evidence); }
    if (f.sources) { h("p", "Source: " + f.sources, "src", d); }
  }
  function nodeTip(n) {
    var box = document.createElement("div");
    h("h2", n.label, null, box);
    [n.name_en || n.name, n.name_vi]
      .filter(function (s, i, a) { return s && s !== n.label && a.indexOf(s) === i; })
      .forEach(function (s) { h("p", s, null, box); });
    h("p", (data.categories[n.cat] || ["Other"])[0] + (n.kind ? " (" + n.kind + ")" : "") + " · " +
      n.partners + " partner" + (n.partners === 1 ? "" : "s"), "src", box);
    if (n.units) { h("p", "Includes its units: " + n.units, "src", box); }
    var shown = 0, more = 0, said = new Set();
    n.edges.forEach(function (e) {
      e.facts.forEach(function (f) {
        if (shown < 8) { factBlock(f, box, said); shown++; } else { more++; }
      });
    });
    if (more) { h("p", "… and " + more + " more (hover the lines)", "src", box); }
    return box;
  }
  function edgeTip(e) {
    var box = document.createElement("div");
    var a = nodes[e.s], b = nodes[e.t];
    h("h2", a.label + (e.dir ? " → " : " — ") + b.label, null, box);
    h("p", RELNAME[e.rel] + (e.count > 1 ? " ×" + e.count : "") + (e.via ? " (through " + e.via + ")" : ""),
      "src", box);
    var said = new Set();
    e.facts.slice(0, 10).forEach(function (f) { factBlock(f, box, said); });
    if (e.facts.length > 10) { h("p", "… and " + (e.facts.length - 10) + " more", "src", box); }
    return box;
  }
  function hover(target, make) {
    target.addEventListener("mouseenter", function (ev) {
      tip.replaceChildren(make()); tip.hidden = false; place(ev);
    });
    target.addEventListener("mousemove", place);
    target.addEventListener("mouseleave", function () { tip.hidden = true; });
  }
  function place(ev) {
    var w = tip.offsetWidth, hgt = tip.offsetHeight;
    var x = ev.clientX + 14, y = ev.clientY + 14;
    if (x + w > window.innerWidth) { x = Math.max(0, ev.clientX - w - 14); }
    if (y + hgt > window.innerHeight) { y = Math.max(0, window.innerHeight - hgt - 4); }
    tip.style.left = x + "px"; tip.style.top = y + "px";
  }

  // ---- pan and zoom --------------------------------------------------------------------------
  var k = 1, tx = 0, ty = 0;
  function apply() {
    view.setAttribute("transform", "translate(" + tx + "," + ty + ") scale(" + k + ")");
    svg.classList.toggle("zoomed", k > 2.5);
  }
  function fit() {
    var r = svg.getBoundingClientRect();
    k = Math.min(r.width / data.width, r.height / data.height) || 1;
    tx = (r.width - data.width * k) / 2; ty = (r.height - data.height * k) / 2; apply();
  }
  function zoomAt(px, py, f) {
    var nk = Math.min(40, Math.max(0.1, k * f));
    tx = px - (px - tx) * nk / k; ty = py - (py - ty) * nk / k; k = nk; apply();
  }
  svg.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var r = svg.getBoundingClientRect();
    zoomAt(ev.clientX - r.left, ev.clientY - r.top, Math.exp(-ev.deltaY * 0.0015));
  }, {passive: false});
  var drag = null;
  svg.addEventListener("pointerdown", function (ev) {
    drag = {x: ev.clientX, y: ev.clientY, tx: tx, ty: ty};
    svg.setPointerCapture(ev.pointerId); svg.classList.add("dragging");
  });
  svg.addEventListener("pointermove", function (ev) {
    if (!drag) { return; }
    tx = drag.tx + ev.clientX - drag.x; ty = drag.ty + ev.clientY - drag.y; apply();
  });
  function endDrag() { drag = null; svg.classList.remove("dragging"); }
  svg.addEventListener("pointerup", endDrag);
  svg.addEventListener("pointercancel", endDrag);
  function centre(f) { var r = svg.getBoundingClientRect(); zoomAt(r.width / 2, r.height / 2, f); }
  document.getElementById("zoomin").addEventListener("click", function () { centre(1.4); });
  document.getElementById("zoomout").addEventListener("click", function () { centre(1 / 1.4); });
  document.getElementById("reset").addEventListener("click", fit);
  window.addEventListener("resize", fit);

  // ---- search --------------------------------------------------------------------------------
  var search = document.getElementById("search"), matches = document.getElementById("matches");
  function runSearch() {
    var q = fold(search.value.trim()), hits = [];
    nodes.forEach(function (n) {
      var hit = q !== "" && n.key.indexOf(q) >= 0;
      if (hit) { hits.push(n); }
      n.el.classList.toggle("match", hit);
      n.el.classList.toggle("dim", q !== "" && !hit);
    });
    edges.forEach(function (e) {
      e.el.classList.toggle("dim", q !== "" && !(nodes[e.s].el.classList.contains("match") ||
                                                  nodes[e.t].el.classList.contains("match")));
    });
    matches.textContent = q ? hits.length + " match" + (hits.length === 1 ? "" : "es") : "";
    return hits;
  }
  search.addEventListener("input", runSearch);
  search.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter") { return; }
    var hits = runSearch();
    if (!hits.length) { return; }
    var r = svg.getBoundingClientRect();
    k = Math.max(k, 2); tx = r.width / 2 - hits[0].x * k; ty = r.height / 2 - hits[0].y * k; apply();
  });

  // ---- year filter ---------------------------------------------------------------------------
  var from = document.getElementById("from"), to = document.getElementById("to");
  var undated = document.getElementById("undated"), shownEl = document.getElementById("shown");
  function filterYears() {
    var lo = Number(from.value), hi = Number(to.value), withUndated = undated.checked, count = 0;
    if (lo > hi) { var t = lo; lo = hi; hi = t; }
    if (data.years) { document.getElementById("years").textContent = lo + "–" + hi; }
    edges.forEach(function (e) {
      var ok = e.rel === "unit" || !data.years || e.facts.some(function (f) {
        return f.year ? f.year >= lo && f.year <= hi : withUndated;
      });
      e.visible = ok; if (ok && e.rel !== "unit") { count++; }
      e.el.classList.toggle("hidden", !ok);
      if (e.labelEl) { e.labelEl.classList.toggle("hidden", !ok); }
    });
    nodes.forEach(function (n) {
      var linked = n.edges.filter(function (e) { return e.rel !== "unit"; });
      n.el.classList.toggle("faded", linked.length > 0 && !linked.some(function (e) { return e.visible; }));
    });
    shownEl.textContent = count + " of " + edges.filter(function (e) { return e.rel !== "unit"; }).length +
      " links shown";
  }
  if (data.years) {
    [from, to].forEach(function (s) { s.min = data.years[0]; s.max = data.years[1]; s.step = 1; });
    from.value = data.years[0]; to.value = data.years[1];
    [from, to, undated].forEach(function (s) { s.addEventListener("input", filterYears); });
  } else {
    document.getElementById("yearbox").hidden = true;
  }

  // ---- legend --------------------------------------------------------------------------------
  var legend = document.getElementById("legend");
  h("strong", "Organizations", null, legend);
  var ul = h("ul", null, null, legend);
  Object.keys(data.categories).forEach(function (c) {
    var li = h("li", null, null, ul), sw = h("span", null, "sw", li);
    sw.style.background = data.categories[c][1];
    h("span", data.categories[c][0], null, li);
  });
  h("strong", "Links", null, legend);
  ul = h("ul", null, null, legend);
  Object.keys(data.relations).forEach(function (r) {
    var li = h("li", null, null, ul);
    var s = el("svg", {width: 34, height: 10}, li);
    var a = {x1: 1, y1: 5, x2: 33, y2: 5, stroke: data.relations[r][2], "stroke-width": 2};
    if (DASH[data.relations[r][1]]) { a["stroke-dasharray"] = DASH[data.relations[r][1]]; }
    el("line", a, s);
    h("span", data.relations[r][0], null, li);
  });
  h("p", "Circle size: number of partners. Line width: number of facts. Arrows: from the holder of a role " +
    "to the organization, from a unit to its parent.", null, legend);
  h("p", "Hover a circle or a line for names, dates and the sentence each fact came from. Drag to pan, " +
    "wheel to zoom.", null, legend);

  fit();
  filterYears();
  document.body.setAttribute("data-ready", "1");
})();
"""
