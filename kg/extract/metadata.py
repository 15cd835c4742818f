"""Document metadata from the first lines of a news text: headline, byline author, publication date."""

from __future__ import annotations

import re

from kg.extract.dates import find_dates
from kg.model import PartialDate

# What may surround the date on a line that is only a date: "Thứ Sáu, 12/4/2024, 07:30 (GMT+7)",
# "Friday, December 9, 2022 - 10:27", "12/05/2022 09:15".
_DATE_LINE_REST = re.compile(
    r"(?i)\b(?:thứ\s+\w+|chủ nhật|monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|"
    r"sat|sun|ngày|cập nhật|updated|posted|published)\b\.?|\b\d{1,2}[:hH]\d{2}(?::\d{2})?\b|\b(?:am|pm|sa|ch)\b|"
    r"\b(?:gmt|utc|ict)\s*(?:[+-]\s*\d{1,2}(?::?\d{2})?)?|[\s,|()\-–—:/]+")


def _is_date_line(line: str) -> bool:
    dates = [d for d in find_dates(line) if d.date.precision == "day"]
    if not dates or len(line.split()) > 12:
        return False
    rest = line
    for d in sorted(dates, key=lambda d: -d.start):
        rest = rest[:d.start] + " " + rest[d.end:]
    return not _DATE_LINE_REST.sub("", rest).strip()


_BYLINE_AUTHOR = re.compile(
    r"(?:^|[|\-–]\s*)(?:(?:Người viết|Người đăng|Đăng bởi|Tác giả|Bài và ảnh|Phóng viên|Author|Written by|"
    r"Reporter)\s*[:：]|By\b)\s*"
    r"(?P<name>[A-ZÀ-Ỹ][\w.]*(?:\s+[A-ZÀ-Ỹ][\w.]*){0,4})", re.U)
_BYLINE_DATE = re.compile(
    r"(?:^|[|\-–]\s*)(?:Ngày viết|Ngày đăng|Cập nhật|Đăng ngày|Ngày|Thời gian|Posted|Published|Updated|Update|Date|"
    r"Posted on|Published on)\s*(?:[:：]|(?=\d))", re.I)


_SOURCE_DASH = re.compile(r"^(?P<source>[^\d|–-]{2,40}?)\s+[-–|]\s+(?P<rest>.+)$")
_DATE_DASH = re.compile(r"^(?P<date>[^|–-]*\d[^|–-]*?)\s+[-–|]\s+(?P<source>[^\d|–-]{2,80})$")


_PLACE_COMMA = re.compile(r"^[A-ZÀ-Ỹ][\w .'’-]{1,30},\s*(?P<rest>.+)$")


def _dated_segments(line: str) -> bool:
    """"BẢN TIN TÀI CHÍNH | 12H00 | THỨ TƯ, 10/4/2024", "Press release | London, 15th October 2020 | BSI Media
    Centre": a programme's, section's or outlet's name, and the date (after its place) in one segment."""
    parts = [p.strip() for p in re.split(r"\s+\|\s+", line.strip()) if p.strip()]

    def dated(part: str) -> bool:
        return _is_date_line(part) or _place_then_date(part)

    # (a source label may be longer: "Thứ Tư, 22-5-2024 | Nguồn: Tạp chí Tiêu chuẩn Đo lường Chất lượng")
    return len(parts) > 1 and any(dated(p) for p in parts) and \
        all(len(p.split()) <= 8 or (re.match(r"(?i)(nguồn|source)\s*:", p) and len(p.split()) <= 14) for p in parts)


def _source_and_date(line: str) -> bool:
    """"Viet Nam News - 20th May 2025", "VnExpress | 12/3/2024": the outlet, then the date."""
    m = _SOURCE_DASH.match(line.strip())
    if m and len(m.group("source").split()) <= 5 and _is_date_line(m.group("rest")):
        return True
    # "17/12/2019 - Cổng thông tin điện tử Bộ Khoa học và Công nghệ": the date, then the outlet
    m = _DATE_DASH.match(line.strip())
    return m is not None and len(m.group("source").split()) <= 12 and _is_date_line(m.group("date")) and \
        not m.group("source").rstrip().endswith(".")


_BREADCRUMB = re.compile(r"\s[›»>]\s")
# "PRESS RELEASE" over the headline: the kind of text, not its title
_KIND_LABEL = re.compile(r"(?i)\s*(?:(?:joint |media |news )?press release|media release|news release|for immediate "
                         r"release|thông cáo báo chí|thông cáo)\s*[:.]?\s*$")


# "Staff Correspondent, Dhaka", "Our Reporter": a desk signing the story instead of a name
_BYLINE_DESK = re.compile(r"(?i)^\s*(?:(?:staff|our|special|senior|chief|diplomatic|business|own)\s+)?"
                          r"(?:correspondent|reporter|writer)s?\s*(?:$|[,|–-])")


def _place_then_date(text: str) -> bool:
    """"Nairobi, Thursday, 21 March 2024", "London, 15th October 2020": a place, then only a date."""
    m = _PLACE_COMMA.match(text.strip())
    return m is not None and _is_date_line(m.group("rest"))


def _byline(line: str) -> bool:
    """A line of date, author or outlet under the headline (short, not a sentence)."""
    return bool(_BYLINE_DATE.search(line) or _BYLINE_AUTHOR.search(line) or _is_date_line(line) or
                _source_and_date(line) or _dated_segments(line) or _BYLINE_DESK.match(line) or
                (len(line.split()) <= 8 and _place_then_date(line))) \
        and len(line.split()) <= 20 and not (len(line.split()) > 8 and line.rstrip().endswith("."))


def parse_header(text: str) -> tuple[str | None, list[str], PartialDate | None, int]:
    """(headline, authors, publication date, number of header lines) from the top of the text."""
    lines = text.split("\n")
    headline = None
    authors: list[str] = []
    published: PartialDate | None = None
    header_lines = 0
    idx = 0
    while idx < len(lines) and (not lines[idx].strip() or _BREADCRUMB.search(lines[idx]) or
                                _KIND_LABEL.match(lines[idx]) or
                                (idx + 1 < len(lines) and _BREADCRUMB.search(lines[idx + 1]) and
                                 len(lines[idx].split()) <= 4)):
        idx += 1  # "Chinhphu.vn › Khoa học - Công nghệ": the site's section path (and the site's name above it)
    # "Thứ Sáu, 27-08-2021, 15:02" above the headline: a page copied with its date first
    while idx + 1 < len(lines) and _is_date_line(lines[idx]):
        published = published or next((d.date for d in find_dates(lines[idx]) if d.date.precision == "day"), None)
        idx += 1
        while idx < len(lines) and not lines[idx].strip():
            idx += 1
    following = [i for i in range(idx + 1, min(len(lines), idx + 6)) if lines[i].strip()][:2]
    if idx < len(lines) and len(following) == 2 and not _byline(lines[following[0]]) and \
            _byline(lines[following[1]]) and len(lines[idx].split()) <= 8 and \
            len(lines[following[0]].split()) > len(lines[idx].split()):
        idx = following[0]  # "Ministry of …" over "BIS and … sign MoU …" over "Posted On: …": the first, a section
    if idx < len(lines):
        headline = lines[idx].strip()
        header_lines = idx + 1
        if _dated_segments(headline):
            published = published or next((d.date for d in find_dates(headline) if d.date.precision == "day"), None)
    k = idx
    seen = 0
    while k + 1 < len(lines) and seen < 3:
        k += 1
        line = lines[k]
        if not line.strip():
            continue
        seen += 1
        # "Ngày 22/5/2018, VMI và PTB đã ký …" opens the story: a byline is short and not a sentence
        is_byline = _byline(line)
        if not is_byline:
            break
        m = _BYLINE_AUTHOR.search(line)
        if m:
            name = re.split(r"\s+[-–]\s+|\s*\|", m.group("name"))[0].strip()
            name = re.sub(r"\s+(Ngày|Date|Posted|Cập)\b.*$", "", name).strip()
            name = re.split(r"\s{2,}|\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|Thứ)\b", name)[0]
            if name and name not in authors and not _BYLINE_DESK.match(name):  # "By Our Correspondent"
                authors.append(name)
        if published is None:
            for dm in find_dates(line):
                if not dm.is_period and dm.date.precision == "day":
                    published = dm.date
                    break
        header_lines = k + 1
    # A short name alone on the last line is the author's signature ("Bảo Anh").
    tail = [ln.strip() for ln in lines if ln.strip()]
    if tail and len(tail) > 3:
        last = tail[-1]
        if 1 < len(last.split()) <= 4 and all(w[:1].isupper() for w in last.split()) and not last.endswith("."):
            if re.fullmatch(r"[A-ZÀ-Ỹa-zà-ỹ\s.]+", last) and last not in authors:
                authors.append(last)
    return headline, authors, published, header_lines
