"""Each rule of the extractor, on short texts it has never seen: a test that fails without the rule."""

from __future__ import annotations

from kg.api import extract_text


def ex(text: str):
    return extract_text("Tiêu đề\n" + text, "t.txt")


def orgs(e) -> set[str]:
    return set(e.organizations)


def parties(e) -> set[frozenset[str]]:
    return {frozenset(a.parties) for a in e.agreements}


def test_name_with_acronym_defines_an_unknown_body_and_its_later_mentions():
    e = ex("Viện Nghiên cứu Đo lường Xyz (VNX) và Tổng cục Tiêu chuẩn Đo lường Chất lượng đã ký Biên bản ghi nhớ. "
           "VNX sẽ cử chuyên gia.")
    assert "vnx" in orgs(e)
    assert "Viện Nghiên cứu Đo lường Xyz" in e.organizations["vnx"].names
    assert sum(1 for m in e.mentions if m.entity == "vnx") == 2
    assert frozenset({"vnx", "stameq"}) in parties(e)


def test_english_name_with_acronym():
    e = extract_text("T\nOn 5 March 2019 the Institute of Applied Standards of Ruritania (IASR) and STAMEQ "
                     "signed a Memorandum of Understanding.", "t.txt")
    assert "Institute of Applied Standards of Ruritania" in e.organizations["iasr"].names
    a = e.agreements[0]
    assert set(a.parties) == {"iasr", "stameq"} and a.signed_on.iso() == "2019-03-05" and a.kind == "mou"


def test_register_and_symbol_are_not_signing():
    e = ex("Doanh nghiệp đăng ký chứng nhận với Viện Tiêu chuẩn Anh (BSI). Sản phẩm mang ký hiệu BSI Kitemark.")
    assert e.agreements == []


def test_standard_codes_are_not_organizations():
    e = ex("Hệ thống quản lý theo TCVN ISO 9001:2015 và ISO/IEC 17025 được áp dụng tại Viện Đo lường Việt Nam.")
    assert "iso" not in orgs(e) and "iec" not in orgs(e)
    assert "vmi" in orgs(e)


def test_planned_or_discussed_agreements_are_not_signed():
    for s in [
        "Hai bên thống nhất sẽ xem xét ký kết Biên bản ghi nhớ giữa Viện Đo lường Việt Nam và PTB.",
        "Viện Đo lường Việt Nam và PTB dự kiến ký Thỏa thuận hợp tác vào năm 2021.",
        "Viện Đo lường Việt Nam và PTB đang đàm phán để ký Bản ghi nhớ.",
    ]:
        assert ex(s).agreements == [], s
    e = extract_text("T\nVMI and PTB are expected to sign a Memorandum of Understanding next year. "
                     "NIST and VMI discussed a possible MoU.", "t.txt")
    assert e.agreements == []


def test_countries_and_cities_are_places_not_organizations():
    e = ex("Ngày 12/6/2018, tại Hà Nội, Viện Đo lường Việt Nam (VMI) và Viện Nghiên cứu Chuẩn và Khoa học "
           "Hàn Quốc (KRISS) đã ký Kế hoạch hợp tác.")
    assert orgs(e) == {"vmi", "kriss"}
    assert e.agreements[0].place == "Hà Nội" and e.agreements[0].kind == "plan"


def test_titles_are_not_names():
    e = ex("Phát biểu tại hội thảo, PGS.TS. Nguyễn Văn An, Viện trưởng Viện Đo lường Việt Nam, cho biết. "
           "Dr. Anna Keller and Mr. Tran Quoc Dung attended.")
    names = {p.name for p in e.people.values()}
    assert {"Nguyễn Văn An", "Anna Keller", "Tran Quoc Dung"} <= names
    assert e.people["nguyen-van-an"].title == "PGS.TS."


def test_two_similar_bodies_never_merge():
    e = ex("Trung tâm Kỹ thuật Tiêu chuẩn Đo lường Chất lượng 1 (QUATEST 1) và Trung tâm Kỹ thuật Tiêu chuẩn "
           "Đo lường Chất lượng 3 (QUATEST 3) đã ký thỏa thuận hợp tác.")
    assert {"quatest-1", "quatest-3"} <= orgs(e)
    assert frozenset({"quatest-1", "quatest-3"}) in parties(e)


def test_signatories_and_the_same_day():
    e = extract_text(
        "T\nNha Trang, 22 February 2017 – STAMEQ hosted the meeting.\n"
        "On the same day, STAMEQ and the Standards and Metrology Institute for the Islamic Countries (SMIIC) "
        "signed a Memorandum of Understanding. The MoU was signed by Mr. Le Minh Ha, Director General of STAMEQ, "
        "and Mr. Ahmet Yildiz, Secretary General of SMIIC.", "t.txt")
    assert len(e.agreements) == 1
    a = e.agreements[0]
    assert a.signed_on.iso() == "2017-02-22"
    assert set(a.signatories) == {"le-minh-ha", "ahmet-yildiz"}


def test_roles_in_both_orders_and_tenure():
    e = ex("Thứ trưởng Bộ Khoa học và Công nghệ Phạm Thanh Bình dự lễ. Ông Đỗ Văn Hùng, Viện trưởng Viện Tiêu "
           "chuẩn Chất lượng Việt Nam, phát biểu. Cựu Tổng thư ký APO, Tiến sĩ Santhi Kanoktanaporn, cũng có mặt.")
    roles = {(m.member, m.role, m.organization, m.tenure) for m in e.memberships}
    assert ("pham-thanh-binh", "deputy-minister", "most", "current") in roles
    assert ("do-van-hung", "institute-director", "vsqi", "current") in roles
    assert ("santhi-kanoktanaporn", "secretary-general", "apo", "former") in roles


def test_english_possessive_role_order():
    e = extract_text("T\nThe Bureau of Indian Standards (BIS) welcomed the delegation. BIS's Director General, "
                     "Mr. Pramod Kumar Tiwari, opened the meeting.", "t.txt")
    roles = {(m.member, m.role, m.organization) for m in e.memberships}
    assert ("pramod-kumar-tiwari", "director-general", "bis") in roles


def test_decomposed_unicode_and_old_tone_placement_give_the_same_entities():
    import unicodedata

    text = "Uỷ ban Tiêu chuẩn Công nghiệp Nhật Bản (JISC) và Viện Tiêu chuẩn Chất lượng Việt Nam đã ký thoả thuận."
    a = ex(text)
    b = ex(unicodedata.normalize("NFD", text))
    assert orgs(a) == orgs(b) and parties(a) == parties(b) and a.agreements
