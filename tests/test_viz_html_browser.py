"""The HTML partner network in a real headless Chromium (Debian's, driven by Playwright): nodes and edges
are drawn, hover, search, the year filter and zoom work, and no request leaves the machine.

`playwright install` (a browser download) is never needed: the browser comes from `make browser`
(apt-get install chromium). The test is skipped only when /usr/bin/chromium is absent.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from kg.viz.html import render_html
from kg.viz.network import load_network

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync"]
ORG = "https://w3id.org/coop-kg/id/org/"
LOCAL = ("file:", "data:", "about:", "blob:")

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(), reason="/usr/bin/chromium is absent — `make browser` installs Debian's chromium")


@pytest.fixture(scope="module")
def graph(seed_store: Path) -> nx.MultiGraph:
    return load_network(seed_store)


@pytest.fixture(scope="module")
def page(graph: nx.MultiGraph, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """The page, loaded; fails the module's tests if anything but file: URLs is requested or a script errs."""
    from playwright.sync_api import sync_playwright

    path = tmp_path_factory.mktemp("html") / "partners.html"
    render_html(graph, path)
    outside: list[str] = []
    errors: list[str] = []

    def route(r: Any) -> None:
        if r.request.url.startswith(LOCAL):
            r.continue_()
        else:
            outside.append(r.request.url)
            r.abort()

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS, headless=True)
        try:
            pg = browser.new_page(viewport={"width": 1400, "height": 900})
            pg.route("**/*", route)
            pg.on("request", lambda r: None if r.url.startswith(LOCAL) else outside.append(r.url))
            pg.on("pageerror", lambda e: errors.append(str(e)))
            pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            pg.goto(path.as_uri())
            pg.wait_for_selector("body[data-ready='1']", timeout=15_000)
            yield pg
            pg.screenshot(path=str(path.with_suffix(".png")))
        finally:
            browser.close()
    assert outside == [], f"the page asked the network for {outside}"
    assert errors == [], f"script errors: {errors}"


def test_nodes_and_edges_are_drawn(page: Any, graph: nx.MultiGraph) -> None:
    labels = page.eval_on_selector_all("g.node", "els => els.map(e => e.dataset.label)")
    assert sorted(labels) == sorted(d["label"] for _, d in graph.nodes(data=True))
    assert {"STAMEQ", "UNMZ", "BSI", "ASTM", "ISO", "ACCSQ"} <= set(labels)
    assert page.locator("g.edge").count() == graph.number_of_edges()
    box = page.locator("g.node[data-label='STAMEQ'] circle").bounding_box()
    assert box and box["width"] > 10 and box["x"] > 0 and box["y"] > 0  # drawn, in view, with a real size
    visible = page.locator("g.node[data-label='UNMZ'] text")
    assert visible.is_visible() and visible.text_content() == "UNMZ"


def test_hover_shows_names_dates_and_evidence(page: Any) -> None:
    page.hover("g.node[data-label='UNMZ'] circle")
    tip = page.locator("#tooltip")
    tip.wait_for(state="visible")
    text = tip.text_content()
    assert "Czech Office for Standards, Metrology and Testing" in text
    assert "Văn phòng Tiêu chuẩn, Đo lường và Thử nghiệm Séc" in text
    assert "2019-04-17" in text and "Bản ghi nhớ" in text  # the sentence the MoU came from
    page.mouse.move(5, 895)


def test_search_highlights_by_name_without_diacritics(page: Any) -> None:
    page.fill("#search", "thu nghiem sec")  # folded Vietnamese name of UNMZ
    assert page.eval_on_selector_all("g.node.match", "els => els.map(e => e.dataset.label)") == ["UNMZ"]
    assert page.locator("g.node.dim").count() == page.locator("g.node").count() - 1
    assert page.text_content("#matches") == "1 match"
    page.fill("#search", "")
    assert page.locator("g.node.dim").count() == 0


def test_year_filter_hides_older_edges(page: Any) -> None:
    # the ASTM MoU of 2004 (ASTM also has an undated event edge: it took part in the ISO General Assembly)
    astm = f"g.edge.rel-agreement[data-source='{ORG}astm'], g.edge.rel-agreement[data-target='{ORG}astm']"
    unmz = f"g.edge[data-source='{ORG}unmz'], g.edge[data-target='{ORG}unmz']"
    assert "hidden" not in page.get_attribute(astm, "class")
    page.eval_on_selector("#from", "el => { el.value = 2010; el.dispatchEvent(new Event('input')); }")
    assert "hidden" in page.get_attribute(astm, "class")
    assert "hidden" not in page.get_attribute(unmz, "class")
    page.eval_on_selector("#from", "el => { el.value = el.min; el.dispatchEvent(new Event('input')); }")
    page.eval_on_selector("#to", "el => { el.value = 2010; el.dispatchEvent(new Event('input')); }")
    assert "faded" in page.get_attribute("g.node[data-label='UNMZ']", "class")  # its only link is of 2019
    page.eval_on_selector("#to", "el => { el.value = el.max; el.dispatchEvent(new Event('input')); }")
    page.eval_on_selector("#from", "el => { el.value = el.min; el.dispatchEvent(new Event('input')); }")
    assert "hidden" not in page.get_attribute(astm, "class")


def test_wheel_zooms_and_drag_pans(page: Any) -> None:
    before = page.get_attribute("#viewport", "transform")
    page.mouse.move(500, 450)
    page.mouse.wheel(0, -400)
    page.wait_for_function(f"document.getElementById('viewport').getAttribute('transform') !== {before!r}")
    zoomed = page.get_attribute("#viewport", "transform")
    page.mouse.move(300, 600)
    page.mouse.down()
    page.mouse.move(420, 650, steps=4)
    page.mouse.up()
    assert page.get_attribute("#viewport", "transform") != zoomed
    page.click("#reset")
    assert page.get_attribute("#viewport", "transform") == before
