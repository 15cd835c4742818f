"""When and where a fact told in a sentence happened: the date a signing or an event is told with (its own,
the one before, the occasion's, the dateline's) and its place. Shared by the agreement and event stages."""

from __future__ import annotations

import dataclasses
import re

from kg.extract.dates import DateMention, find_dates, range_as_date
from kg.extract.text import fold
from kg.model import Document, Extraction, PartialDate, Sentence

_NEXT_DAY = re.compile(r"\b(ngay hom sau|hom sau|ngay tiep theo|mot ngay sau|the next day|the following day|"
                       r"a day later|one day later)\b")
# "Two days later", "Hai ngày sau": days after the fact just reported
_DAYS_LATER = re.compile(r"^\W*(two|three|four|five|hai|ba|bon|nam) (days later|ngay sau)\b")
_NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "hai": 2, "ba": 3, "bon": 4, "nam": 5}
_SAME_DAY = re.compile(r"\b(cung ngay|ngay hom do|on the same day|the same day|same day|that day|the same (morning|"
                       r"afternoon|evening)|cung (buoi )?(sang|chieu|toi)( hom do| ngay)?)\b")
_SAME_OCCASION = re.compile(r"\b(cung dip nay|meanwhile|tiep do|tiep theo|sau do nua|(cung )?trong (buoi )?le|"
                       r"trong dip nay|nhan dip nay|on this occasion|on the same occasion|on the sidelines|"
                       r"ben le|cung trong chuyen|at the ceremony|tai buoi le|tai le|during the visit|"
                       r"at the meeting|tai hoi nghi|tai buoi lam viec|trong chuyen (cong tac|tham)|"
                       r"in the same visit|during the same visit|ngay sau do|sau do|right after|shortly after|"
                       r"afterwards|following the ceremony|later that day|chieu cung ngay|tai day|tai hoi thao|"
                       r"tai dien dan|tai su kien|at the workshop|at the conference|at the forum|at the event|"
                       r"at the same (ceremony|event|meeting|occasion|signing)|tai cung (buoi le|le ky|su kien)|"
                       r"tai phien (sang|chieu|hop|thao luan|toan the|be mac|khai mac)|at the (morning|afternoon|"
                       r"closing|opening|plenary) session|cung buoi le|ngay sau buoi|"
                       r"ngay sau (le|hoi nghi|hoi thao|phien)|"
                       r"trong khuon kho (hoi thao|hoi nghi|su kien|dien dan|chuyen))\b")
_AT_EVENT = re.compile(r"\b(ket thuc|be mac|sau) (phien hop|hoi nghi|hoi thao|cuoc hop|buoi lam viec|ky hop|hoi dam|"
                       r"phien hoi dam|buoi hoi dam)\b|"
                       r"\bat the (end|close) of the (meeting|conference|workshop|session|talks)\b|"
                       r"\bfollowing the (meeting|talks|session)\b")
PRECISION = {"day": 2, "month": 1, "year": 0}  # the more precise of two dates wins
# "NANNING, Sept. 18 (Xinhua) --", "May 7, 2024 /CNW/ -"
_DATELINE_END = re.compile(r"\s*(?:\(\w+\)\s*|/[A-Z]{2,6}/\s*)?(?:[—–]|--)\s|\s+(?:/[A-Z]{2,6}/\s+)?-\s")
_VERB_THEN_DATE = re.compile(r"(?i)(?:signed|inked|concluded|renewed|extended|ký(?: kết)?|gia hạn)\s+"
                             # (a place between: "ký tại Bắc Kinh năm 2016", "signed in Tokyo in 2019")
                             r"(?:(?:tại|in|at)\s+(?-i:[A-ZÀ-Ỹ][\w’'.-]*)(?:\s+(?-i:[A-ZÀ-Ỹ][\w’'.-]*)){0,3}\s+)?"
                             r"(?:in|on|vào|năm|ngày|hồi)\b")
_PLACE_COMMA = re.compile(r"[^\W\d][^,\n\d]{0,40},\s*")
_DAY_MONTH_DATELINE = re.compile(r"[^\W\d][^,\n\d]{1,40},\s*(?P<d>\d{1,2})[-/.](?P<m>\d{1,2})\s*(?:\(\w+\)\s*)?[—–-]\s")
_FINAL_DAY = re.compile(r"\b(on the (final|last|closing) day|ngay (cuoi cung|be mac)|trong ngay (cuoi|be mac))\b")
_SPAN_END = re.compile(r"(?i)(?:\bđến|\bkéo dài tới|\buntil|\btill|\bthrough|\bto)\s+(?:ngày\s+)?$")
PLACE_CUE = re.compile(r"(?:\btại|\bở|\bin|\bat)\s+$", re.I)


def story_year(doc: Document, text: str) -> int | None:
    """The year a bare "ngày 28 tháng 11" or "Sept. 24" belongs to: the publication's, else the first
    full year the article names."""
    if doc.published:
        return doc.published.year
    for d in find_dates(text):
        if not d.needs_year:
            return d.date.year
    return None


_ORDINAL_DAY = re.compile(r"\bon the ([0-3]?\d)(?:st|nd|rd|th)\b(?! (?:of|day|anniversary|floor|century))")


def ordinal_days(text: str, start: int, reference: PartialDate, dates: list[DateMention]) -> list[DateMention]:
    """"KTL announced on the 8th that it signed an MoU … on the 7th" (a Korean release's style): a day of the
    reference month, or of the month before when it is later than the reference day."""
    import datetime as dt

    extra = []
    for m in _ORDINAL_DAY.finditer(text, start):
        day = int(m.group(1))
        if not 1 <= day <= 31 or any(d.start <= m.start() < d.end for d in dates):
            continue
        year, month = reference.year, reference.month or 1
        if day > (reference.day or 31):
            year, month = (year - 1, 12) if month == 1 else (year, month - 1)
        try:
            dt.date(year, month, day)
        except ValueError:
            continue
        extra.append(DateMention(m.start(), m.end(), PartialDate(year, month, day), relative=True))
    return sorted(dates + extra, key=lambda d: d.start) if extra else dates


def dateline_date(text: str, body_start: int, default_year: int | None) -> DateMention | None:
    """The date of a dateline opening the body ("HÀ NỘI, 23/10/2019 –", "WASHINGTON, May 4 —"), as a
    mention in the whole text."""
    start = body_start
    for _ in range(3):  # the first lines of the body: a second headline may come before the dateline
        lead = text[start:start + 80]
        for d in find_dates(lead, default_year):
            if d.start <= 40 and d.date.precision == "day" and (
                    _DATELINE_END.match(lead, d.end) or  # "Brussels, February 22, 2024" on a line of its own
                    (not lead[d.end:].split("\n")[0].strip() and _PLACE_COMMA.fullmatch(lead[:d.start]))):
                return dataclasses.replace(d, start=start + d.start, end=start + d.end)
        m = _DAY_MONTH_DATELINE.match(lead)  # "Viêng Chăn, 23-8 –": a day and month a sentence would not date
        if m and default_year:
            date = PartialDate(default_year, int(m.group("m")), int(m.group("d")))
            if date.is_valid():
                return DateMention(start + m.start("d"), start + m.end("m"), date, needs_year=True)
        nl = text.find("\n", start)
        if nl < 0:
            break
        start = nl + 1
        while start < len(text) and text[start] == "\n":
            start += 1
    return None


def sentence_dates(s: Sentence, dates: list[DateMention]) -> list[DateMention]:
    return [d for d in dates if s.start <= d.start < s.end and not d.is_period]


def day_number(d: PartialDate) -> int:
    """A rough day number (months of 31 days), enough to tell a background fact from the story's day."""
    return d.year * 372 + ((d.month or 1) - 1) * 31 + (d.day or 1)


_RIGHT_AFTER = re.compile(r"\b(ngay sau|right after|shortly after|immediately after|sau do|afterwards)\b")


def date_for(s: Sentence, dates: list[DateMention], body: list[Sentence],
              last_fact_date: PartialDate | None = None, last_event_date: PartialDate | None = None,
              anchor: int | None = None, story_text: str | None = None) -> PartialDate | None:
    """The date of what a sentence reports: its own, the meeting's it closes, 'the same day' as the
    last one, or the last date of the paragraph or the two before it."""
    own = sentence_dates(s, dates)
    if own:
        # The most precise date, and a complete one before a dateline's "Oct. 17" that borrows its year.
        # A dateline ("WASHINGTON, May 4 — … signed … last Tuesday") dates the report, not the fact.
        facts = [d for d in own if not _DATELINE_END.match(s.text, d.end - s.start)] or own
        # "KTL said on Friday that it had renewed … on November 7": the day of the saying is not the signing's
        facts = [d for d in facts if not (d.relative and _SAID_ON.search(s.text, 0, max(0, d.start - s.start)))] \
            or facts
        # "… under their memorandum signed in 2004", "ký vào tháng 9/2019": the date right after the verb
        right_after = [d for d in facts if anchor is not None and 0 < d.start - anchor <= 16 and
                       _VERB_THEN_DATE.match(s.text, anchor - s.start)]
        if right_after and len(facts) > 1:
            best = min(right_after, key=lambda d: d.start)
            return range_as_date(best) if best.end_date else best.date
        if anchor is not None and any(d.relative for d in facts) and len(facts) > 1:
            # "hôm nay … người ký Bản ghi nhớ năm 2008", "today exchanged the R/D for a project from July
            # 2024": of a relative and a written-out date, the one next to the signing verb
            best = min(facts, key=lambda d: min(abs(d.start - anchor), abs(d.end - anchor)))
        else:
            best = max(facts, key=lambda d: (PRECISION[d.date.precision], not d.needs_year))
        return range_as_date(best) if best.end_date else best.date
    earlier = [d for d in dates if d.start < s.start and not d.is_period]
    if not earlier:
        return None
    folded = fold(s.text)
    if story_text is not None:
        # a date of an earlier signing ("… vốn được hai bên ký lần đầu năm 2018") does not date what follows
        earlier = [d for d in earlier if not _FIRST_SIGNED.search(fold(story_text[max(0, d.start - 30):d.start]))] \
            or earlier
    last = earlier[-1]
    # the story's own day: the first day the body names (a dateline's, a lead's "Chiều 21/5/2024, …")
    story = next((d.date for d in dates if d.date.precision == "day" and not d.is_period and not d.end_date
                  and d.start < s.start), None)
    if _FINAL_DAY.search(folded):
        spans = [d for d in earlier if d.end_date and d.end_date.precision == "day"]
        if spans:
            return spans[-1].end_date  # "From 6 to 8 August … On the final day, VNPI and MPC signed": the 8th
    if _AT_EVENT.search(folded) and (last_event_date or story) is not None:
        if last_event_date is not None and story is not None and \
                day_number(last_event_date) < day_number(story) - 60:
            return story  # the last event told is background ("… khoá đào tạo … tháng 9/2023"): the story's meeting
        return last_event_date or story  # "Kết thúc phiên họp, hai bên đã ký …": the meeting's day
    occasion = _SAME_OCCASION.search(folded)
    if occasion and last_fact_date is not None:
        # "at the ceremony", "on the sidelines": the occasion just reported — or the story's own day when
        # the last fact told is background ("Ngay sau buổi tiếp" after a mention of a 2019 MoU)
        # ("at the same meeting" is the last fact's occasion whenever it was)
        if story is not None and day_number(last_fact_date) < day_number(story) - 60 and \
                (_RIGHT_AFTER.search(folded) or not re.search(r"\b(same|cung)\b", occasion.group(0))):
            return story
        return last_fact_date
    later = _DAYS_LATER.match(folded)
    days = 1 if _NEXT_DAY.search(folded) else _NUMBER_WORDS[later.group(1)] if later else 0
    if days and last_fact_date is not None and last_fact_date.precision == "day":
        import datetime as dt

        d = dt.date(last_fact_date.year, last_fact_date.month or 1, last_fact_date.day or 1) + dt.timedelta(days=days)
        return PartialDate(d.year, d.month, d.day)  # "Ngày hôm sau", "two days later": after the last fact
    if _SAME_DAY.search(folded) and last_fact_date is not None and last_fact_date.precision == "day":
        return last_fact_date  # "on the same day" as the fact just reported
    if _SAME_DAY.search(folded):
        # "Cùng ngày", "on the same day": the day last named ("… thành viên ISO từ năm 1977. Cùng ngày, …" is
        # the day of the story told before the year)
        named_days = [d for d in earlier if d.date.precision == "day" and not d.end_date and
                      not (story_text and _SPAN_END.search(story_text, max(0, d.start - 16), d.start))]
        # (not the day a span runs to: "Khóa học kéo dài đến ngày 25/10. … Chiều cùng ngày" is the opening's)
        if named_days:
            return range_as_date(named_days[-1])
        in_last = [d for d in earlier if _same_sentence(body, d.start, last.start)]
        best = max(in_last or [last], key=lambda d: PRECISION[d.date.precision])
        return range_as_date(best)
    if s.is_heading:
        return None  # a heading sums up; it does not continue the story before it
    para_of = {x.paragraph for x in body if x.start <= last.start < x.end}
    if para_of and s.paragraph - min(para_of) <= 2:
        between = [x for x in body if min(para_of) < x.paragraph < s.paragraph and x.is_heading]
        if not between:
            return range_as_date(last)
    if occasion and story is not None:
        return story  # "On the sidelines of the ceremony", "Tại phiên chiều", far from any date: the story's day
    return None


def _same_sentence(body: list[Sentence], a: int, b: int) -> bool:
    return any(x.start <= a < x.end and x.start <= b < x.end for x in body)


def place_for(s: Sentence, places, text: str, exclude: tuple[int, int] | None = None) -> str | None:
    for ps, pe, place in places:
        if s.start <= ps < s.end and PLACE_CUE.search(text[max(s.start, ps - 8):ps]):
            if place.kind == "demonym":
                continue
            return text[ps:pe]
    return None


_FIRST_SIGNED = re.compile(r"\b(ky|signed|ky ket)\b.*\b(first|originally|initially|lan dau|ban dau)\b|"
                           r"\b(first|originally|initially|lan dau|ban dau)\b.*\b(ky|signed|ky ket)\b")
_SAID_ON = re.compile(r"(?i)\b(?:said|announced|reported|told \w+|stated|cho biết|thông báo)\s+(?:on\s+)?$")


def compatible(a: PartialDate, b: PartialDate) -> bool:
    """Two readings of one date: one is the other at a coarser precision."""
    x, y = a.iso(), b.iso()
    return x.startswith(y) or y.startswith(x)


def latest_event_date(ex: Extraction) -> PartialDate | None:
    dated = [e for e in ex.events if e.start is not None]
    return dated[-1].start if dated else None


def latest_fact_date(ex: Extraction) -> PartialDate | None:
    facts = [(a.sentence.start if a.sentence else 0, a.signed_on) for a in ex.agreements if not a.background] + \
            [(e.sentence.start if e.sentence else 0, e.start) for e in ex.events]
    dated = [(at, d) for at, d in facts if d is not None]
    if not dated:
        return None
    # background facts ("the agreement they signed on 14/3/2012") are not the occasion the story is at
    newest = max(f[1].iso() for f in dated)
    recent = [f for f in dated if int(newest[:4]) - f[1].year <= 1]
    return max(recent, key=lambda f: f[0])[1]


def own_date(s: Sentence, dates) -> bool:
    return bool(sentence_dates(s, dates))
