"""Facts read from the article the project started from."""

from __future__ import annotations

import pytest

from kg.api import extract_file
from tests.conftest import SEED


@pytest.fixture(scope="module")
def ex():
    return extract_file(SEED)


def _agreements(ex):
    return {(frozenset(a.parties), a.signed_on.iso() if a.signed_on else None, a.kind) for a in ex.agreements}


def test_document_metadata(ex):
    doc = ex.document
    assert doc.lang == "vi"
    assert doc.published.iso() == "2020-01-06"
    assert doc.headline.startswith("Những sự kiện nổi bật")
    assert "Trương Vân" in doc.authors


def test_agreements_with_parties_and_dates(ex):
    got = _agreements(ex)
    assert (frozenset({"stameq", "unmz"}), "2019-04-17", "mou") in got
    assert (frozenset({"stameq", "astm"}), "2004-01", "mou") in got
    assert any(p == frozenset({"stameq", "bsi"}) for p, _, _ in got)
    assert any(p == frozenset({"nbc", "ccic"}) for p, _, _ in got)
    assert any(p == frozenset({"stameq-icc", "ul"}) for p, _, _ in got)
    assert any(p == frozenset({"stameq-tc", "kpc"}) for p, _, _ in got)
    unmz = next(a for a in ex.agreements if set(a.parties) == {"stameq", "unmz"})
    assert unmz.place == "Séc"


def test_short_forms_and_typos_resolve_to_one_node(ex):
    stameq = ex.organizations["stameq"]
    assert "Tổng cục" in stameq.names
    nbc = ex.organizations["nbc"]
    assert "Trung Mã số mã vạch Quốc gia" in nbc.names  # a word missing in the article
    assert "Trung tâm Mã số Mã vạch quốc gia" in nbc.names


def test_people_without_honorifics_in_names(ex):
    names = {p.name for p in ex.people.values()}
    assert {"Santhi Kanoktanaporn", "Achmad Kurnia Prawira Mochtan", "Nguyễn Xuân Phúc",
            "Teresa J.Cendrowska"} <= names
    assert all(not n.startswith(("Tiến sĩ", "bà", "Bà")) for n in names)
    assert ex.people["santhi-kanoktanaporn"].title == "Tiến sĩ"


def test_roles_with_tenure(ex):
    roles = {(m.member, m.role, m.organization, m.tenure) for m in ex.memberships}
    assert ("santhi-kanoktanaporn", "secretary-general", "apo", "former") in roles
    assert ("achmad-kurnia-prawira-mochtan", "secretary-general", "apo", "incoming") in roles
    assert ("nguyen-xuan-phuc", "prime-minister", None, "current") in roles
    assert ("teresa-j-cendrowska", "vice-chair", "astm", "current") in roles


def test_organization_holds_roles_in_others(ex):
    org_roles = {(m.member, m.organization) for m in ex.memberships if m.member_is_org}
    assert {("stameq", "accsq"), ("stameq", "accsq-wg1"), ("stameq", "accsq-wg2")} <= org_roles


def test_posts_without_named_holder(ex):
    posts = {(p.organization, p.role) for p in ex.posts}
    assert ("aplmf", "chair") in posts
    assert ("unmz", "chair") in posts


def test_units(ex):
    assert ex.organizations["quacert"].parent == "stameq"
    assert ex.organizations["accsq-wg1"].parent == "accsq"
    assert ex.organizations["accsq-wg1"].key != ex.organizations["accsq-wg2"].key


def test_events(ex):
    names = [e.name for e in ex.events]
    assert any(n.startswith("Hội nghị lần thứ 42 Nhóm công tác về tiêu chuẩn") for n in names)
    assert any("Xu hướng Phát triển Làng nghề" in n for n in names)
    quacert = next(e for e in ex.events if "Chia sẻ ứng dụng" in e.name)
    assert set(quacert.organizers) == {"quacert", "nbc", "apo"}
    iso = next(e for e in ex.events if e.name.startswith("Phiên họp toàn thể"))
    assert iso.place == "Nam Phi"
