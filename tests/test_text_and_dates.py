"""Unicode handling and date patterns: the precision the text gives, periods are not dates."""

from __future__ import annotations

import unicodedata

import pytest

from kg.extract.dates import find_dates, range_as_date
from kg.extract.text import canonical_tone, detect_language, fold, normalize


def test_normalize_removes_bom_crlf_and_composes():
    raw = "\ufeffHo\u0300a\r\nb"
    assert normalize(raw) == "Hòa\nb"


def test_fold_keeps_length_and_removes_diacritics():
    s = "Tổng cục Đo lường — Ủy ban"
    assert len(fold(s)) == len(s)
    assert fold(s) == "tong cuc do luong - uy ban"


@pytest.mark.parametrize("old,new", [("hoà", "hòa"), ("Uỷ ban", "Ủy ban"), ("thoả thuận", "thỏa thuận"),
                                     ("quý", "quý"), ("hoàn", "hoàn")])
def test_canonical_tone_placement(old, new):
    assert canonical_tone(unicodedata.normalize("NFC", old)) == new


def test_language_detection():
    assert detect_language("Tổng cục Tiêu chuẩn Đo lường Chất lượng đã ký Bản ghi nhớ") == "vi"
    assert detect_language("The Directorate signed a Memorandum of Understanding") == "en"


@pytest.mark.parametrize("text,iso", [
    ("Ngày 12/6/2018, tại Hà Nội", "2018-06-12"),
    ("ngày 12 tháng 6 năm 2018", "2018-06-12"),
    ("Thứ Hai, Tháng Một 6, 2020 | 9:03", "2020-01-06"),
    ("MoU ký từ tháng 01/2004 và", "2004-01"),
    ("tháng 9/2020", "2020-09"),
    ("Năm 2019 là", "2019"),
    ("Posted: 8 March 2019", "2019-03-08"),
    ("on 14th May 2021", "2021-05-14"),
    ("on May 2, 2023", "2023-05-02"),
    ("In October 2020", "2020-10"),
    # month names in capitals, as datelines and agency copy write them
    ("HANOI, 12 NOV 2021 - STAMEQ", "2021-11-12"),
    ("Signed on MARCH 5, 2024 in", "2024-03-05"),
    ("IN SEPT. 2019 THE", "2019-09"),
])
def test_dates_keep_precision(text, iso):
    found = [d for d in find_dates(text) if not d.is_period]
    assert found and found[0].date.iso() == iso


def test_partial_dates_take_the_document_year():
    d = find_dates("HANOI, March 5 — The", default_year=2019)
    assert d[0].date.iso() == "2019-03-05" and d[0].needs_year
    assert find_dates("Ngày 25/4, hai bên", default_year=2020)[0].date.iso() == "2020-04-25"


def test_periods_and_standard_codes_are_not_dates():
    assert all(d.is_period for d in find_dates("Kế hoạch hợp tác giai đoạn 2018 - 2019"))
    assert all(d.is_period for d in find_dates("for the period 2019–2022"))
    assert find_dates("TCVN ISO 9001:2015") == []


def test_a_range_within_one_month_reads_as_the_month():
    d = find_dates("Từ ngày 20 đến ngày 22 tháng 11 năm 2017, đoàn")[0]
    assert (d.date.iso(), d.end_date.iso()) == ("2017-11-20", "2017-11-22")
    assert range_as_date(d).iso() == "2017-11"


def test_invalid_dates_are_dropped():
    assert find_dates("ngày 31/2/2019") == []
