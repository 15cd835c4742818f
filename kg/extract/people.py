"""People: names after an honorific ("ông", "Tiến sĩ", "Mr.", "Dr.") or an office ("Thủ tướng",
"Deputy Minister"), or opening with a common Vietnamese family name. Honorifics go to the title,
never into the name; a lone surname ("Ms. Keller") resolves to the person already met.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.text import canonical_tone, fold, slug
from kg.extract.tokens import PhraseTable, Token, phrase_matches
from kg.model import Person

# Honorifics and academic titles; the value is the title kept in foaf:title ("" = not kept).
HONORIFICS: PhraseTable = PhraseTable()
for _t, _keep in [
    ("ông", "Ông"), ("bà", "Bà"), ("ngài", "Ngài"), ("anh", ""), ("chị", ""), ("tiến sĩ", "Tiến sĩ"),
    ("ts", "TS."), ("ts.", "TS."), ("thạc sĩ", "Thạc sĩ"), ("ths", "ThS."), ("ths.", "ThS."),
    ("pgs.ts", "PGS.TS."), ("pgs.ts.", "PGS.TS."), ("pgs", "PGS."), ("pgs.", "PGS."), ("gs.ts", "GS.TS."),
    ("gs.ts.", "GS.TS."), ("gs", "GS."), ("gs.", "GS."), ("giáo sư", "Giáo sư"), ("phó giáo sư", "Phó Giáo sư"),
    ("kỹ sư", "Kỹ sư"), ("ks", "KS."), ("mr", "Mr."), ("mrs", "Mrs."), ("ms", "Ms."), ("dr", "Dr."),
    ("prof", "Prof."), ("professor", "Professor"), ("sir", "Sir"), ("madam", "Madam"), ("mme", "Mme"),
    ("h.e", "H.E."), ("pgs. ts", "PGS.TS."), ("gs. ts", "GS.TS."), ("tiến sỹ", "Tiến sĩ"),
    # Malaysian and Indian honorifics
    ("datuk", "Datuk"), ("dato", "Dato"), ("dato'", "Dato'"), ("datin", "Datin"), ("tan sri", "Tan Sri"),
    ("datuk seri", "Datuk Seri"), ("dato seri", "Dato Seri"), ("dato' sri", "Dato' Sri"), ("dato sri", "Dato Sri"),
    ("puan sri", "Puan Sri"), ("shri", "Shri"), ("smt", "Smt."), ("smt.", "Smt."),
]:
    # Keyed with diacritics: "chị" is an honorific, "Chi" in "Ho Chi Minh" is not.
    HONORIFICS[tuple(canonical_tone(_t).replace(".", " . ").split())] = _keep
    HONORIFICS[tuple(canonical_tone(_t).split())] = _keep

_VI_SURNAMES = {
    fold(s) for s in
    "Nguyễn Trần Lê Phạm Hoàng Huỳnh Phan Vũ Võ Đặng Bùi Đỗ Hồ Ngô Dương Lý Trương Đinh Đoàn Lưu Mai Tạ Cao "
    "Lâm Tô Quách Thái Triệu Chu Vương Lương Kiều Phùng Tăng Lại Hứa Mạc Khúc Doãn Nghiêm Văn Trịnh Từ "
    "Hầu Âu Đàm Ninh Quản Nông Thân Châu Giang Tôn Tống".split()
}
_LOWER_OFFICES = {"chief", "head", "president", "director", "chairman", "chairwoman", "chair", "boss", "ceo"}
_UNIT_WORDS = {"sở", "cục", "vụ", "viện", "phòng", "ban", "bộ", "tổng", "chi", "trung", "văn"}
_RANKS = {"senior", "executive", "chief", "acting", "deputy", "vice", "former", "incoming"}
_NOT_NAME_START = {"the", "a", "an", "on", "in", "at", "by", "for", "with", "from", "and", "but", "this", "that",
                   "mr", "ms", "dr", "prof", "hanoi", "ha", "ho", "viet", "vietnam", "under", "during", "after",
                   "before", "according", "participants", "delegates", "representatives", "speaking", "also",
                   "its", "their", "his", "her", "as", "when", "while", "both", "each", "all", "new", "former"}


@dataclass
class PersonSpan:
    start: int
    end: int
    text: str
    key: str
    title: str | None = None
    by: str = "honorific"  # honorific | role | surname | byline


_NOT_NAME_WORDS_EN = {"community", "economic", "affairs", "cooperation", "international", "national", "trade",
                      "development", "standards", "quality", "metrology", "industry", "science", "technology",
                      "committee", "council", "office", "department", "agency", "institute", "ministry", "bureau",
                      "programme", "program", "commission", "union", "organization", "organisation"}
_SUFFIXES = {"Jr", "Sr", "II", "III", "IV"}
_NAME_CONNECTORS = {"bin", "binti", "bte", "van", "von", "de", "da", "del", "der", "al", "ibn", "la", "le"}


def _name_tokens(tokens: list[Token], i: int, blocked: set[int], max_len: int = 6) -> int:
    """Number of consecutive capitalized name tokens starting at i (0 when none); lower-case
    particles inside a name ("Ahmad Faizal bin Rahman", "Ursula von der Leyen") are kept."""
    n = 0
    while i + n < len(tokens) and n < max_len:
        t = tokens[i + n]
        if n > 0 and t.text in _NAME_CONNECTORS and i + n + 1 < len(tokens) and tokens[i + n + 1].is_cap and \
                tokens[i + n + 1].is_word and t.line == tokens[i].line:
            n += 1
            continue
        if n > 0 and len(t.text) == 1 and t.text.isupper() and i + n + 2 < len(tokens) and \
                tokens[i + n + 1].text == "." and tokens[i + n + 2].is_cap and tokens[i + n + 2].is_word and \
                tokens[i + n + 2].line == t.line:
            n += 2  # "Andrew G. Kireta": a middle initial
            continue
        if n > 1 and t.text in _SUFFIXES and t.line == tokens[i].line:
            n += 1  # "Andrew G. Kireta Jr."
            if i + n < len(tokens) and tokens[i + n].text == "." and tokens[i + n].start == t.end:
                n += 1
            break
        if i + n in blocked or not t.is_word or not t.is_cap or t.text.isupper() and len(t.text) > 2:
            break
        if t.line != tokens[i].line:
            break
        if not t.text.isalpha() and any(c.isdigit() for c in t.text):  # (a letter is never a digit)
            break
        n += 1
    return n


def _clean_name(text: str) -> str:
    name = re.sub(r"\s+", " ", text).strip(" ,")
    return name if re.search(r"\b(Jr|Sr)\.$", name) else name.strip(" ,.")


def find_people(text: str, tokens: list[Token], org_token_ids: set[int], place_token_ids: set[int],
                role_phrases: dict[tuple[str, ...], str]) -> list[PersonSpan]:
    blocked = org_token_ids  # after a title, "Trần Đức Long" is a name even though "Đức" is a country
    role_at = phrase_matches(tokens, role_phrases)  # match_phrase(tokens, i, role_phrases) at each i
    hon_at = phrase_matches(tokens, HONORIFICS, exact=True)
    spans: list[PersonSpan] = []
    taken: set[int] = set()

    def add(i: int, n: int, title: str | None, by: str) -> None:
        while n > 0 and tokens[i].low in _NOT_NAME_WORDS_EN:
            i, n = i + 1, n - 1  # "… for the ASEAN Economic Community Satvinder Singh": the body's words end first
        while n > 2 and tokens[i].lowd in _UNIT_WORDS and tokens[i + 1].low in _VI_SURNAMES:
            i, n = i + 1, n - 1  # "Giám đốc Sở Hoàng Văn Đức": the office's unit, then the name
        if n == 0 or any(k in taken for k in range(i, i + n)):
            return
        if i > 0 and (tokens[i - 1].lowd in {"số", "đường", "phố", "street"} or
                      (i > 1 and tokens[i - 1].text.isdigit() and tokens[i - 2].lowd in {"số", "đường", "phố"})):
            return  # "số 8 Hoàng Quốc Việt": a street
        s, e = tokens[i].start, tokens[i + n - 1].end
        name = _clean_name(text[s:e])
        if n == 1 and by != "honorific":
            return
        spans.append(PersonSpan(s, s + len(name), name, slug(name), title or None, by))
        taken.update(range(i, i + n))

    after = 0  # the token after the last name read: an honorific inside that name is passed over
    for i, m in hon_at.items():  # the tokens an honorific starts at, in order
        t = tokens[i]
        if i < after or not t.is_word:
            continue
        if m[1] == "" and i > 0 and tokens[i - 1].is_cap and tokens[i - 1].is_word and tokens[i - 1].line == t.line:
            continue  # "Lê Anh Tú", "Nguyễn Chị …": "anh"/"chị" inside a name, not the familiar title
        if t.is_cap or t.lowd in {"ông", "bà", "ngài"}:
            n_h, title = m
            j = i + n_h
            if j < len(tokens) and tokens[j].text == ".":
                j += 1
            # chains such as "PGS.TS." or "Tiến sĩ" after "ông"
            m2 = hon_at.get(j) if j < len(tokens) else None
            if m2 and tokens[j].is_cap:
                title = m2[1] or title
                j += m2[0]
                if j < len(tokens) and tokens[j].text == ".":
                    j += 1
            n = _name_tokens(tokens, j, blocked)
            if n and j not in role_at:
                add(j, n, title, "honorific")
                after = j + n

    # After an office title: "Thủ tướng Nguyễn Xuân Phúc", "Deputy Minister Pham Thanh Binh",
    # "Thứ trưởng Bộ Khoa học và Công nghệ Phạm Thanh Bình" (office, organization, name).
    for i, m in role_at.items():
        if not tokens[i].is_cap:
            continue
        j = i + m[0]
        # "Acting Director General of STAMEQ Le Hai Phong", "Ambassador to India Tran Van Long", "Deputy
        # Secretary-General of ASEAN for the ASEAN Economic Community Satvinder Singh"
        while j + 1 < len(tokens) and tokens[j].low in {"of", "to", "for"} and tokens[j].line == tokens[i].line:
            k = j + 1 + (1 if tokens[j + 1].low == "the" else 0)
            if not (k < len(tokens) and (k in org_token_ids or k in place_token_ids)):
                break
            j = k
            while j < len(tokens) and (j in org_token_ids or j in place_token_ids):
                j += 1
        while j < len(tokens) and j in org_token_ids:
            j += 1
        if j < len(tokens) and tokens[j].text == ",":
            # "Australia's Ambassador to Viet Nam, Andrew Goledzinowski, in attendance": the name in apposition
            n = _name_tokens(tokens, j + 1, blocked | place_token_ids, max_len=4)
            end = j + 1 + n
            owned = i > 0 and (tokens[i - 1].low == "the" or tokens[i - 1].text.endswith(("'s", "’s")))
            if owned and 2 <= n <= 4 and end < len(tokens) and tokens[end].text in {",", ";", "."} and \
                    j + 1 not in role_at and j + 1 not in hon_at:
                add(j + 1, n, None, "role")
            continue
        if j < len(tokens) and j in hon_at:
            continue
        if j in place_token_ids:
            continue  # "Đại sứ Việt Nam tại …": a country, not a name
        n = _name_tokens(tokens, j, blocked)
        if n >= 2 and j not in role_at:
            add(j, n, None, "role")

    # "KTL president Lee Sang-ho", "STAMEQ chief Nguyen Nam Hai": a body, its office in lower case, a name
    for i, t in enumerate(tokens):
        if i == 0 or i - 1 not in org_token_ids or t.is_cap or (i not in role_at and t.low not in _LOWER_OFFICES):
            continue
        j = i + (role_at[i][0] if i in role_at else 1)
        n = _name_tokens(tokens, j, blocked | place_token_ids, max_len=4)
        if 2 <= n <= 4 and j not in role_at:
            add(j, n, None, "role")

    blocked_or_place = blocked | place_token_ids  # (neither set changes below)
    # An English name with no title, known by what follows it: "Zhang Wei, Vice President of NIM",
    # "Rachel Dorsey, ANSI's Senior Director …", "Kim Dong-hyun of the Korea Research Institute …".
    for i, t in enumerate(tokens):
        if i in taken or not t.is_cap or not t.is_word or i in blocked or i in place_token_ids:
            continue
        if i > 0 and tokens[i - 1].is_word and tokens[i - 1].is_cap and tokens[i - 1].line == t.line:
            continue  # not the start of a capitalized run
        if (t.low in _NOT_NAME_START and not _full_vi_name_at(tokens, i)) or i in role_at or i in hon_at:
            continue
        n = _name_tokens(tokens, i, blocked_or_place, max_len=4)
        if not 2 <= n <= 4 or any(k in role_at for k in range(i, i + n)):
            continue
        j = i + n
        if j + 1 >= len(tokens) or tokens[j].line != t.line:
            continue
        nxt = tokens[j + 1]
        after_comma = tokens[j].text == "," and (
            j + 1 in role_at or
            (j + 1 in org_token_ids and any(k in role_at or (k < len(tokens) and tokens[k].low in _RANKS)
                                            for k in range(j + 2, j + 5))) or
            nxt.low in {"the", "a", "former", "acting", "incoming", "newly", "senior", "deputy"} or
            # "Nguyen Hung, Vietnamese Ambassador to the UK"
            (j + 1 in place_token_ids and j + 2 < len(tokens) and j + 2 in role_at))
        of_org = tokens[j].low == "of" and (j + 1 in org_token_ids or
                                            (nxt.low == "the" and j + 2 in org_token_ids))
        if after_comma or of_org:
            add(i, n, None, "context")

    # A Vietnamese family name opening two to four capitalized words.
    for i, t in enumerate(tokens):
        if i in taken or t.low not in _VI_SURNAMES or not t.is_cap:
            continue
        n = _name_tokens(tokens, i, blocked_or_place, max_len=4)
        if 3 <= n <= 4 and not _place_words_in(tokens, i + 1, i + n):
            if i > 0 and tokens[i - 1].is_cap and tokens[i - 1].is_word and i - 1 not in taken:
                continue
            add(i, n, None, "surname")
    spans.sort(key=lambda s: s.start)
    return spans


def _place_words_in(tokens: list[Token], a: int, b: int) -> bool:
    """Whether tokens a..b hold "Viet Nam", "Ha Noi", "Ho Chi Minh" or a joining word: not a person's name
    ("Nguyen Nam Hai" is one: "Nam" alone is a given name)."""
    words = [tokens[k].low for k in range(a, b)]
    if any(w in {"the", "and", "of"} for w in words):
        return True
    pairs = set(zip(words, words[1:], strict=False))
    return bool(pairs & {("viet", "nam"), ("ha", "noi"), ("ho", "chi"), ("chi", "minh")}) or \
        (a > 0 and (tokens[a - 1].low, words[0]) in {("viet", "nam"), ("ha", "noi"), ("ho", "chi")})


def _full_vi_name_at(tokens: list[Token], i: int) -> bool:
    """"Ha Thi Minh", "Ho Van Nam": the family names Hà and Hồ, which also open place names ("Ha Tinh",
    "Ho Tram"), start a person's name when three capitalized words follow on."""
    return tokens[i].low in {"ha", "ho"} and i + 2 < len(tokens) and \
        all(tokens[k].is_cap and tokens[k].is_word and tokens[k].line == tokens[i].line for k in (i + 1, i + 2))


def resolve_people(spans: list[PersonSpan]) -> tuple[list[PersonSpan], dict[str, Person]]:
    """One person per full name; a lone surname or given name points to the person met before."""
    people: dict[str, Person] = {}
    out: list[PersonSpan] = []
    full = [s for s in spans if len(s.text.split()) >= 2]
    for sp in spans:
        if len(sp.text.split()) == 1:
            word = fold(sp.text)
            match = [f for f in full if word in {fold(f.text.split()[-1]), fold(f.text.split()[0])}]
            if not match:
                continue
            target = match[0]
            sp = PersonSpan(sp.start, sp.end, sp.text, target.key, sp.title, sp.by)
        else:
            # "bà Hương Giang" after "TS. Đặng Thị Hương Giang": the end of a longer name met before
            longer = [f for f in full if f.start < sp.start and len(f.text.split()) > len(sp.text.split())
                      and fold(f.text).endswith(" " + fold(sp.text))]
            if longer:
                out.append(PersonSpan(sp.start, sp.end, sp.text, longer[0].key, sp.title, sp.by))
                continue
            people.setdefault(sp.key, Person(sp.key, sp.text, sp.title))
            if sp.title and not people[sp.key].title:
                people[sp.key].title = sp.title
        out.append(sp)
    return out, people
