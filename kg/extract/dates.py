"""Dates in Vietnamese and English text, at the precision the text gives.

Hand-written patterns rather than a general date parser: the extractor must locate dates inside
running text, keep their precision (day / month / year), tell a signing date from a period
("giai đoạn 2018-2020", "for the period 2019–2022") and run at several MB/s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.model import PartialDate

_VI_MONTH_WORDS = {
    "một": 1, "giêng": 1, "hai": 2, "ba": 3, "tư": 4, "bốn": 4, "năm": 5, "sáu": 6, "bảy": 7, "tám": 8,
    "chín": 9, "mười": 10, "mười một": 11, "mười hai": 12, "chạp": 12,
}
_EN_MONTHS = {
    m: i + 1
    for i, ms in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",),
            ("june", "jun"), ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"),
            ("october", "oct"), ("november", "nov"), ("december", "dec"),
        ]
    )
    for m in ms
}
_EN_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
)
_VI_MONTH_WORD_RE = r"(?:Mười Một|Mười Hai|Mười|Một|Giêng|Hai|Ba|Tư|Bốn|Năm|Sáu|Bảy|Tám|Chín|Chạp)"
_D = r"(?P<d>[0-3]?\d)"
_M = r"(?P<m>[01]?\d)"
_Y = r"(?P<y>(?:19|20)\d\d)"
_ORD = r"(?:st|nd|rd|th)?"

# Order matters: the longest, most precise forms first; matches do not overlap.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # ISO 8601 "2024-09-26", as page metadata and some bylines write it
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)\b")),
    # "Từ ngày 20 đến ngày 22 tháng 11 năm 2017", "từ 20 - 22/11/2017"
    ("vi_range", re.compile(
        r"(?i:từ\s+)?(?i:ngày\s+)?(?P<d1>[0-3]?\d)\s*(?:-|–|(?i:đến))\s*(?i:ngày\s+)?(?P<d2>[0-3]?\d)"
        r"(?:\s*(?i:tháng)\s*|/)(?P<m>[01]?\d)(?:\s*(?i:năm)\s*|/)(?P<y>(?:19|20)\d\d)\b")),
    ("vi_full", re.compile(
        r"(?i:ngày\s+)?(?:(?i:thứ)\s+\w+,?\s*)?" + _D + r"(?:\s*(?i:tháng)\s*|/|-|\.)" + _M
        + r"(?:\s*(?i:năm)\s*|/|-|\.)" + _Y + r"\b")),
    ("vi_monthword", re.compile(
        r"(?i:tháng)\s+(?P<mw>" + _VI_MONTH_WORD_RE + r")\s+" + _D + r",\s*" + _Y + r"\b")),
    ("en_range", re.compile(
        r"\b(?P<d1>[0-3]?\d)" + _ORD + r"\s*(?:-|–|to)\s*(?P<d2>[0-3]?\d)" + _ORD + r"\s+(?P<mn>" + _EN_MONTH_RE
        + r")\s*,?\s*" + _Y + r"\b")),
    ("en_dmy", re.compile(r"\b" + _D + _ORD + r"(?:\s+of)?\s+(?P<mn>" + _EN_MONTH_RE + r")\s*,?\s*" + _Y + r"\b")),
    ("en_mdy", re.compile(r"\b(?P<mn>" + _EN_MONTH_RE + r")\s+" + _D + _ORD + r",?\s+" + _Y + r"\b")),
    ("vi_month", re.compile(r"(?i:tháng)\s*" + _M + r"(?:\s*(?i:năm)\s*|\s*/\s*|-)" + _Y + r"\b")),
    ("vi_daymonth", re.compile(
        r"(?i:ngày|hôm|sáng|chiều|tối|trưa)\s+(?:(?i:thứ)\s+\w+,?\s*)?" + _D + r"(?:/|\s*(?i:tháng)\s*)" + _M
        + r"\b(?![/.]\d)")),
    ("en_my", re.compile(r"\b(?P<mn>" + _EN_MONTH_RE + r")\s*,?\s+" + _Y + r"\b")),
    ("en_md", re.compile(r"\b(?P<mn>" + _EN_MONTH_RE + r")\s+" + _D + _ORD + r"\b(?![:\d])")),
    ("en_dm", re.compile(r"\b" + _D + _ORD + r"(?:\s+of)?\s+(?P<mn>" + _EN_MONTH_RE + r")\b")),
    ("period", re.compile(
        r"(?i:giai đoạn|period|từ năm|from|between)?\s*\b(?P<y1>(?:19|20)\d\d)\s*(?:-|–|—|to|đến)\s*"
        r"(?P<y2>(?:19|20)\d\d)\b")),
    ("year", re.compile(
        r"(?:(?i:năm|in|of|during|trong năm|since|từ năm)\s+)" + _Y + r"\b(?![/\-–]\d)")),
]


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    date: PartialDate
    end_date: PartialDate | None = None
    is_period: bool = False  # a span of years ("giai đoạn 2018-2020"): not an event or signing date
    needs_year: bool = False  # "ngày 25/4", "March 5": year taken from the document


def _month(name: str) -> int:
    return _EN_MONTHS[name.lower().rstrip(".")]


def find_dates(text: str, default_year: int | None = None) -> list[DateMention]:
    """All date mentions, left to right, non-overlapping, invalid dates dropped."""
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []

    def free(a: int, b: int) -> bool:
        return all(b <= s or a >= e for s, e in taken)

    for kind, pattern in _PATTERNS:
        for m in pattern.finditer(text):
            a, b = m.start(), m.end()
            # Leading whitespace of optional prefixes is not part of the mention.
            while a < b and text[a].isspace():
                a += 1
            if not free(a, b):
                continue
            g = m.groupdict()
            dm = _make(kind, g, a, b, default_year)
            if dm is None or not dm.date.is_valid() or (dm.end_date and not dm.end_date.is_valid()):
                continue
            if kind in {"en_md", "en_dm"} and not _english_context(text, a, b):
                continue
            taken.append((a, b))
            found.append(dm)
    found.sort(key=lambda d: d.start)
    return found


def _english_context(text: str, a: int, b: int) -> bool:
    # "May 5" is a date; "may 5 experts" is not: require a capitalized month.
    return text[a].isupper() or text[a].isdigit()


def _make(kind: str, g: dict[str, str | None], a: int, b: int, default_year: int | None) -> DateMention | None:
    def i(name: str) -> int:
        return int(g[name] or 0)

    if kind == "vi_range":
        return DateMention(a, b, PartialDate(i("y"), i("m"), i("d1")), PartialDate(i("y"), i("m"), i("d2")))
    if kind == "en_range":
        m = _month(g["mn"] or "")
        return DateMention(a, b, PartialDate(i("y"), m, i("d1")), PartialDate(i("y"), m, i("d2")))
    if kind == "iso":
        return DateMention(a, b, PartialDate(i("y"), i("m"), i("d")))
    if kind == "vi_full":
        return DateMention(a, b, PartialDate(i("y"), i("m"), i("d")))
    if kind == "vi_monthword":
        return DateMention(a, b, PartialDate(i("y"), _VI_MONTH_WORDS[(g["mw"] or "").lower()], i("d")))
    if kind == "en_dmy" or kind == "en_mdy":
        return DateMention(a, b, PartialDate(i("y"), _month(g["mn"] or ""), i("d")))
    if kind == "vi_month":
        return DateMention(a, b, PartialDate(i("y"), i("m")))
    if kind == "en_my":
        return DateMention(a, b, PartialDate(i("y"), _month(g["mn"] or "")))
    if kind in {"vi_daymonth", "en_md", "en_dm"}:
        if default_year is None:
            return None
        m = i("m") if kind == "vi_daymonth" else _month(g["mn"] or "")
        return DateMention(a, b, PartialDate(default_year, m, i("d")), needs_year=True)
    if kind == "period":
        y1, y2 = i("y1"), i("y2")
        if not y1 < y2 <= y1 + 30:
            return None
        return DateMention(a, b, PartialDate(y1), PartialDate(y2), is_period=True)
    if kind == "year":
        return DateMention(a, b, PartialDate(i("y")))
    return None


def range_as_date(dm: DateMention) -> PartialDate:
    """A range within one month reads as that month ("20-22/11/2017" -> 2017-11) when one date is needed."""
    if dm.end_date and dm.end_date != dm.date and not dm.is_period:
        if dm.date.month == dm.end_date.month:
            return PartialDate(dm.date.year, dm.date.month)
        return PartialDate(dm.date.year)
    return dm.date
