"""One node per real organization across documents; HTML and NFD forms give the same facts as plain text."""

from __future__ import annotations

import html
import json
import unicodedata

from kg.api import extract_file
from kg.evaluate import _labels, norm
from kg.store import KgStore
from tests.conftest import SEED


def _facts(path):
    e = extract_file(path)
    return (set(e.organizations), {(frozenset(a.parties), a.signed_on.iso() if a.signed_on else None)
                                   for a in e.agreements},
            {(m.member, m.role, m.organization, m.tenure) for m in e.memberships}, set(e.people))


def _as_html_page(text: str) -> str:
    lines = text.split("\n")
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in lines[2:] if p.strip())
    return f"""<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>{html.escape(lines[0])}</title>
<meta property="og:title" content="{html.escape(lines[0])}">
<meta property="article:published_time" content="2020-01-06T09:03:00+07:00">
<style>body {{ font-family: sans-serif }}</style><script>var tracker = "Viện Tiêu chuẩn Anh (BSI)";</script>
</head><body><nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/tin">Tin tức</a></li>
<li><a href="/hoi-thao">Hội thảo</a></li></ul></nav>
<aside><h3>Tin liên quan</h3><ul><li><a href="/a">Viện Nghiên cứu Chuẩn và Khoa học Hàn Quốc (KRISS) thăm VMI</a></li>
<li><a href="/b">Tổ chức Quốc tế về Đo lường pháp định (OIML) họp tại Pháp</a></li></ul></aside>
<article><h1>{html.escape(lines[0])}</h1><p class="byline">{html.escape(lines[1])}</p>
{body}</article>
<footer><p>Bản quyền thuộc Trung tâm Thông tin và Truyền thông. Địa chỉ: 8 Hoàng Quốc Việt, Hà Nội.</p></footer>
</body></html>"""


def test_html_page_gives_the_same_facts_as_its_text(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    page = tmp_path / "seed.vi.html"
    page.write_text(_as_html_page(text), encoding="utf-8")
    orgs_t, agr_t, roles_t, people_t = _facts(SEED)
    orgs_h, agr_h, roles_h, people_h = _facts(page)
    assert agr_h == agr_t
    assert roles_h == roles_t
    assert people_t - {"truong-van", "bao-anh"} <= people_h
    assert orgs_h == orgs_t
    doc = extract_file(page).document
    assert doc.headline == text.split("\n")[0] and doc.published.iso() == "2020-01-06"
    assert "kriss" not in orgs_h and "Tin liên quan" not in doc.text and "tracker" not in doc.text


def test_decomposed_unicode_and_crlf_give_the_same_facts(tmp_path):
    text = SEED.read_text(encoding="utf-8")
    nfd = tmp_path / "seed-nfd.vi.txt"
    nfd.write_bytes(("\ufeff" + unicodedata.normalize("NFD", text).replace("\n", "\r\n")).encode("utf-8"))
    assert _facts(nfd) == _facts(SEED)


def test_one_node_per_real_organization_across_the_shared_corpus(shared, tmp_path):
    from kg.build import build

    docs = sorted((shared / "corpus").glob("*.txt")) + sorted((shared / "corpus" / "dev").glob("*.txt"))
    build(docs, tmp_path / "store", jobs=1)
    nodes = _labels(KgStore(tmp_path / "store").open_read(), "org:Organization",
                    ["skos:prefLabel", "skos:altLabel", "coop:acronym"])
    gold_names: dict[str, set[str]] = {}
    for g in sorted((shared / "corpus").glob("*.gold.json")) + sorted((shared / "corpus" / "dev").glob("*.gold.json")):
        for o in json.loads(g.read_text(encoding="utf-8"))["organizations"]:
            gold_names.setdefault(o["key"], set()).update(norm(n) for n in o["names"] + o.get("also", []))
    # A generic name given to two bodies ("International Cooperation Department" of PTB and of STAMEQ)
    # identifies neither.
    seen: dict[str, set[str]] = {}
    for k, names in gold_names.items():
        for n in names:
            seen.setdefault(n, set()).add(k)
    gold_names = {k: {n for n in names if len(seen[n]) == 1} for k, names in gold_names.items()}
    matched: dict[str, list[str]] = {}
    for node, labels in nodes.items():
        keys = [k for k, names in gold_names.items() if labels & names]
        assert len(keys) <= 1, (node, keys)  # never two real bodies in one node
        for k in keys:
            matched.setdefault(k, []).append(node)
    splits = {k: v for k, v in matched.items() if len(v) > 1}
    assert splits == {}
    # the bodies met in several articles are one node each
    for key in ("STAMEQ", "VMI", "MOST", "APLMF"):
        assert len(matched[key]) == 1
    assert len(nodes) == len(matched) + sum(1 for labels in nodes.values()
                                            if not any(labels & n for n in gold_names.values()))


def test_a_list_of_signed_documents_in_an_html_page_is_read_and_each_item_is_an_agreement(tmp_path):
    items = ["Bản ghi nhớ hợp tác về tiêu chuẩn giữa Tổng cục Tiêu chuẩn Đo lường Chất lượng và KATS;",
             "Kế hoạch hợp tác kỹ thuật giữa Viện Đo lường Việt Nam (VMI) và KRISS."]
    lis = "".join(f"<li>{html.escape(i)}</li>" for i in items)
    page = tmp_path / "list.vi.html"
    page.write_text(_as_html_page("Việt Nam - Hàn Quốc trao 2 văn kiện\nNgày đăng: 29/11/2024\n"
                                  "Chiều 28/11, tại Seoul, Bộ Khoa học và Công nghệ tổ chức diễn đàn hợp tác.")
                    .replace("2020-01-06T09:03:00", "2024-11-29T09:03:00")
                    .replace("</article>", "<p>Dưới sự chứng kiến của hai Trưởng đoàn, các cơ quan của hai nước đã "
                             f"trao 2 văn kiện hợp tác, gồm:</p><ul>{lis}</ul></article>"), encoding="utf-8")
    e = extract_file(page)
    assert "KRISS" in e.document.text and "Tin liên quan" not in e.document.text
    assert {(frozenset(a.parties), a.signed_on.iso()) for a in e.agreements} == {
        (frozenset({"stameq", "kats"}), "2024-11-28"), (frozenset({"vmi", "kriss"}), "2024-11-28")}
