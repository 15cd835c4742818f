"""`kg viz`: the partner network of the seed article, read back from a real store, in every format."""

from __future__ import annotations

import importlib.util
import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
import typer
from typer.testing import CliRunner

from kg.viz import render
from kg.viz.cli import viz_app
from kg.viz.html import page_data, render_html, script_json
from kg.viz.network import Filters, build_graph, load_network
from kg.viz.timeline import counts_per_year, query_timeline

ROOT = Path(__file__).resolve().parents[1]
ORG = "https://w3id.org/coop-kg/id/org/"
SVG = "{http://www.w3.org/2000/svg}"
EXPECTED_LABELS = {"STAMEQ", "UNMZ", "BSI", "ASTM", "KPC", "UL", "CCIC", "APO", "ISO", "ACCSQ"}


@pytest.fixture(scope="module")
def graph(seed_store: Path) -> nx.MultiGraph:
    return load_network(seed_store)


@pytest.fixture(scope="module")
def svg_file(graph: nx.MultiGraph, tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("svg") / "partners.svg"
    render(graph, "svg", path)
    return path


def by_label(G: nx.MultiGraph) -> dict[str, str]:
    return {d["label"]: n for n, d in G.nodes(data=True)}


def linked(G: nx.MultiGraph, a: str, b: str, relation: str | None = None) -> bool:
    ids = by_label(G)
    if a not in ids or b not in ids or not G.has_edge(ids[a], ids[b]):
        return False
    return relation is None or any(d["relation"] == relation
                                   for d in G.get_edge_data(ids[a], ids[b]).values())


def edge_multiset(G: nx.Graph) -> Counter[tuple[frozenset[str], str]]:
    return Counter((frozenset((u, v)), d["relation"]) for u, v, d in G.edges(data=True))


def svg_texts(path: Path) -> set[str]:
    root = ET.parse(path).getroot()
    return {"".join(t.itertext()).strip() for t in root.iter(f"{SVG}text")}


# ---- the graph -------------------------------------------------------------------------------


def test_every_organization_of_the_rows_is_a_node(graph: nx.MultiGraph) -> None:
    assert EXPECTED_LABELS <= set(by_label(graph))
    for partner in ("UNMZ", "BSI", "ASTM"):
        assert linked(graph, "STAMEQ", partner, "agreement"), partner
    assert linked(graph, "STAMEQ", "APO", "event")
    assert linked(graph, "STAMEQ", "ACCSQ", "role")
    assert linked(graph, "STAMEQ", "ISO", "event")  # took part in the ISO General Assembly


def test_units_roll_up_into_their_parent(graph: nx.MultiGraph) -> None:
    ids = by_label(graph)
    assert "QTC" not in ids and not any(d["org_kind"] == "unit" for _, d in graph.nodes(data=True))
    for partner in ("KPC", "UL", "CCIC"):  # agreements signed by the Directorate's centres
        assert linked(graph, "STAMEQ", partner, "agreement"), partner
    assert "QTC" in graph.nodes[ids["STAMEQ"]]["units"]
    kpc = graph.get_edge_data(ids["KPC"], ids["STAMEQ"])["agreement"]
    assert kpc["via"] == "QTC" and kpc["count"] == 1 and kpc["label"] == "agreement 2019"
    assert graph.nodes[ids["STAMEQ"]]["partners"] >= 8


def test_units_shown_with_a_dotted_edge_to_the_parent(seed_store: Path) -> None:
    G = load_network(seed_store, Filters(units="show"))
    assert linked(G, "QTC", "STAMEQ", "unit") and linked(G, "QTC", "KPC", "agreement")
    assert not linked(G, "KPC", "STAMEQ")


def test_roles_point_from_the_holder(graph: nx.MultiGraph) -> None:
    ids = by_label(graph)
    role = graph.get_edge_data(ids["STAMEQ"], ids["ACCSQ"])["role"]
    assert role["holder"] == ids["STAMEQ"] and role["count"] >= 1


def test_focus_keeps_the_ego_network(seed_store: Path) -> None:
    G = load_network(seed_store, Filters(depth=1), focus="UNMZ")
    assert set(by_label(G)) == {"STAMEQ", "UNMZ"}
    assert G.graph["focus"] == ORG + "unmz"
    wider = load_network(seed_store, Filters(depth=2), focus="UNMZ")
    assert {"ASTM", "BSI"} <= set(by_label(wider))


def test_focus_by_iri_and_by_name(seed_store: Path) -> None:
    assert set(load_network(seed_store, focus="kgid:org/unmz")) == {ORG + "unmz", ORG + "stameq"}
    assert set(load_network(seed_store, focus="Văn phòng Tiêu chuẩn, Đo lường và Thử nghiệm Séc")) == {
        ORG + "unmz", ORG + "stameq"}


def test_since_drops_older_edges(seed_store: Path) -> None:
    G = load_network(seed_store, Filters(since=2010))
    assert not linked(G, "STAMEQ", "ASTM")  # the MoU of 2004
    assert linked(G, "STAMEQ", "UNMZ") and "ISO" not in by_label(G)
    old = load_network(seed_store, Filters(until=2010))
    assert set(by_label(old)) == {"STAMEQ", "ASTM"}


def test_kind_filter(seed_store: Path) -> None:
    G = load_network(seed_store, Filters(kinds=frozenset({"mou"})))
    assert {frozenset(G.nodes[x]["label"] for x in e) for e in G.edges()} == {
        frozenset({"STAMEQ", "UNMZ"}), frozenset({"STAMEQ", "ASTM"})}
    roles = load_network(seed_store, Filters(kinds=frozenset({"role"})))
    assert {d["relation"] for *_, d in roles.edges(data=True)} <= {"role", "unit"}


def test_bad_filters_are_usage_errors() -> None:
    from kg.errors import UsageError

    for f in (Filters(depth=0), Filters(since=2020, until=2010), Filters(kinds=frozenset({"x"})),
              Filters(units="hide")):
        with pytest.raises(UsageError):
            f.check()


# ---- static diagrams -------------------------------------------------------------------------


def test_svg_keeps_labels_as_text_and_draws_the_edges(svg_file: Path) -> None:
    texts = svg_texts(svg_file)
    assert EXPECTED_LABELS <= texts
    assert any("Tổng cục" in t for t in texts) and any("Séc" in t for t in texts)  # diacritics as text
    ids = set(re.findall(r'id="(edge__[^"]+)"', svg_file.read_text(encoding="utf-8")))
    for partner in ("unmz", "bsi", "astm"):
        assert {f"edge__stameq__{partner}__agreement", f"edge__{partner}__stameq__agreement"} & ids, partner
    assert "DejaVu Sans" in svg_file.read_text(encoding="utf-8")


def test_rendering_is_deterministic(graph: nx.MultiGraph, svg_file: Path, tmp_path: Path) -> None:
    again = tmp_path / "again.svg"
    render(graph, "svg", again)
    assert again.read_bytes() == svg_file.read_bytes()
    render(graph, "png", tmp_path / "a.png")
    render(graph, "png", tmp_path / "b.png")
    assert (tmp_path / "a.png").read_bytes() == (tmp_path / "b.png").read_bytes()
    assert (tmp_path / "a.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_dot(graph: nx.MultiGraph, tmp_path: Path) -> None:
    path = tmp_path / "p.dot"
    render(graph, "dot", path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("graph partners {") and text.rstrip().endswith("}")
    assert re.search(rf'"{ORG}stameq" -- "{ORG}unmz" \[label="MoU 2019"', text)
    assert f'"{ORG}stameq" -- "{ORG}accsq" [label="Vice President", style=dotted' in text
    assert "style=dashed" in text  # the APO workshop


# ---- GraphML / GEXF --------------------------------------------------------------------------


def test_graphml_reads_back_the_same_graph(graph: nx.MultiGraph, tmp_path: Path) -> None:
    path = tmp_path / "p.graphml"
    render(graph, "graphml", path)
    back = nx.read_graphml(path)
    assert set(back.nodes) == set(graph.nodes)
    assert edge_multiset(back) == edge_multiset(graph)
    stameq = back.nodes[ORG + "stameq"]
    assert stameq["label"] == "STAMEQ" and stameq["name_vi"] == "Tổng cục Tiêu chuẩn Đo lường Chất lượng"
    assert isinstance(stameq["partners"], int)
    years = {d.get("first_year") for *_, d in back.edges(data=True)}
    assert {2004, 2019} <= years


def test_gexf_parses(graph: nx.MultiGraph, tmp_path: Path) -> None:
    path = tmp_path / "p.gexf"
    render(graph, "gexf", path)
    ET.parse(path)
    back = nx.read_gexf(path)
    assert set(back.nodes) == set(graph.nodes)
    assert edge_multiset(back) == edge_multiset(graph)
    assert back.nodes[ORG + "unmz"]["label"] == "UNMZ"


# ---- HTML ------------------------------------------------------------------------------------


def test_html_is_one_offline_file(graph: nx.MultiGraph, tmp_path: Path) -> None:
    path = tmp_path / "p.html"
    render_html(graph, path)
    text = path.read_text(encoding="utf-8")
    assert not re.search(r"<(script|img|link|iframe)[^>]+(src|href)=", text, re.I)
    assert "default-src 'none'" in text
    block = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', text, re.S)
    data = json.loads(block[1])
    assert {n["label"] for n in data["nodes"]} >= EXPECTED_LABELS
    unmz = next(e for e in data["edges"] if {data["nodes"][e["s"]]["label"], data["nodes"][e["t"]]["label"]}
                == {"STAMEQ", "UNMZ"})
    assert unmz["facts"][0]["date"] == "2019-04-17" and "UNMZ" in unmz["facts"][0]["evidence"]
    assert data["years"] == [2004, 2019]


def _row(a: str, b: str, **extra: str) -> dict[str, str]:
    row = {"a": ORG + a, "b": ORG + b, "relation": "agreement", "kind": "mou", "date": "2020",
           "earliestDate": "2020-01-01", "fact": f"urn:{a}-{b}", "aName": a.upper(), "bName": b.upper(),
           "aKind": "national-standards", "bKind": "company"}
    row.update(extra)
    return row


def test_html_escapes_every_text() -> None:
    evil = '</script><script>alert("x")</script> & <!-- đ'
    G = build_graph([_row("x", "y", aName=evil, evidence=evil, label=evil)])
    data = page_data(G)
    text = script_json(data)
    assert "<" not in text and ">" not in text and "&" not in text and text.isascii()
    assert json.loads(text)["nodes"][0]["label"].startswith("</script>")


# ---- timeline --------------------------------------------------------------------------------


def test_timeline_counts_and_chart(seed_store: Path, tmp_path: Path) -> None:
    from kg.viz.timeline import render_timeline

    rows = query_timeline(seed_store)
    counts = counts_per_year(rows)
    assert counts["agreement"][2004] == 1 and counts["agreement"][2019] >= 3
    path = tmp_path / "t.svg"
    render_timeline(rows, path, "svg")
    assert {"2004", "2019", "Agreements", "Events"} <= svg_texts(path)
    render_timeline([], tmp_path / "empty.svg", "svg")  # no dated fact: a chart that says so


# ---- CLI -------------------------------------------------------------------------------------


@pytest.fixture
def cli() -> typer.Typer:
    app = typer.Typer()

    @app.callback()
    def main() -> None:
        """kg"""

    app.add_typer(viz_app, name="viz")
    return app


@pytest.mark.parametrize("fmt", ["svg", "png", "html", "graphml", "gexf", "dot"])
def test_cli_writes_every_format(cli: typer.Typer, seed_store: Path, tmp_path: Path,
                                 monkeypatch: pytest.MonkeyPatch, fmt: str) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(cli, ["viz", "--format", fmt, "--store", str(seed_store)])
    assert result.exit_code == 0, result.output
    path = tmp_path / "out" / f"partners.{fmt}"
    assert path.stat().st_size > 200
    assert f"out/partners.{fmt}" in result.output


def test_cli_options(cli: typer.Typer, seed_store: Path, tmp_path: Path) -> None:
    out = tmp_path / "ego.graphml"
    args = ["viz", "-o", str(out), "--focus", "UNMZ", "--depth", "1", "--kind", "mou", "--kind", "agreement",
            "--since", "2010", "--until", "2020", "--units", "show", "--store", str(seed_store)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    assert set(nx.read_graphml(out).nodes) == {ORG + "stameq", ORG + "unmz"}
    args = ["viz", "timeline", "-o", str(tmp_path / "t.png"), "--store", str(seed_store)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0 and (tmp_path / "t.png").read_bytes()[:4] == b"\x89PNG"


@pytest.mark.parametrize("args, code, message", [
    (["--focus", "No Such Org"], 2, "no organization or person is named"),
    (["--kind", "treaty"], 2, "unknown --kind treaty"),
    (["--depth", "0", "--focus", "UNMZ"], 2, "--depth must be 1 or more"),
    (["--format", "pdf"], 2, "unknown format 'pdf'"),
    (["-o", "diagram.xyz"], 2, "cannot tell the format"),
    (["--since", "2030"], 1, "nothing to draw"),
])
def test_cli_errors(cli: typer.Typer, seed_store: Path, args: list[str], code: int, message: str) -> None:
    result = CliRunner().invoke(cli, ["viz", *args, "--store", str(seed_store)])
    assert result.exit_code == code, result.output
    assert "Error: " in result.output and message in result.output
    assert "Traceback" not in result.output


def test_cli_on_an_empty_store(cli: typer.Typer, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["viz", "--store", str(tmp_path / "none")])
    assert result.exit_code == 1 and "run `kg build` first" in result.output


def test_cli_module_imports_no_heavy_library() -> None:
    code = ("import sys, kg.viz.cli; heavy = [m for m in ('networkx', 'matplotlib', 'rdflib', 'pyoxigraph', "
            "'numpy') if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"


def test_commands_end_with_an_example() -> None:
    from kg.viz.cli import network, timeline

    for command in (network, timeline):
        assert re.search(r"Example: kg viz .+$", (command.__doc__ or "").strip()), command.__name__


# ---- the benchmark's synthetic network -------------------------------------------------------


def test_synthetic_network_renders_in_every_format(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("bench_viz", ROOT / "benchmarks" / "bench_viz.py")
    assert spec and spec.loader
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    rows = bench.synthetic_rows(80, 240)
    assert rows == bench.synthetic_rows(80, 240)  # deterministic
    G = build_graph(rows)
    assert 60 <= len(G) <= 80
    assert sum(d["count"] for *_, d in G.edges(data=True) if d["relation"] == "agreement") > 200
    for fmt in ("svg", "png", "html", "graphml", "gexf", "dot"):
        render(G, fmt, tmp_path / f"s.{fmt}")
        assert (tmp_path / f"s.{fmt}").stat().st_size > 1000
