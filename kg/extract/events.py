"""Events: meetings, conferences, workshops, forums, visits, ceremonies, dialogues, trainings.

A trigger noun opens the name; the name runs to a quoted title, or over the capitalized words
that follow, and stops at the words that start the rest of the clause ("tại", "do", "nhằm",
"in", "on 5 March"). English lower-case triggers count only after a verb that holds an event
("held its first meeting of 2017").
"""

from __future__ import annotations

import re

from kg.extract.text import canonical_tone, fold
from kg.extract.tokens import PhraseTable, Token, match_phrase, tokens_between

_TRIGGERS: PhraseTable = PhraseTable()
for _words, _kind in [
    ("hội nghị", "conference"), ("hội thảo", "workshop"), ("diễn đàn", "forum"), ("phiên họp", "meeting"),
    ("kỳ họp", "meeting"), ("cuộc họp", "meeting"), ("lễ kỷ niệm", "ceremony"), ("lễ ký kết", "ceremony"),
    ("lễ ký", "ceremony"), ("lễ trao", "ceremony"), ("lễ khai mạc", "ceremony"), ("lễ", "ceremony"),
    ("tọa đàm", "workshop"), ("toạ đàm", "workshop"), ("khóa đào tạo", "training"), ("khoá đào tạo", "training"),
    ("khóa tập huấn", "training"), ("lớp tập huấn", "training"), ("đối thoại", "dialogue"),
    ("chuyến thăm", "visit"), ("chuyến làm việc", "visit"), ("chuyến công tác", "visit"), ("triển lãm", "event"),
    ("hội chợ", "event"), ("tuần lễ", "event"), ("ngày tiêu chuẩn thế giới", "event"),
    ("ngày đo lường thế giới", "event"), ("ngày công nhận thế giới", "event"), ("ngày chất lượng thế giới", "event"),
    ("meeting", "meeting"), ("conference", "conference"), ("workshop", "workshop"), ("seminar", "workshop"),
    ("forum", "forum"), ("dialogue", "dialogue"), ("summit", "conference"), ("symposium", "conference"),
    ("general assembly", "meeting"), ("assembly", "meeting"), ("ceremony", "ceremony"), ("visit", "visit"),
    ("training course", "training"), ("training", "training"), ("webinar", "workshop"), ("exhibition", "event"),
    ("world standards day", "event"), ("world metrology day", "event"), ("world accreditation day", "event"),
    ("world quality day", "event"), ("session", "meeting"), ("plenary", "meeting"), ("congress", "conference"),
    ("week", "event"), ("đại hội đồng", "meeting"), ("đại hội", "meeting"), ("kỳ họp thường niên", "meeting"),
    ("tuần lễ chất lượng", "event"), ("hội nghị thường niên", "conference"), ("lớp đào tạo", "training"),
    ("round table", "meeting"), ("roundtable", "meeting"), ("expo", "event"), ("fair", "event"),
]:
    _TRIGGERS[tuple(canonical_tone(_words).split())] = _kind

_VI_STOP = {"tại", "do", "vào", "nhằm", "với", "đã", "được", "ngày", "từ", "cùng", "là", "diễn", "ra", "có",
            "sẽ", "này", "theo", "trong", "khi", "sau", "để", "cho", "thu", "hút", "và", "như", "bằng"}
_VI_NOT_TOPIC = {"các", "những", "đã", "được", "ký", "tổ", "có", "là", "sẽ", "với", "tại", "do", "cho", "nhiều",
                 "hai", "ba", "đại", "doanh", "cán", "học", "chuyên", "trao", "thảo", "giới", "chia"}
_TRIGGER_WORDS = {w for k in _TRIGGERS for w in k}
_EN_TRIGGER_WORDS = {w for w in _TRIGGER_WORDS if w.isascii()}
_VI_TOPIC_ADJ = {"kỹ", "thuật", "chuyên", "đề", "trực", "tuyến", "quốc", "tế", "khoa", "học", "khu", "vực",
                  "song", "phương", "đa", "chính", "sách", "thường", "niên", "cấp", "cao"}
_VI_TOPIC_STOP = {"tại", "do", "vào", "nhằm", "với", "cho", "để", "và", "ngày", "trong", "từ", "đã", "được",
                  "sẽ", "theo", "có", "thu", "diễn"}
_EN_STOP = {"in", "at", "on", "was", "were", "is", "will", "hosted", "organized", "organised", "held", "with",
            "from", "to", "which", "that", "and", "by", "for", "under", "where", "attended", "co-chaired",
            "chaired", "planned", "scheduled"}
_EN_HOLD_VERBS = re.compile(r"\b(held|hosts?|hosted|organi[sz]ed|co-organi[sz]ed|co-hosted|convened|opened|"
                            r"launched|holds|organi[sz]es|will hold|chaired)\b")
_ORGANIZE = re.compile(r"\b(to chuc|chu tri|dang cai|phoi hop|dong to chuc|organi[sz]ed|co-organi[sz]ed|hosted|"
                       r"co-hosted|held|convened)\b")
_QUOTE_OPEN = "“\"«‘"
_QUOTE_CLOSE = "”\"»’"
_MAX_WORDS = 18


def _quoted(text: str, pos: int, limit: int) -> tuple[int, int] | None:
    """A quoted title starting at or just after pos: (start, end) of its inside."""
    m = re.match(r"\s*(?:(?:về|on|:|trực tuyến|online|quốc tế|khoa học|chuyên đề|với chủ đề|chủ đề|on the theme|"
                 r"themed|titled|entitled)\s*){0,3}[“\"«]", text[pos:limit], re.I)
    if not m:
        return None
    start = pos + m.end()
    close = min((i for i in (text.find(c, start, limit) for c in _QUOTE_CLOSE) if i != -1), default=-1)
    if close == -1:  # an unclosed quote: the title runs to the first clause break, at most 12 words
        tail = text[start:limit]
        cut = re.search(r"\s(cũng như|nhằm|với|tại|do|and|in|on)\s|[,.;(]", tail)
        close = start + (cut.start() if cut else len(tail))
        words = text[start:close].split()
        if len(words) > 12:
            close = start + len(" ".join(words[:12]))
    return (start, close) if close > start else None


def find_events(text: str, s_start: int, s_end: int, tokens: list[Token]) -> list[tuple[int, int, str, str, int]]:
    """(name start, name end, name, kind, trigger start) for each event named in the sentence."""
    out = []
    toks = tokens_between(tokens, s_start, s_end)
    folded_sentence = fold(text[s_start:s_end])
    firsts = _TRIGGERS.firsts
    i = 0
    while i < len(toks):
        m = match_phrase(toks, i, _TRIGGERS, exact=True) if toks[i].lowd in firsts else None
        if not m:
            i += 1
            continue
        n, kind = m
        t = toks[i]
        english = t.text.isascii() and t.low in _EN_TRIGGER_WORDS
        trig_end = toks[i + n - 1].end
        q = _quoted(text, trig_end, s_end)
        if q:
            name_start, name_end = t.start, q[1]
            name = text[t.start:trig_end] + " " + text[q[0]:q[1]]
            out.append((name_start, name_end, _clean(name), kind, t.start))
            i += n
            continue
        if t.is_cap and not english:
            # Vietnamese capitalized trigger: the name runs over the words that follow.
            j = i + n
            last = j
            in_topic = False
            while j < len(toks) and j - i < _MAX_WORDS:
                w = toks[j]
                in_topic = in_topic or w.lowd == "về"
                nxt = toks[j + 1] if j + 1 < len(toks) else None
                if w.lowd in _VI_STOP and not (in_topic and w.lowd in {"và", "trong"} and nxt is not None and
                                               nxt.is_word and not nxt.is_cap and nxt.lowd not in _VI_NOT_TOPIC):
                    break  # (a topic goes on: "Hội thảo về đo lường pháp định và quản lý phương tiện đo")
                if not w.is_word and w.text not in {"(", ")", "-", "–"}:
                    break
                if w.text == "(" and not (j + 2 < len(toks) and toks[j + 2].text == ")"):
                    break
                if j > i + n and match_phrase(toks, j, _TRIGGERS, exact=True) and w.is_cap and toks[j - 1].low == "va":
                    break
                j += 1
                if w.is_word or w.text == ")":
                    last = j
            named = any(toks[k].is_cap or toks[k].text.isdigit() for k in range(i + n, last))
            # "Hội thảo về chuẩn đo lường khối lượng", "Khóa đào tạo về kiểm định đồng hồ đo nước": named by its topic
            k0 = i + n
            while k0 < last and toks[k0].lowd in _VI_TOPIC_ADJ:
                k0 += 1
            named = named or (k0 < last and toks[k0].lowd == "về" and last - k0 >= 3)
            if (last > i + n and named) or toks[i].low == "ngay" or (n >= 2 and last == i + n and
                                                                     toks[i].low != "khoa"):
                s, e = t.start, toks[last - 1].end
                if last - i >= 2:
                    out.append((s, e, _clean(text[s:e]), kind, t.start))
            i = max(last, i + n)
            continue
        if not english and not t.is_cap:
            # "tổ chức hội thảo (kỹ thuật) về quản lý đo lường …": a lower-case trigger named by its topic
            j = i + n
            while j < len(toks) and j - (i + n) < 3 and toks[j].lowd in _VI_TOPIC_ADJ:
                j += 1
            if j < len(toks) and toks[j].lowd == "về":
                k = j + 1
                while k < len(toks) and k - j <= 14 and toks[k].is_word and toks[k].lowd not in _VI_TOPIC_STOP:
                    k += 1
                if k - j >= 3:
                    out.append((t.start, toks[k - 1].end, _clean(text[t.start:toks[k - 1].end]), kind, t.start))
                    i = k
                    continue
            i += n
            continue
        if english or t.low in _TRIGGER_WORDS:
            span = _english_event(text, toks, i, n, folded_sentence, s_start)
            if span:
                out.append((span[0], span[1], _clean(text[span[0]:span[1]]), kind, t.start))
            i += n
            continue
        i += 1
    return out


def _english_event(text: str, toks: list[Token], i: int, n: int, folded_sentence: str,
                   s_start: int) -> tuple[int, int] | None:
    # Extend left over capitalized words, ordinals and connectors: "the 3rd Viet Nam–Germany … Dialogue".
    a = i
    while a > 0:
        w = toks[a - 1]
        if w.low in {"and", "of", "on", "for", "&"} and a > 1 and toks[a - 2].is_cap and toks[a].is_cap:
            a -= 1
            continue
        if (w.is_word and (w.is_cap or re.fullmatch(r"\d+(st|nd|rd|th)?", w.low) or w.low in {"first", "second",
            "third", "fourth", "fifth", "annual", "next", "regional", "international", "joint", "technical",
            "follow-up", "plenary", "closing", "opening", "bilateral", "high-level"})) or \
                (w.text in {"-", "–"} and a > 1 and toks[a - 2].is_cap):
            a -= 1
        else:
            break
    while a < i and toks[a].low in {"the", "on", "in", "at", "its", "a", "an"}:
        a += 1
    b = i + n
    # Right: "of 2017", "on Smart Cities", "on ISO/IEC 17025 accreditation"
    if b + 1 < len(toks) and toks[b].low in {"of", "on"}:
        k = b + 1
        while k < len(toks) and toks[k].text not in {",", ".", ";"} and k - b < 12 and \
                (toks[k].low not in _EN_STOP or _topic_goes_on(toks, k)):
            k += 1
        if k > b + 1:
            b = k
    capitalized_name = toks[i].is_cap or (a < i and toks[a].is_cap)
    before = folded_sentence[: max(0, toks[a].start - s_start)]
    has_cue = bool(_EN_HOLD_VERBS.search(before[-60:])) or bool(re.search(r"\b(held|hosted|organi[sz]ed)\b",
                                                                          folded_sentence))
    specific = b > i + n or any(re.fullmatch(r"\d+(st|nd|rd|th)|first|second|third|next", toks[k].low)
                                for k in range(a, i))
    if not (capitalized_name or (has_cue and specific)):
        return None
    if b - a < 2 and not capitalized_name:
        return None
    return toks[a].start, toks[b - 1].end


# a topic goes on through "for/and/to/of" into more of its own words ("a workshop on standards for electric vehicle
# charging infrastructure", "a seminar on the transition to ISO 45001:2018"), not into the sentence's next clause
_TOPIC_LINKS = frozenset({"for", "and", "to", "of"})
_NOT_TOPIC = frozenset({"the", "a", "an", "be", "help", "discuss", "sign", "promote", "share", "support", "improve",
                        "boost", "exchange", "attend", "participants", "delegates", "businesses", "enterprises",
                        "officials", "experts", "representatives", "its", "their", "his", "her", "signed", "more",
                        "about", "over", "some", "nearly", "all", "both", "two", "three"})


def _topic_goes_on(toks: list[Token], k: int) -> bool:
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    return toks[k].low in _TOPIC_LINKS and nxt is not None and nxt.is_word and not nxt.low.isdigit() and \
        nxt.low not in _NOT_TOPIC and nxt.low not in _EN_STOP


def _clean(name: str) -> str:
    name = re.sub(r"\s+", " ", name).strip(" ,.;:“”\"")
    return name


def organizing_verb_before(folded_sentence: str, pos: int) -> bool:
    return bool(_ORGANIZE.search(folded_sentence[:pos]))


def organized_by_after(text_after: str) -> bool:
    return bool(re.match(r"\s*(?:,\s*)?(?:do|hosted by|organi[sz]ed by|co-organi[sz]ed by|chaired by)\b",
                         text_after, re.I))
