"""Who holds which office where: memberships of people, posts with no named holder, and
organizations holding a role in another ("Tổng cục là Phó Chủ tịch ACCSQ").

Each sentence is turned into a sequence of items (organization, person, office, tenure word,
other token) and a few patterns are matched over that sequence, in both orders the languages use:
"ông X, Viện trưởng Viện Y" / "Viện trưởng Viện Y X" / "Y's Secretary-General, X".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.people import HONORIFICS
from kg.extract.text import slug
from kg.extract.tokens import PhraseTable, Token, first_words, match_phrase, tokens_between
from kg.model import Membership, Post, Sentence

TENURE_WORDS: PhraseTable = PhraseTable({
    ("cuu",): "former", ("nguyen",): "former", ("tan",): "incoming", ("former",): "former", ("ex",): "former",
    ("then",): "former", ("incoming",): "incoming", ("new",): "incoming", ("newly", "appointed"): "incoming",
    ("newly", "elected"): "incoming", ("moi", "duoc", "bo", "nhiem"): "incoming", ("outgoing",): "current",
    ("acting",): "current", ("interim",): "current", ("quyen",): "current", ("the", "newly", "appointed"): "incoming",
    ("the", "former"): "former", ("the", "new"): "incoming",
})
_OF = {"cua", "of", "at", "tai", "thuoc"}
_APPOINTED = re.compile(r" (elected|appointed|named|re-elected|reelected|chosen|serves|served|acts|as|"
                        r"bau|bo nhiem|giu chuc|giu vi tri|dam nhiem|dam nhan|lam|tai dac cu) ")
# after an office already read ("X, Director of VMI, has been elected Vice Chair of APMP"), only an election
# or appointment gives another one ("…, served as Vice Chair" may be of a meeting)
_ELECTED = re.compile(r" (elected|appointed|re-elected|reelected|bau|bo nhiem|tai dac cu) ")
_NO_ORG_ROLES = {"prime-minister", "deputy-prime-minister", "president-of-state", "ambassador", "minister",
                 "deputy-minister", "expert", "head-of-delegation", "member", "secretary", "coordinator"}
_ORG_ROLE_CUES = {"dam nhan", "giu", "la", "duoc bau", "lam", "serves as", "serve as", "holds", "hold",
                  "elected", "became", "becomes", "is", "was", "tro thanh", "dam nhiem", "giu vai tro"}


@dataclass
class Item:
    kind: str  # org | person | role | tenure | hon | tok
    value: str
    start: int
    end: int
    text: str


def sentence_items(sentence: Sentence, tokens: list[Token], org_at: dict[int, tuple[str, int, int]],
                   person_at: dict[int, tuple[str, int, int]], role_phrases: dict[tuple[str, ...], str],
                   text: str = "", generic_units: frozenset[str] = frozenset(),
                   custom_roles: dict[str, tuple[str, str]] | None = None,
                   org_parent: dict[str, str] | None = None, demonyms: frozenset[str] = frozenset()
                   ) -> list[Item]:
    """The sentence as items. English titles that go on ("Director of International Affairs at AFNOR",
    "Head of the International Cooperation Department at PTB") become offices of their own, recorded
    in `custom_roles` (key -> (title, broader office key))."""
    items: list[Item] = []
    toks = tokens_between(tokens, sentence.start, sentence.end)
    # the words a phrase can start with: no call to match_phrase at the other tokens (most of them)
    role_firsts, tenure_firsts, hon_firsts = first_words(role_phrases), TENURE_WORDS.firsts, HONORIFICS.firsts
    i = 0
    while i < len(toks):
        t = toks[i]
        if t.start in org_at:
            k, s, e = org_at[t.start]
            parent = org_parent.get(k) if org_parent else None
            items.append(Item("org", k, s, e, f"unit-of:{parent}" if parent else ""))
            while i < len(toks) and toks[i].start < e:
                i += 1
            continue
        if t.start in person_at:
            k, s, e = person_at[t.start]
            items.append(Item("person", k, s, e, ""))
            while i < len(toks) and toks[i].start < e:
                i += 1
            continue
        m = match_phrase(toks, i, role_phrases) if t.low in role_firsts else None
        if m and any(toks[k].start in org_at for k in range(i + 1, i + m[0])):
            # "Phó Chủ tịch Ủy ban nhân dân tỉnh Quảng Ninh": the body named inside the title stays a body
            cut = next(k for k in range(i + 1, i + m[0]) if toks[k].start in org_at)
            m = match_phrase(toks[:cut], i, role_phrases)
        if m:
            n, rk = m
            if text and all(toks[k].text.isascii() for k in range(i, i + n)):  # not "Tham tán", "Giám đốc"
                ext = _extended_title(toks, i, n, org_at, person_at, generic_units)
            elif text and rk not in {"head-of-delegation", "deputy-head-of-delegation"}:
                ext = _vi_extended_title(toks, i, n, org_at, person_at)  # ("trưởng đoàn công tác": a visit's)
            else:
                ext = None
            # "Senior Vice President …", "Executive Director …": a rank word before the title belongs to it
            if text and items and items[-1].kind == "tok" and items[-1].value in _RANK_WORDS and \
                    items[-1].text[:1].isupper():
                lead = items.pop()
                t = Token(lead.start, lead.end, lead.text, lead.value, t.line, lead.value, True, True)
                ext = ext or (i + n - 1, i + n)
            if ext is not None:
                end_tok, skip_to = ext
                title = " ".join(text[t.start:toks[end_tok].end].split())
                ck = slug(title, 80)
                if custom_roles is not None:
                    custom_roles.setdefault(ck, (title, rk))
                items.append(Item("role", ck, t.start, toks[end_tok].end, t.text))
                i = skip_to
                continue
            items.append(Item("role", rk, t.start, toks[i + n - 1].end, t.text))
            i += n
            continue
        if demonyms and t.is_cap and t.text in demonyms:
            items.append(Item("adj", t.low, t.start, t.end, t.text))
            i += 1
            continue
        m = match_phrase(toks, i, TENURE_WORDS) if t.low in tenure_firsts else None
        if m:
            items.append(Item("tenure", m[1], t.start, toks[i + m[0] - 1].end, ""))
            i += m[0]
            continue
        m = match_phrase(toks, i, HONORIFICS, exact=True) if t.lowd in hon_firsts else None
        if m and (t.is_cap or t.lowd in {"ông", "bà"}):
            n = m[0] + (1 if i + m[0] < len(toks) and toks[i + m[0]].text == "." else 0)
            items.append(Item("hon", m[1], t.start, toks[i + n - 1].end, ""))
            i += n
            continue
        items.append(Item("tok", t.low, t.start, t.end, t.text))
        i += 1
    return items


_RANK_WORDS = {"senior", "executive", "chief", "principal", "associate", "assistant", "general"}


def _vi_extended_title(toks: list[Token], i: int, n: int, org_at, person_at) -> tuple[int, int] | None:
    """"Phó Chủ tịch phụ trách Quan hệ quốc tế (của SCC)": the office with its portfolio."""
    j = i + n
    if j + 2 < len(toks) and not toks[j].is_cap and toks[j].is_word and toks[j].low not in _VI_OFFICE_STOPS and \
            toks[j].start not in org_at:
        # "Giám đốc khu vực Đông Nam Á của BSI", "điều phối viên dự án của GIZ": a portfolio in lower case, held
        # at the body after "của/thuộc/tại" (a few words on, in the same clause)
        w = _portfolio_end(toks, j, 8, org_at, person_at)
        if w > j and w + 1 < len(toks) and toks[w].low in {"cua", "thuoc"} and toks[w + 1].start in org_at:
            return w - 1, w
        return None
    if j + 1 < len(toks) and toks[j].is_cap and toks[j].start not in org_at and toks[j].start not in person_at:
        # "Giám đốc Khối Chứng nhận sản phẩm của JQA", "Trưởng nhóm Đào tạo quốc tế của KSA": the office
        # of a unit the text does not name as a body, held at the body after "của/thuộc/tại"
        # "Trưởng phòng Hợp tác quốc tế, Viện Tiêu chuẩn Chất lượng Việt Nam" and "Trưởng phòng Kế hoạch –
        # Hợp tác quốc tế của QUATEST 3" too: a comma before the body, a dash inside the unit's name
        w = _portfolio_end(toks, j, 10, org_at, person_at, joiners=frozenset({"-", "–", "&"}))
        if w > j and w + 1 < len(toks) and toks[w].low in {"cua", "thuoc", "tai", ",", "("} and \
                toks[w + 1].start in org_at and toks[w - 1].is_word:
            # "…, Viện X", "… (VMI)": the body follows the comma or opens the parenthesis
            return w - 1, w + 1 if toks[w].text in {",", "("} else w
        if w > j and w < len(toks) and toks[w].start in org_at and toks[w - 1].is_word and \
                f"{toks[j].low} {toks[j + 1].low}" not in _UNIT_HEADS and toks[j].low not in _UNIT_HEADS:
            # "Tham tán Khoa học - Công nghệ Đại sứ quán Nhật Bản": the portfolio, then the body (but "Giám đốc
            # Trung tâm WTO và Hội nhập" heads a unit whose name holds a body's acronym)
            return w - 1, w
        return None
    if j + 1 >= len(toks) or toks[j].low != "phu" or toks[j + 1].low != "trach":
        return None
    w = _portfolio_end(toks, j + 2, 8, org_at, person_at)
    return (w - 1, w) if w > j + 2 else None


def _portfolio_end(toks: list[Token], j: int, limit: int, org_at, person_at,
                   joiners: frozenset[str] = frozenset()) -> int:
    """Where the words of an office's portfolio that start at j end: at most `limit` words (and `joiners`), up
    to a body, a person or "của/thuộc/tại"."""
    w = j
    while w < len(toks) and w - j < limit and (toks[w].is_word or toks[w].text in joiners) and \
            toks[w].start not in org_at and toks[w].start not in person_at and \
            toks[w].low not in {"cua", "thuoc", "tai"}:
        w += 1
    return w


# words after an office that begin the sentence's next clause, not the office's portfolio
_VI_OFFICE_STOPS = frozenset({"cho", "da", "dang", "se", "va", "la", "noi", "phat", "khang", "nhan", "chu", "tham",
                              "ky", "de", "ve", "trong", "tai", "cua", "thuoc", "kiem", "duoc", "cung", "neu", "chia",
                              "danh", "gioi", "bay", "trao", "tiep", "lam", "nhu", "voi"})
_UNIT_HEADS = frozenset({"trung tam", "phong", "ban", "vu", "vien", "cuc", "van phong", "chi cuc", "so", "khoi",
                         "nhom", "bo phan", "tong cuc"})
_OCCUPATIONS = {"officer", "adviser", "advisor", "economist", "scientist", "engineer", "counsellor", "counselor",
                "metrologist", "coordinator", "strategist", "negotiator", "auditor", "assessor", "inspector"}


def _extended_title(toks: list[Token], i: int, n: int, org_at, person_at,
                    generic_units: frozenset[str]) -> tuple[int, int] | None:
    """(last token of the title, next token to read) when an English title continues with
    "of/for" + capitalized words that name no body, or + a generic department followed by "at/of" a body."""
    j = i + n
    if j < len(toks) and toks[j].is_cap and toks[j].start not in org_at and toks[j].start not in person_at and \
            (toks[j].low in _OCCUPATIONS or toks[j].low.endswith(("ist", "eer", "ician"))):
        return j, j + 1  # "NMIA's Chief Metrologist", "Chief Engineer"
    if j + 1 >= len(toks) or toks[j].low not in {"of", "for"}:
        return None
    k = j + 1
    if toks[k].start in org_at:
        return None  # "Chairman of the National Committee": the body's short form opens with "the"
    if toks[k].low == "the" and k + 1 < len(toks):
        k += 1
    if toks[k].start in org_at:
        unit_key, _, unit_end = org_at[toks[k].start]
        if unit_key not in generic_units:
            return None
        w = k
        while w < len(toks) and toks[w].start < unit_end:
            w += 1
        if w < len(toks) and toks[w].low in {"at", "of"} and w + 1 < len(toks):
            nxt = w + 1 + (1 if toks[w + 1].low == "the" else 0)
            if nxt < len(toks) and toks[nxt].start in org_at:
                return w - 1, w
        return None
    w = k
    while w < len(toks) and w - k < 6 and toks[w].is_word and toks[w].is_cap and toks[w].start not in org_at \
            and toks[w].start not in person_at:
        w += 1
    if w == k:
        # "head of the trade section at the EU Delegation": a portfolio in lower case, then the body
        while w < len(toks) and w - k < 5 and toks[w].is_word and not toks[w].is_cap and \
                toks[w].low not in {"at", "of", "and", "in"}:
            w += 1
        at = w + 1 + (1 if w + 1 < len(toks) and toks[w + 1].low == "the" else 0)
        if w > k and w < len(toks) and toks[w].low in {"at", "of"} and at < len(toks) and toks[at].start in org_at:
            return w - 1, w
        return None
    if w < len(toks) and toks[w].low not in {"at", "of", ",", "and", ".", ";", ")"}:
        return None
    return w - 1, w


def _skip(items: list[Item], j: int, kinds: set[str], words: frozenset[str] | set[str] = frozenset()) -> int:
    while j < len(items) and (items[j].kind in kinds or (items[j].kind == "tok" and items[j].value in words)):
        j += 1
    return j


_TITLE_TAIL = frozenset({"dieu", "hanh", "thuong", "truc"})  # "(Tổng Giám đốc) điều hành", "(Phó Chủ tịch) thường trực"


def _last_org(items: list[Item], upto: int) -> str | None:
    """The body named last before item `upto` in the sentence."""
    return next((x.value for x in reversed(items[:upto]) if x.kind == "org"), None)


def _represented_by(items: list[Item], k: int) -> bool:
    """Whether the words before item k are "represented by" / "đại diện là": the body named before sends
    the official that follows."""
    words = [x.value for x in items[max(0, k - 2):k] if x.kind == "tok"]
    return words[-2:] in (["represented", "by"], ["dai", "dien"], ["dien", "la"])


def _represented_body(items: list[Item], upto: int) -> str | None:
    """The body represented: the one named last before `upto`, unless that one only qualifies another
    ("The Viet Nam SPS Office, which belongs to MARD, was represented by …")."""
    orgs = [idx for idx in range(upto) if items[idx].kind == "org"]
    if not orgs:
        return None
    last = orgs[-1]
    between = {items[x].value for x in range(orgs[-2] + 1, last)} if len(orgs) > 1 else set()
    if len(orgs) > 1 and between & {"which", "belongs", "under", "thuoc", "cua", "of"}:
        return items[orgs[-2]].value
    return items[last].value


def _role_org(items: list[Item], j: int) -> tuple[str | None, int]:
    """An organization right after an office ("Viện trưởng Viện X", "Director of the X", "của X"),
    past the office's own abbreviation in parentheses ("Giám đốc điều hành (CEO) NMISA")."""
    if j + 2 < len(items) and items[j].value == "(" and items[j + 2].value == ")" and \
            items[j + 1].kind in {"role", "tok"}:
        j += 3
    # "Tổng Giám đốc điều hành NATA", "Phó Chủ tịch thường trực X": the title's own qualifier first
    # "Shri Rakesh Verma, Director General, BIS": a comma between the office and its body
    k = j + 1 if j + 1 < len(items) and items[j].value == "," and items[j + 1].kind == "org" else \
        _skip(items, j, set(), _OF | {"the", "."} | _TITLE_TAIL)
    if k + 1 < len(items) and items[k].kind == "tok" and items[k].text.endswith(("'s", "’s")) and \
            items[k + 1].kind == "org" and any(items[x].value in _OF for x in range(j, k)):
        k += 1  # "director of the committee's International Cooperation Department"
    if k < len(items) and items[k].kind == "org" and (k == j or any(items[x].value in _OF for x in range(j, k))
                                                      or k - j <= 1 or
                                                      all(items[x].value in _TITLE_TAIL for x in range(j, k))):
        if k + 1 < len(items) and items[k + 1].kind == "org" and items[k + 1].text == "unit-of:" + items[k].value:
            return items[k + 1].value, k + 2  # "Chief of NIST's Office of Weights and Measures": the office
        return items[k].value, k + 1
    return None, j


def extract_roles(sentence: Sentence, items: list[Item], role_org_type: dict[str, str],
                  recent_org_by_type, custom_roles: dict[str, tuple[str, str]] | None = None
                  ) -> tuple[list[Membership], list[Post]]:
    memberships: list[Membership] = []
    posts: list[Post] = []
    used_roles: set[int] = set()

    def membership(person: str, role_idx: int, org: str | None, tenure: str, member_is_org: bool = False):
        role = items[role_idx].value
        base = (custom_roles or {}).get(role, ("", role))[1]
        if org is None and base in role_org_type:
            org = recent_org_by_type(role_org_type[base], items[role_idx].start)
        if org is None and base not in _NO_ORG_ROLES:
            # "đoàn QUATEST 1 do ông X, Giám đốc, dẫn đầu": the body just named in the sentence
            org = _last_org(items, role_idx)
        memberships.append(Membership(person, role, org, tenure, member_is_org, sentence))
        used_roles.add(role_idx)

    n = len(items)
    for idx, it in enumerate(items):
        if it.kind != "person":
            continue
        # P1: person, [tenure] office [of] [org] (and office of org)*
        j = idx + 1
        if j < n and items[j].kind == "tok" and items[j].value == ",":
            j += 1
            if j < n and items[j].kind == "tok" and items[j].value == "the":
                j += 1
            while j < n:
                tenure = "current"
                if j < n and items[j].kind == "adj":
                    j += 1  # "Vietnamese Ambassador to Brazil"
                if j < n and items[j].kind == "tenure":
                    tenure = items[j].value
                    j += 1
                pre_org = None
                if j + 1 < n and items[j].kind == "org" and items[j + 1].kind == "role":
                    pre_org = items[j].value  # "SCSC Chair"
                    j += 1
                elif j + 1 < n and items[j].kind == "tok" and items[j].text.lower().endswith(("'s", "’s")) and \
                        items[j + 1].kind == "role" and items[j - 1].value == "the":
                    # "Somsak Chaiyaporn, the institute's secretary-general": the body just named
                    pre_org = _last_org(items, idx)
                    j += 1
                if j < n and items[j].kind == "role" and j not in used_roles:
                    org, after = _role_org(items, j + 1)
                    nxt = after
                    while nxt < n and items[nxt].kind == "hon":
                        nxt += 1
                    if nxt < n and items[nxt].kind == "person":
                        break  # "…, SAC Administrator Tian Shiyu", "…, QUATEST 1 Director Ms. Le Thi …": the next one's
                    membership(it.value, j, org or pre_org, tenure)
                    j = after
                    # "… for 2017 and Director of …": skip a few plain words to a chained office
                    k = j
                    while k < n and k - j < 4 and items[k].kind == "tok" and items[k].value not in {",", "va", "and"}:
                        k += 1
                    if k + 1 < n and items[k].kind == "tok" and items[k].value in {"and", "va", ","} and \
                            items[k + 1].kind in {"role", "tenure"}:
                        j = k + 1
                        continue
                break
        # P2: [tenure] office [of] [org] [,] [honorific] person
        k = idx - 1
        while k >= 0 and items[k].kind == "hon":
            k -= 1
        if k >= 0 and items[k].kind == "tok" and items[k].value == ",":
            k -= 1
        org = None
        if k >= 0 and items[k].kind == "org":
            org = items[k].value
            k -= 1
            if k >= 1 and items[k].kind == "tok" and items[k].value == "the" and items[k - 1].value in _OF:
                k -= 1  # "Vice Chairman of the Da Nang People's Committee Le Van Hien"
            if k >= 0 and items[k].kind == "tok" and items[k].value in _OF:
                k -= 1
        if org is None and k >= 1 and items[k].kind == "tok" and items[k].text[:1].isupper():
            # "Ambassador to Việt Nam Deborah Lowe", "Đại sứ tại Liên bang Nga Nguyễn Văn A": the post's place
            m = k
            while m > 0 and k - m < 4 and items[m].kind == "tok" and items[m].text[:1].isupper():
                m -= 1
            if m >= 1 and items[m].kind == "tok" and items[m].value in {"to", "tai", "in"} and \
                    items[m - 1].kind == "role":
                k = m - 1
        lead = k - 1
        tenure_before = "current"
        if lead >= 0 and items[lead].kind == "tenure":
            tenure_before = items[lead].value
            lead -= 1
        if org is None and lead >= 0 and k >= 0 and items[k].kind == "role" and items[lead].kind == "org" and \
                k not in used_roles:
            membership(it.value, k, items[lead].value, tenure_before)  # "VSQI's incoming Director, Mr. X"
        elif k >= 0 and items[k].kind == "role" and k not in used_roles:
            tenure = items[k - 1].value if k >= 1 and items[k - 1].kind == "tenure" else "current"
            if org is None:
                org2, _ = _role_org(items, k + 1)
                org = org2 if org2 and _ <= idx else None
            if org is None and _represented_by(items, k - (1 if tenure != "current" else 0)):
                org = _represented_body(items, k)  # "ISC, represented by Director General Sok Dara, …"
            membership(it.value, k, org, tenure)
        # P5: person [was] elected / appointed / giữ chức … office [of] org
        k = idx + 1
        words: list[str] = []
        office_at = None
        while k < n and k - idx <= (20 if office_at is not None else 12) and \
                (items[k].kind in {"tok", "hon", "adj", "org"} or
                 (items[k].kind == "role" and k in used_roles and k - idx <= 8)) and items[k].value not in {".", ";"}:
            if items[k].kind == "role":
                office_at = k
            # "X of VMI was elected …", "X, Director of VMI, has been elected …": past the office already read
            words = [] if items[k].kind in {"org", "role"} else words + [items[k].value]
            k += 1
        passed_office = office_at is not None
        if k < n and items[k].kind in {"role", "tenure"} and k not in used_roles and \
                (_ELECTED if passed_office else _APPOINTED).search(" " + " ".join(words) + " "):
            tenure = "current"
            if items[k].kind == "tenure":
                tenure = items[k].value
                k += 1
            if k < n and items[k].kind == "role" and k not in used_roles:
                org, _ = _role_org(items, k + 1)
                if re.search(r" (newly|moi|vua) ", " " + " ".join(words) + " "):
                    tenure = "incoming"
                if org is not None or not passed_office:
                    # (after the office already read, an election to a body not recognised is not that office's)
                    membership(it.value, k, org, tenure)

    # P4: an organization holding an office in another: "<Org> … đảm nhận … Phó Chủ tịch của ACCSQ; …"
    first_org = next((x for x in items[:3] if x.kind == "org"), None)
    # (the sentence's words are joined only when a body opens it: most sentences need not)
    text_low = f' {" ".join(x.value for x in items if x.kind == "tok")} ' if first_org else ""
    if first_org and any(f" {c} " in text_low for c in _ORG_ROLE_CUES):
        for j, x in enumerate(items):
            if x.kind == "role" and j not in used_roles and j > items.index(first_org):
                org, _ = _role_org(items, j + 1)
                if org and org != first_org.value:
                    membership(first_org.value, j, org, "current", member_is_org=True)

    # P3: an office in an organization with no named holder.
    for j, x in enumerate(items):
        if x.kind == "role" and j not in used_roles and x.text[:1].isupper():
            org, _ = _role_org(items, j + 1)
            if org is None and x.value in role_org_type:
                org = recent_org_by_type(role_org_type[x.value], x.start)
            if org:
                posts.append(Post(org, x.value, sentence))
    return memberships, posts
