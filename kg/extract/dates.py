"""Dates in Vietnamese and English text, at the precision the text gives.

Hand-written patterns rather than a general date parser: the extractor must locate dates inside
running text, keep their precision (day / month / year), tell a signing date from a period
("giai đoạn 2018-2020", "for the period 2019–2022") and run at several MB/s.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as dt
import re
from dataclasses import dataclass

from kg.extract.text import any_of, finditer_at, written_as
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
# Capitalized, or all in capitals as datelines and agency copy write them ("12 NOV 2021", "MARCH 5, 2024")
_EN_MONTH_RE = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
    r"|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER"
    r"|JAN|FEB|MAR|APR|JUN|JUL|AUG|SEPT|SEP|OCT|NOV|DEC)\.?"
)
_VI_MONTH_WORD_RE = r"(?:Mười Một|Mười Hai|Mười|Một|Giêng|Hai|Ba|Tư|Bốn|Năm|Sáu|Bảy|Tám|Chín|Chạp)"
_EN_WEEKDAY_RE = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5, "sunday": 6,
             "thứ hai": 0, "thứ ba": 1, "thứ tư": 2, "thứ năm": 3, "thứ sáu": 4, "thứ bảy": 5, "chủ nhật": 6}
_D = r"(?P<d>[0-3]?\d)"
_M = r"(?P<m>[01]?\d)"
_Y = r"(?P<y>(?:19|20)\d\d)"
_ORD = r"(?:st|nd|rd|th)?"

# Order matters: the longest, most precise forms first; matches do not overlap.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # ISO 8601 "2024-09-26", as page metadata and some bylines write it; "2021.07.08" in Korean press releases
    ("iso", re.compile(r"\b(?P<y>(?:19|20)\d\d)(?P<sep>[-.])(?P<m>[01]\d)(?P=sep)(?P<d>[0-3]\d)\b")),
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
    # "Update: October, 12/2023 - 08:26": Viet Nam News writes the month's name, then day/year
    ("en_m_dy", re.compile(r"\b(?P<mn>" + _EN_MONTH_RE + r"),\s*" + _D + r"/" + _Y + r"\b")),
    ("vi_month", re.compile(r"(?i:tháng)\s*" + _M + r"(?:\s*(?i:năm)\s*|\s*/\s*|-)" + _Y + r"\b")),
    ("vi_daymonth", re.compile(
        r"(?i:ngày|hôm|sáng|chiều|tối|trưa)\s+(?:(?:(?i:thứ)\s+\w+|(?i:chủ nhật)),?\s*\(?)?" + _D
        + r"(?:/|-|\s*(?i:tháng)\s*)" + _M + r"\b(?![/.\-]\d)\)?")),
    # "Trước đó một ngày (11/8)", "Hôm qua (17-3)": a day and month in brackets after a time expression
    ("vi_daymonth", re.compile(r"(?i:hôm qua|hôm nay|hôm sau|ngày hôm sau|một ngày|hai ngày|ba ngày|sáng nay|"
                               r"chiều nay|sáng qua|chiều qua|tối qua|tuần trước|ngày mai|yesterday|today)\s*"
                               r"\((?P<d>[0-3]?\d)[/-](?P<m>[01]?\d)\)")),
    ("en_my", re.compile(r"\b(?P<mn>" + _EN_MONTH_RE + r")\s*,?\s+" + _Y + r"\b")),
    ("en_md", re.compile(r"\b(?P<mn>" + _EN_MONTH_RE + r")\s+" + _D + _ORD + r"\b(?![:\d])")),
    ("en_dm", re.compile(r"\b" + _D + _ORD + r"(?:\s+of)?\s+(?P<mn>" + _EN_MONTH_RE + r")\b")),
    # A month alone, its year the document's: "the extension in February", "vào tháng 9"
    ("en_m", re.compile(r"(?:\b(?i:in|since|from|during|early|late|until|by)\s+|\b(?i:mid)-\s*)(?P<mn>"
                        + _EN_MONTH_RE + r")(?![\w.]|\s*,?\s*\d)")),
    ("vi_m", re.compile(r"(?i:vào|trong|từ|hồi|cuối|đầu|giữa)\s+(?i:tháng)\s+(?P<m>1[0-2]|0?[1-9])\b"
                        r"(?!\s*(?:/|-|\.)\s*\d)(?!\s*(?i:năm)\s*\d)")),
    ("period", re.compile(
        r"(?i:giai đoạn|period|từ năm|from|between)?\s*\b(?P<y1>(?:19|20)\d\d)\s*(?:-|–|—|to|đến)\s*"
        r"(?P<y2>(?:19|20)\d\d)\b")),
    ("year", re.compile(
        r"(?:(?i:năm|in|of|during|trong năm|since|từ năm)\s+)" + _Y + r"\b(?![/\-–]\d)")),
    # Relative weekdays, read against the publication date: "last Tuesday", "on Monday",
    # "hôm thứ Ba", "chiều thứ Sáu tuần trước". Last, so that "Thứ Năm, 27/6/2019" stays one full date.
    ("en_weekday", re.compile(
        r"\b(?P<rel>(?i:last|on|this past))\s+(?P<wd>" + _EN_WEEKDAY_RE + r")\b(?P<lw>\s+last\s+week)?"
        r"(?!,?\s*\(?\s*(?:\d|" + _EN_MONTH_RE + r"))")),
    ("vi_weekday", re.compile(
        r"(?i:hôm|vào|sáng|chiều|tối|trưa)\s+(?P<wd>(?i:thứ)\s+(?i:hai|ba|tư|năm|sáu|bảy)|(?i:chủ nhật))"
        r"(?P<lw>\s+(?i:tuần trước|tuần qua))?\b(?!,?\s*\(?\s*(?:\d|(?i:ngày)))")),
    # Days, months and years named from the publication date: "hôm qua", "yesterday", "last month".
    ("relative", re.compile(
        r"\b(?P<rd>(?i:hôm qua|sáng qua|chiều qua|tối qua|trưa qua|hôm nay|sáng nay|chiều nay|tối nay|trưa nay|"
        r"yesterday|today|this morning|this afternoon|tháng trước|năm ngoái|last month|last year|earlier this month|"
        r"tháng này|this month|năm nay|this year|last week|tuần trước|tuần qua))\b")),
]
_DIGITLESS = frozenset({"en_weekday", "vi_weekday", "relative", "en_m"})
_RELATIVE_DAYS = {"hôm qua": -1, "sáng qua": -1, "chiều qua": -1, "tối qua": -1, "trưa qua": -1, "yesterday": -1,
                  "hôm nay": 0, "sáng nay": 0, "chiều nay": 0, "tối nay": 0, "trưa nay": 0, "today": 0,
                  "this morning": 0, "this afternoon": 0}
_NUMBER_BEFORE = re.compile(r"(?i)(?:\d|\b(?:một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười|vài|mấy|các|những))[ \t]*$")


_RECURRING = re.compile(r"\s*(?:(?i:each|every) year|(?i:annually)|(?i:hằng|hàng|mỗi) năm)\b")


@dataclass(frozen=True)
class DateMention:
    start: int
    end: int
    date: PartialDate
    end_date: PartialDate | None = None
    is_period: bool = False  # a span of years ("giai đoạn 2018-2020"): not an event or signing date
    needs_year: bool = False  # "ngày 25/4", "March 5": year taken from the document
    relative: bool = False  # "hôm qua", "last Tuesday": read from the publication day


def _month(name: str) -> int:
    return _EN_MONTHS[name.lower().rstrip(".")]


def find_dates(text: str, default_year: int | None = None, reference: PartialDate | None = None
               ) -> list[DateMention]:
    """All date mentions, left to right, non-overlapping, invalid dates dropped. `reference` (the
    publication date) resolves relative weekdays ("last Tuesday"); without it they are not dates."""
    # The mentions taken so far, disjoint, sorted by start (so by end too): a bisection finds an overlap.
    starts: list[int] = []
    ends: list[int] = []
    found: list[DateMention] = []

    def free(a: int, b: int) -> bool:
        i = bisect.bisect_left(starts, b) - 1  # the last mention starting before b ends latest of those
        return i < 0 or ends[i] <= a

    windows = _digit_windows(text)
    low = text.lower()
    # Where the lower-cased text reads as the patterns' IGNORECASE parts do (see _SRE_CASE_SPECIAL), the
    # words a pattern needs are looked up in it with plain string searches first.
    plain = len(low) == len(text) and not _SRE_CASE_SPECIAL.search(text)
    has_reference = _reference_day(reference) is not None
    if plain:
        # what each window holds of the words and numbers the patterns need: (window, needs met) per window
        marks = [((a, b), _window_marks(text, low, a, b)) for a, b in windows]
    for kind, pattern in _PATTERNS:
        # without a reference day relative dates give nothing, without a default year a day or month alone
        if (kind in _NEEDS_REFERENCE and not has_reference) or (kind in _NEEDS_DEFAULT_YEAR and default_year is None):
            continue
        if kind in _DIGITLESS:
            if not plain or pattern not in _SHORTCUT_CHECKED:
                matches = pattern.finditer(text, 0, len(text))
            elif _ANYWHERE[kind](text, low):
                matches = finditer_at(pattern, text, _STARTS[kind], low)  # no pattern here matches ""
            else:
                continue
        else:
            needs = _WINDOW_NEEDS[kind]
            spans = [w for w, has in marks if has & needs == needs] if plain and pattern in _SHORTCUT_CHECKED \
                else windows
            matches = (m for a, b in spans for m in pattern.finditer(text, a, b))
        for m in matches:
            a, b = m.start(), m.end()
            # Leading whitespace of optional prefixes is not part of the mention.
            while a < b and text[a].isspace():
                a += 1
            if not free(a, b):
                continue
            g = m.groupdict()
            if kind == "relative":
                dm = _relative(g["rd"] or "", a, b, reference, text)
            elif kind.endswith("_weekday"):
                dm = _weekday(g, a, b, reference)
            else:
                dm = _make(kind, g, a, b, default_year)
                if dm is not None and kind in {"en_m", "vi_m"}:
                    dm = _month_year(dm, text, b, reference)
                elif dm is not None and dm.needs_year and reference is not None and reference.month and \
                        dm.date.year == reference.year and (dm.date.month or 0) > reference.month + 2:
                    # "Ngày 15-12" in a story published in January: last December, not this one
                    dm = dataclasses.replace(dm, date=dataclasses.replace(dm.date, year=dm.date.year - 1))
            if dm is None or not dm.date.is_valid() or (dm.end_date and not dm.end_date.is_valid()):
                continue
            if kind in {"en_md", "en_dm"} and not _english_context(text, a, b):
                continue
            if kind in {"vi_daymonth", "en_md", "en_dm"} and _RECURRING.match(text, b):
                continue  # "falls on 20 May each year": a day of every year, not a date
            i = bisect.bisect_left(starts, a)
            starts.insert(i, a)
            ends.insert(i, b)
            found.append(dm)
    found.sort(key=lambda d: d.start)
    return found


# ---- prefilters: what each pattern cannot match without (they change no result, only skip work) ----------
_NEEDS_REFERENCE = frozenset({"relative", "en_weekday", "vi_weekday"})  # _relative, _weekday: None without it
_NEEDS_DEFAULT_YEAR = frozenset({"en_m", "vi_m", "vi_daymonth", "en_md", "en_dm"})  # _make: None without a default year
# Characters IGNORECASE matching does not read as str.lower() does: "İ" (its lower case is two characters) and
# those re treats as case variants of another letter ("ı" of "i", "ſ" of "s", "ẛ" of "ṡ"). A text holding one
# is scanned without prefilters.
_SRE_CASE_SPECIAL = re.compile("[\u0130\u0131\u017f\u1e9b]")
_LOW_MONTHS = r"(?:january|february|march|april|may|june|july|august|september|october|november|december" \
              r"|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)"
# Where a match of each pattern scanned over the whole text can start, in the lower-cased text: every match
# starts at a match of these (a superset), so only those places are tried.
_STARTS = {
    "en_m": re.compile(r"(?:in|since|from|during|early|late|until|by)\s+" + _LOW_MONTHS + r"|mid-\s*" + _LOW_MONTHS),
    "en_weekday": re.compile(r"(?:last|on|this past)\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"),
    "vi_weekday": re.compile(r"(?:hôm|vào|sáng|chiều|tối|trưa)\s+(?:thứ\s|chủ nhật)"),
    "relative": re.compile(any_of(
        "hôm qua|sáng qua|chiều qua|tối qua|trưa qua|hôm nay|sáng nay|chiều nay|tối nay|trưa nay|"
        "yesterday|today|this morning|this afternoon|tháng trước|năm ngoái|last month|last year|earlier this month|"
        "tháng này|this month|năm nay|this year|last week|tuần trước|tuần qua".split("|"))),
}
_ANY_YEAR = re.compile(r"(?:19|20)\d\d")
_ANY_EN_MONTH = re.compile(_EN_MONTH_RE)  # case-sensitive in every pattern that names a month in English
_ANY_EN_WEEKDAY = re.compile(_EN_WEEKDAY_RE)  # case-sensitive in en_weekday
_ANY_EN_MONTH_ALONE = re.compile(_EN_MONTH_RE + r"(?![\w.]|\s*,?\s*\d)")  # en_m's month, as en_m reads it
_ANY_YEAR_RANGE = re.compile(r"(?:19|20)\d\d\s*(?:-|–|—|to|đến)\s*(?:19|20)\d\d")  # the core of "period"
_ANY_DAY_RANGE = re.compile(r"\d\s*(?:-|–|đến)\s*(?:ngày\s+)?\d")  # of "vi_range", in the lower-cased text
_ANY_VI_DAY_WORD = re.compile(r"ngày|hôm|sáng|chiều|tối|trưa")  # in the lower-cased text
# A quick look at the whole text before the patterns scanned over all of it: False when it cannot match.
_ANYWHERE = {
    "en_m": lambda text, low: _ANY_EN_MONTH_ALONE.search(text) is not None,
    "en_weekday": lambda text, low: _ANY_EN_WEEKDAY.search(text) is not None,
    "vi_weekday": lambda text, low: "thứ" in low or "chủ nhật" in low,
    "relative": lambda text, low: True,
}
# What a pattern read inside the digit windows needs in the window: bits of _window_marks.
_YEAR, _EN_MONTH, _THANG, _DAY_WORD, _YEAR_RANGE, _DAY_RANGE = 1, 2, 4, 8, 16, 32
_WINDOW_NEEDS = {
    "iso": _YEAR, "vi_range": _YEAR | _DAY_RANGE, "vi_full": _YEAR, "vi_monthword": _YEAR | _THANG,
    "en_range": _YEAR | _EN_MONTH,
    "en_dmy": _YEAR | _EN_MONTH, "en_mdy": _YEAR | _EN_MONTH, "en_m_dy": _YEAR | _EN_MONTH, "vi_month": _YEAR | _THANG,
    "vi_daymonth": _DAY_WORD, "en_my": _YEAR | _EN_MONTH, "en_md": _EN_MONTH, "en_dm": _EN_MONTH, "vi_m": _THANG,
    "period": _YEAR | _YEAR_RANGE, "year": _YEAR,
}


# The patterns as they were when the shortcuts above were written and checked for them (the SHA-1 of each
# source): a pattern rewritten since, or added, is scanned the plain way until its shortcut is checked
# again (its opening words in _STARTS, what it needs in _WINDOW_NEEDS) and its digest updated here.
_CHECKED_SOURCES = {
    "iso": "a02b115e17e4", "vi_range": "41150622455b", "vi_full": "374c3d9aad49", "vi_monthword": "cbe77c45cbe0",
    "en_range": "9fd6cc49586d", "en_dmy": "6ac2b057fcdd", "en_mdy": "8dfd3700a19e", "en_m_dy": "b5f72d8c892c",
    "vi_month": "a8cbad280e47", "vi_daymonth": "b470eab5d896", "en_my": "2cfc91e39f76", "en_md": "8754a5235ef9",
    "en_dm": "ae12c6546a53", "en_m": "027a3054a60c", "vi_m": "b3bb6c5f7962", "period": "082c51242510",
    "year": "ba9347e3eb1d", "en_weekday": "74c57ebca6cf", "vi_weekday": "93a25f30dbfb", "relative": "8537ed94f6d5",
}
_SHORTCUT_CHECKED = frozenset(p for kind, p in _PATTERNS if written_as(p, _CHECKED_SOURCES.get(kind, "")))


def _window_marks(text: str, low: str, a: int, b: int) -> int:
    """Which of a year, an English month name, "tháng", a Vietnamese day word ("ngày", "sáng"…), a span of
    years and a span of days the window [a, b) holds, as bits: a pattern that needs one the window lacks has
    no match in it."""
    marks = 0
    if _ANY_YEAR.search(text, a, b):
        marks = _YEAR | (_YEAR_RANGE if _ANY_YEAR_RANGE.search(text, a, b) else 0)
    return (marks | (_EN_MONTH if _ANY_EN_MONTH.search(text, a, b) else 0) |
            (_THANG if low.find("tháng", a, b) >= 0 else 0) | (_DAY_WORD if _ANY_VI_DAY_WORD.search(low, a, b) else 0) |
            (_DAY_RANGE if _ANY_DAY_RANGE.search(low, a, b) else 0))


_DIGITS = re.compile(r"\d+")
_WHITESPACE = re.compile(r"\s")
_MARGIN = 60  # more than any pattern reaches from its digits ("ngày thứ Năm, 27", "20th of September")


def _digit_windows(text: str) -> list[tuple[int, int]]:
    """Stretches of text around digits. Every pattern outside _DIGITLESS needs a digit, and an
    article is mostly prose without any: scanning only these windows keeps the patterns' results
    (a window ends at whitespace, and `\\b` at its start still sees the text before it) and
    reads a fraction of the text."""
    out: list[list[int]] = []
    for m in _DIGITS.finditer(text):
        a, b = max(0, m.start() - _MARGIN), m.end() + _MARGIN
        if out and a <= out[-1][1]:
            out[-1][1] = b
        else:
            out.append([a, b])
    for w in out:
        ws = _WHITESPACE.search(text, min(w[1], len(text)))
        w[1] = ws.start() if ws else len(text)
    return [(a, b) for a, b in out]


def _reference_day(reference: PartialDate | None) -> dt.date | None:
    """The publication (or dateline) day as a date; None unless it is a valid full day."""
    if reference is None or reference.precision != "day" or not reference.is_valid():
        return None
    return dt.date(reference.year, reference.month or 1, reference.day or 1)


def _weekday(g: dict[str, str | None], a: int, b: int, reference: PartialDate | None) -> DateMention | None:
    """The most recent such weekday on or before the reference day ("last X": strictly before it;
    "… last week" / "… tuần trước": in the week before the reference's)."""
    ref = _reference_day(reference)
    if ref is None:
        return None
    wd = _WEEKDAYS[" ".join((g["wd"] or "").lower().split())]
    back = (ref.weekday() - wd) % 7
    if back == 0 and (g.get("rel") or "").lower() in {"last", "this past"}:
        back = 7
    if g.get("lw"):
        back = ref.weekday() + 7 - wd
    day = ref - dt.timedelta(days=back)
    return DateMention(a, b, PartialDate(day.year, day.month, day.day), needs_year=True, relative=True)


_YEAR_AFTER = re.compile(r"\s*(?:(?i:năm ngoái|năm trước|last year)|(?i:năm tới|năm sau|next year))")


def _month_year(dm: DateMention, text: str, end: int, reference: PartialDate | None) -> DateMention:
    """The year of a month named alone: "in February last year", "vào tháng 9 năm ngoái" the year before,
    "next year" the year after; a month later than the publication's, the year before it."""
    year, month = dm.date.year, dm.date.month or 1
    m = _YEAR_AFTER.match(text, end)
    if m:
        year += -1 if any(w in m.group().lower() for w in ("ngoái", "trước", "last")) else 1
    elif reference is not None and reference.month and reference.year == year and month > reference.month:
        year -= 1
    return DateMention(dm.start, dm.end, PartialDate(year, month), needs_year=True)


def _relative(word: str, a: int, b: int, reference: PartialDate | None, text: str) -> DateMention | None:
    """"hôm qua" / "yesterday": the day before the publication date; "last month", "năm ngoái": its month
    or year before. Not "ba tháng trước" (three months ago), and nothing without a publication day."""
    ref = _reference_day(reference)
    if ref is None:
        return None
    w = " ".join(word.lower().split())
    if w in _RELATIVE_DAYS:
        day = ref + dt.timedelta(days=_RELATIVE_DAYS[w])
        return DateMention(a, b, PartialDate(day.year, day.month, day.day), needs_year=True, relative=True)
    if w in {"tháng trước", "tuần trước", "tuần qua"} and _NUMBER_BEFORE.search(text[max(0, a - 12):a]):
        return None  # "ba tháng trước": three months ago
    if w in {"tháng trước", "last month"}:
        first = ref.replace(day=1) - dt.timedelta(days=1)
        return DateMention(a, b, PartialDate(first.year, first.month), needs_year=True, relative=True)
    if w in {"last week", "tuần trước", "tuần qua"}:
        day = ref - dt.timedelta(days=7)  # some day of the week before: its month
        return DateMention(a, b, PartialDate(day.year, day.month), needs_year=True, relative=True)
    if w in {"tháng này", "this month", "earlier this month"}:
        return DateMention(a, b, PartialDate(ref.year, ref.month), needs_year=True, relative=True)
    if w in {"năm nay", "this year"}:
        return DateMention(a, b, PartialDate(ref.year), needs_year=True, relative=True)
    return DateMention(a, b, PartialDate(ref.year - 1), needs_year=True, relative=True)


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
    if kind in {"en_dmy", "en_mdy", "en_m_dy"}:
        return DateMention(a, b, PartialDate(i("y"), _month(g["mn"] or ""), i("d")))
    if kind == "vi_month":
        return DateMention(a, b, PartialDate(i("y"), i("m")))
    if kind == "en_my":
        return DateMention(a, b, PartialDate(i("y"), _month(g["mn"] or "")))
    if kind in {"en_m", "vi_m"}:
        if default_year is None:
            return None
        m = i("m") if kind == "vi_m" else _month(g["mn"] or "")
        return DateMention(a, b, PartialDate(default_year, m), needs_year=True)
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
