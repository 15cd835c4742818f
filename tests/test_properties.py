"""Property tests: the extractor never raises, what it produces is well-formed, exports round-trip."""

from __future__ import annotations

import io
import shutil
import subprocess

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.api import extract_text
from kg.export import export
from kg.mapping import to_quads
from kg.store import KgStore
from kg.validate import validate_store

FRAGMENTS = [
    "Tổng cục Tiêu chuẩn Đo lường Chất lượng", "Viện Đo lường Việt Nam (VMI)", "và", "đã ký", "Bản ghi nhớ",
    "ngày 12/6/2018", "tại Hà Nội", "ông Nguyễn Văn An", "Viện trưởng", "cựu", "tân", "Hội thảo “Đo lường”",
    "The Bureau of Indian Standards (BIS)", "signed a Memorandum of Understanding", "on 5 March 2019",
    "Mr. John Smith, Director General of BIS", "(", ")", ",", ".", "\n", "đăng ký", "ký hiệu", "ISO/IEC 17025",
    "TCVN ISO 9001:2015", "sẽ xem xét ký kết", "hai bên", "Cùng ngày", "Ho\u0300a", "U\u1ef7 ban", "\ufeff", "\r\n",
]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_the_extractor_never_raises_on_arbitrary_unicode(text):
    ex = extract_text(text, "random.txt")
    for m in ex.mentions:
        assert ex.document.text[m.start:m.end] == m.text


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=40).map(" ".join))
def test_offsets_always_point_at_the_mention(text):
    ex = extract_text(text, "frag.txt")
    quads = to_quads(ex)
    assert quads
    for m in ex.mentions:
        assert ex.document.text[m.start:m.end] == m.text


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(FRAGMENTS), min_size=5, max_size=40).map(" ".join))
def test_every_graph_the_extractor_writes_passes_the_shapes(text):
    store = ox.Store()
    store.extend(to_quads(extract_text("Tiêu đề\n" + text, "shape.txt")))
    violations = validate_store(store)
    assert violations == [], [str(v) for v in violations[:5]]


def _triples(store: ox.Store) -> set[tuple[str, str, str]]:
    return {(str(q.subject), str(q.predicate), str(q.object)) for q in store.quads_for_pattern(None, None, None, None)}


@pytest.mark.parametrize("fmt", ["turtle", "trig", "ntriples", "nquads", "jsonld", "rdfxml"])
def test_export_then_import_gives_the_same_graph(seed_store, fmt):
    from kg.export import DATASET_FORMATS, rdf_format

    store = KgStore(seed_store).open_read()
    buf = io.BytesIO()
    export(store, fmt, buf)
    back = ox.Store()
    back.load(buf.getvalue(), format=rdf_format(fmt))
    original = ox.Store()
    meta = "https://w3id.org/coop-kg/id/graph/meta"
    keep_graphs = rdf_format(fmt) in DATASET_FORMATS
    for q in store.quads_for_pattern(None, None, None, None):
        if not isinstance(q.graph_name, ox.DefaultGraph) and q.graph_name.value == meta:
            continue
        original.add(q if keep_graphs else ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph()))
    if keep_graphs:
        assert {str(q) for q in back} == {str(q) for q in original}
    else:
        assert _triples(back) == _triples(original)


@pytest.mark.parametrize("fmt,rdflib_fmt", [("turtle", "turtle"), ("trig", "trig"), ("rdfxml", "xml"),
                                            ("jsonld", "json-ld"), ("nquads", "nquads")])
def test_exports_parse_in_an_independent_parser(seed_store, fmt, rdflib_fmt):
    import rdflib

    buf = io.BytesIO()
    export(KgStore(seed_store).open_read(), fmt, buf)
    ds = rdflib.Dataset()
    ds.parse(data=buf.getvalue().decode("utf-8"), format=rdflib_fmt)
    assert len(ds) > 500 or sum(len(g) for g in ds.graphs()) > 500


@pytest.mark.skipif(shutil.which("rapper") is None, reason="raptor's rapper is not installed")
def test_turtle_parses_in_rapper(seed_store, tmp_path):
    out = tmp_path / "g.ttl"
    export(KgStore(seed_store).open_read(), "turtle", str(out))
    p = subprocess.run(["rapper", "-i", "turtle", "-c", str(out)], capture_output=True, text=True)
    assert p.returncode == 0, p.stderr
