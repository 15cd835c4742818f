"""Organization mentions: reference names and acronyms, "Full Name (ACR)" definitions, Vietnamese
names opened by a head noun ("Viện", "Trung tâm", "Ủy ban"…), English capitalized names holding an
organization noun ("Institute", "Bureau"…), short forms ("Tổng cục", "the Directorate"), and units
("Trung tâm Đo lường Nhiệt của KRISS"). Standard codes ("TCVN ISO 9001:2015") are masked first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.people import _VI_SURNAMES
from kg.extract.reference import Reference, unify_spelling
from kg.extract.text import canonical_tone, finditer_at, key, slug, written_as
from kg.extract.tokens import PhraseTable, Token, match_phrase, phrase_matches, tokenize
from kg.model import Organization

_VI_HEADS = [
    "Tổng cục", "Cục", "Chi cục", "Viện", "Trung tâm", "Ủy ban", "Tiểu ban", "Tổ chức", "Hiệp hội", "Tổng hội",
    "Tập đoàn", "Cơ quan", "Văn phòng", "Bộ", "Vụ", "Hội đồng", "Diễn đàn", "Nhóm công tác", "Công ty",
    "Tổng công ty", "Trường", "Đại học", "Học viện", "Liên minh", "Quỹ", "Ngân hàng", "Liên đoàn",
    "Phòng thí nghiệm", "Phòng thử nghiệm", "Sở", "Ban", "Hội", "Tạp chí", "Cơ quan", "Liên hiệp", "Ủy hội",
    "Phòng", "Phái đoàn", "Ủy ban nhân dân", "UBND", "Chính quyền",
]
# "Văn phòng KOICA tại Việt Nam", "Phái đoàn EU tại Việt Nam": a body's office in a country
_COUNTRY_OFFICE_HEADS = {"van phong", "phai doan", "dai su quan", "co quan dai dien"}
_VI_UNIT_HEADS = {"trung tam", "vu", "phong thi nghiem", "phong thu nghiem", "ban", "van phong", "nhom cong tac",
                  "tieu ban", "chi cuc", "phong"}
_VI_NOT_AFTER_HEAD = {"hoi": {"nghi", "thao", "cho", "vien", "nhap", "dong"}, "bo": {"truong"},
                      "vien": {"truong"}, "cuc": {"truong"}, "vu": {"truong"}, "tong cuc": {"truong"},
                      "ban": {"hanh", "dau", "than"}, "so": {"huu", "do"}, "to chuc": set(),
                      "truong": {"doan", "ban", "phong", "nhom"}}
# Nouns of a field that continue a name in lower case (only a name's first word and proper nouns are
# capitalized: "Vụ Chính sách thương mại đa biên", "Cục Công nghệ thông tin"); words that are also verbs
# ("đào tạo", "hợp tác", "quản lý") are left out: "Viện X đào tạo …" is the body and its verb.
_VI_NAME_FIELDS = frozenset(
    "lien bang|thuong mai|da bien|da phuong|song phuong|quoc te|ky thuat|cong nghe|khoa hoc|tieu chuan|do luong|"
    "chat luong|an toan|thuc pham|moi truong|nang luong|thong tin|truyen thong|phap che|ke hoach|tai chinh|"
    "nong nghiep|cong nghiep|y te|giao thong|van tai|nang suat|ma so|ma vach|xuat khau|nhap khau|"
    "thi truong|doanh nghiep|hanh chinh|can bo|so huu|tri tue|hang hoa|san pham|dich vu|dien tu|hoa hoc|"
    "vat ly|sinh hoc|co khi|det may|vien thong|hai quan|kinh te|phap ly|tong hop|tu tri|dan toc|giam sat|"
    "kiem nghiem|doi moi|sang tao".split("|"))
_VI_NAME_LOWER = {"quoc", "gia", "te", "hoa", "va", "ve", "cac", "tu", "van", "so", "ma", "vach", "chau"}
_VI_STOP = {"và", "của", "tại", "với", "đã", "ký", "kết", "là", "được", "có", "cho", "trong", "thuộc", "trực",
            "năm", "ngày", "tháng", "đến", "từ", "ở", "như", "do", "sẽ", "vào", "cùng", "nhưng", "nhằm", "để",
            "khi", "sau", "trước", "giữa", "phía", "hai", "bên", "đại", "diện", "bao", "gồm", "hiện", "nay", "này",
            "tham", "dự", "tổ", "chức", "phối", "hợp", "chủ", "trì", "đang", "tiếp", "đầu", "các", "đoàn", "cũng",
            "vừa", "mới", "đều", "còn", "chưa", "cần", "muốn"}
_EN_ORG_NOUNS = {
    "institute", "institution", "organization", "organisation", "committee", "sub-committee", "subcommittee",
    "sub-department", "subdepartment", "sub-institute",
    "agency", "bureau", "office", "ministry", "directorate", "association", "council", "congress", "center",
    "centre", "department", "division", "commission", "authority", "foundation", "corporation", "company", "group",
    "federation", "union", "university", "laboratory", "laboratories", "bundesanstalt", "administration",
    "board", "society", "secretariat", "network", "alliance", "chamber", "academy",
    "inc", "ltd", "gmbh", "forum", "programme", "service", "services", "body", "consortium", "fund", "bank",
    "government", "embassy", "delegation", "parliament", "assembly", "technologies", "industries", "instruments",
    "electronics", "enterprises",
}
# Federations whose national members are named "<federation> <country>" (GS1 Korea, GS1 Hàn Quốc)
_NATIONAL_MEMBERS = frozenset({"GS1"})
_COMPANY_SUFFIXES = {"international", "berhad", "bhd", "ltd", "inc", "corporation", "corp", "group", "gmbh", "ag",
                     "jsc", "plc", "llc", "limited", "holdings", "co"}
_EN_RUN_KEEPERS = frozenset(_EN_ORG_NOUNS | _COMPANY_SUFFIXES)
_EN_UNIT_NOUNS = {"department", "division", "office", "centre", "center", "laboratory", "unit", "section",
                  "group", "secretariat", "sub-committee", "subcommittee", "committee", "team", "board"}
_EN_EVENT_NOUNS = {"dialogue", "meeting", "conference", "workshop", "seminar", "summit", "symposium", "day",
                   "week", "session", "assembly", "ceremony", "visit", "training", "course", "exhibition",
                   "fair", "expo", "webinar", "festival", "award", "awards", "prize"}
_EN_CONNECT = {"of", "for", "on", "and", "&", "in"}
_EN_HONORIFICS = frozenset({"mr", "ms", "mrs", "dr", "prof", "madam", "sir", "h.e"})
_EN_SKIP_LEAD = {"the", "a", "an", "on", "under", "at", "in", "by", "with", "from", "to", "and", "as", "its",
                 "their", "his", "her", "this", "that", "these", "both", "during", "after", "before", "while",
                 "when", "also", "ms", "mr", "mrs", "dr", "prof", "hanoi", "ha", "said", "posted"}
_DOCUMENT_NAME = re.compile(r"\W*(the |a |an )?(letter|memorandum|memoranda|agreement|arrangement|protocol|"
                            r"declaration|statement|contract|minutes|thu y dinh|ban ghi nho|bien ban|thoa thuan|"
                            r"hiep dinh|nghi dinh thu|tuyen bo|hop dong)\b")
_TREATY_WORDS = re.compile(r"\b(agreement|treaty|convention|free trade area|partnership agreement|hiep dinh)\b")
_NOT_ORG_ACRONYMS = {"MOU", "MoU", "MOUs", "MoUs", "TCVN", "QCVN", "JIS", "CEO", "GDP", "COVID", "HANOI", "TP",
                     "TS", "PGS", "GS", "ThS", "USD", "VND", "EUR", "TBT", "SPS", "MRA", "MRAs", "FTA", "ICT",
                     "IT", "AI", "IOT", "IoT", "PGS.TS", "GS.TS", "HCM", "TP.HCM", "OK", "II", "III", "IV",
                     "VI", "VII", "VIII", "IX", "XI", "XII", "HACCP", "GMP", "GAP", "PPP", "ODA", "SME", "SMEs",
                     "R&D", "KPI", "UTC", "GMT", "PDF", "URL", "NFC", "NFD", "DNA", "ISBN", "ID"}
_STANDARD_CODE = re.compile(
    r"\b(?:TCVN|QCVN|ISO|IEC|ASTM|BS|EN|JIS|KS|GB|DIN|ANSI|IEEE|OIML|API|ASME|SAE|UL|AS|NFPA|CODEX|CAC)"
    r"(?:\s*/\s*[A-Z]+|\s+(?:ISO|IEC|EN|TS|TR|PAS|R|D|Guide|GUIDE))*[\s-]?[A-Z]?\d+(?:[-.:/]\d+)*(?::\d{4})?")


@dataclass
class OrgSpan:
    start: int
    end: int
    text: str
    key: str
    source: str  # ref | ref-short | acronym | defined | pattern
    acronym: str | None = None
    parent: str | None = None


def _phrases(items: list[str]) -> PhraseTable:
    """Head nouns keyed by their lower-case words with diacritics ("trường" is not "trương")."""
    return PhraseTable({tuple(canonical_tone(x.lower()).split()): key(x) for x in items})


_VI_HEAD_PHRASES = _phrases(_VI_HEADS)
_VI_HEAD_PREFIXES = tuple(key(h) + " " for h in _VI_HEADS)  # a name opening with a head noun: str.startswith
_VI_UNIT_PREFIXES = tuple(h + " " for h in _VI_UNIT_HEADS)
_VI_HEAD_KEYS = frozenset(_VI_HEAD_PHRASES.values())
_COUNTRY_OFFICE_PHRASES = _phrases(["Văn phòng", "Phái đoàn", "Đại sứ quán", "Cơ quan đại diện"])


_STANDARD_SERIES = re.compile(r"\b(?:TCVN|QCVN|MS|BS|EN|KS|JIS|SNI|SS|AS|NF|DIN|GB|SASO|IS)(?:\s+(?:ISO|IEC|EN))+\b")


# Every match of the two patterns above opens with one of their upper-case prefixes (after `\b`, which
# reads nothing of the match): they are tried only where one stands.
_STANDARD_OPENERS = re.compile(r"TCVN|QCVN|ISO|IEC|ASTM|BS|EN|JIS|KS|GB|DIN|ANSI|IEEE|OIML|API|ASME|SAE|UL|AS|"
                               r"NFPA|CODEX|CAC|MS|SNI|SS|NF|SASO|IS")


# (while the two patterns are written as when these prefixes were listed: else they are read the plain way)
_STANDARD_OPENERS_CHECKED = written_as(_STANDARD_CODE, "8b883c7c159b") and written_as(_STANDARD_SERIES, "b820d746b6d3")


def standard_code_spans(text: str) -> list[tuple[int, int]]:
    """Standard codes and adopted series ("TCVN ISO 9001:2015", "ISO/IEC 17025", "MS IEC"): not bodies."""
    if not _STANDARD_OPENERS_CHECKED:
        return [(m.start(), m.end()) for m in _STANDARD_CODE.finditer(text)] + \
            [(m.start(), m.end()) for m in _STANDARD_SERIES.finditer(text)]
    spans = [(m.start(), m.end()) for m in finditer_at(_STANDARD_CODE, text, _STANDARD_OPENERS)]
    return spans + [(m.start(), m.end()) for m in finditer_at(_STANDARD_SERIES, text, _STANDARD_OPENERS)]


def _overlaps(a: int, b: int, spans: list[tuple[int, int]]) -> bool:
    return any(a < e and b > s for s, e in spans)


class _Builder:
    """Collects organizations for one document; keeps keys stable and names deduplicated."""

    def __init__(self, ref: Reference):
        self.ref = ref
        self.orgs: dict[str, Organization] = {}

    def from_reference(self, org_key: str) -> Organization:
        if org_key not in self.orgs:
            r = self.ref.orgs[org_key]
            self.orgs[org_key] = Organization(
                key=org_key, acronyms=list(r.acronyms), pref_vi=r.vi[0] if r.vi else None,
                pref_en=r.en[0] if r.en else None, kind=r.kind, country=r.country, wikidata=r.wikidata,
                parent=r.parent, is_unit=r.kind == "unit" or bool(r.parent and r.kind == "unit"),
                from_reference=True,
            )
        return self.orgs[org_key]

    def new(self, org_key: str, name: str, lang: str, acronym: str | None = None,
            parent: str | None = None, is_unit: bool = False) -> Organization:
        org = self.orgs.get(org_key)
        if org is None:
            org = Organization(key=org_key, kind="unit" if is_unit else None, parent=parent, is_unit=is_unit)
            self.orgs[org_key] = org
        label = canonical_tone(name)
        if lang == "vi" and not org.pref_vi:
            org.pref_vi = label
        elif lang == "en" and not org.pref_en:
            org.pref_en = label
        if acronym and acronym not in org.acronyms:
            org.acronyms.append(acronym)
        return org


def _is_role_at(tokens: list[Token], i: int, role_phrases: dict[tuple[str, ...], str]) -> int:
    m = phrase_matches(tokens, role_phrases).get(i)
    return m[0] if m else 0


def _vi_forward(tokens: list[Token], i: int, head_len: int, role_phrases: dict,
                place_ids: frozenset[int] = frozenset(), known_starts: frozenset[int] = frozenset(),
                known_ends: frozenset[int] = frozenset()) -> int:
    """End token index (exclusive) of a Vietnamese name opened by a head noun at i, or i when none."""
    j = i + head_len
    last = i
    lower_run = 0
    legal_form = tokens[i].lowd == "công" and j < len(tokens) and tokens[j].text in {"TNHH", "CP"}
    if legal_form:
        j += 1  # "Công ty TNHH LG Display Việt Nam": the company's legal form, then its name
        if j < len(tokens) and tokens[j].text == "MTV":
            j += 1
        if j < len(tokens) and tokens[j].start in known_starts:
            return i  # "Công ty TNHH TÜV Rheinland Việt Nam": the known company names it
    local = j + 1 < len(tokens) and tokens[j].lowd in {"tỉnh", "thành", "tp", "huyện", "quận"} and \
        (tokens[j + 1].is_cap or tokens[j + 1].lowd == "phố" or  # "Ủy ban nhân dân tỉnh Quảng Ninh"
         (tokens[j + 1].text == "." and j + 2 < len(tokens) and tokens[j + 2].is_cap))  # "UBND TP.HCM"
    if j < len(tokens) and tokens[j].lowd.startswith("tp.") and len(tokens[j].text) > 3 and \
            tokens[j].line == tokens[i].line:
        return j + 1  # "Uỷ ban nhân dân TP.HCM"
    # "Chi cục TĐC Cao Bằng", "Sở KH&CN Hà Nội": a field's abbreviation, then the place
    field_abbr = j + 1 < len(tokens) and tokens[j].is_acronym and tokens[j].start not in known_starts and \
        tokens[j].end not in known_ends and j + 1 in place_ids and tokens[j + 1].line == tokens[i].line
    if field_abbr:
        return _past_places(tokens, j + 1, place_ids, tokens[i].line)
    if j >= len(tokens) or (not tokens[j].is_cap and not local) or (tokens[j].is_acronym and not legal_form) or \
            tokens[j].line != tokens[i].line:
        return i
    if local:
        last = j  # the locality rule below reads "thành phố Đà Nẵng" right after the head
    while j < len(tokens):
        t = tokens[j]
        if t.line != tokens[i].line:
            break
        if t.text == "," and tokens[i].lowd in {"bộ", "sở"} and last == j and \
                _listed_fields(tokens, j, known_starts) and tokens[j - 1].end not in known_ends and \
                not (i > 0 and tokens[i - 1].lowd in {"các", "những"}):
            j += 1  # "Bộ Đầu tư, Công nghiệp và Thương mại Uzbekistan": a ministry of several fields
            continue
        if not t.is_word:
            # "Phòng Kế hoạch - Hợp tác quốc tế", "Liên minh Kinh tế Á - Âu" (not "… Châu Á – APO")
            # but not after a known name or a place, nor before a caption, an honorific or another apposition
            if t.text in {"-", "–"} and j + 1 < len(tokens) and tokens[j + 1].is_cap and last == j and \
                    not tokens[j + 1].is_acronym and tokens[j - 1].end not in known_ends and j - 1 not in place_ids \
                    and tokens[j + 1].lowd not in {"ảnh", "ông", "bà", "đơn", "cơ", "tổ", "nơi"}:
                j += 1
                continue
            break
        if j > i + head_len and (match_phrase(tokens, j, _VI_HEAD_PHRASES, exact=True) and t.is_cap) and \
                not (j in place_ids and j - 1 in place_ids):
            break  # but "Sở Khoa học và Công nghệ Hải Phòng": "Phòng" inside a place's name heads nothing
        if _is_role_at(tokens, j, role_phrases) and t.is_cap:
            break
        if t.is_cap and (t.low in _VI_SURNAMES or (t.low == "ha" and j not in place_ids)) and j + 2 < len(tokens) \
                and tokens[j + 1].is_cap and \
                tokens[j + 2].is_cap and tokens[j + 1].line == t.line and not tokens[j + 1].is_acronym:
            break  # "Bộ Khoa học và Công nghệ Phạm Thanh Bình": a person's name follows the body's
        if t.lowd in {"tỉnh", "thành", "tp", "huyện", "quận"} and last == j and j + 1 < len(tokens) and \
                (tokens[j + 1].is_cap or tokens[j + 1].lowd == "phố" or tokens[j + 1].text == "."):
            # "Sở Khoa học và Công nghệ tỉnh Đồng Nai": the province is part of a local body's name
            k = j + 1 + (1 if tokens[j + 1].lowd == "phố" else 0)
            if k < len(tokens) and tokens[k].text == ".":
                k += 1
            if k in place_ids:
                # "Ủy ban nhân dân tỉnh Bắc Ninh Lê Xuân Lợi": the province's name, then perhaps a person's
                k = _past_places(tokens, k, place_ids, tokens[i].line)
            else:
                while k < len(tokens) and tokens[k].is_cap and tokens[k].is_word and tokens[k].line == tokens[i].line:
                    k += 1
            last = k
            break  # a local body's name ends with its locality
        if t.is_cap:
            last = j + 1
            lower_run = 0
        elif t.low in {"va", "ve"}:
            nxt = tokens[j + 1] if j + 1 < len(tokens) else None
            if not (nxt and nxt.is_cap and nxt.is_word and not nxt.is_acronym) or \
                    match_phrase(tokens, j + 1, _VI_HEAD_PHRASES, exact=True) or nxt.start in known_starts:
                break  # "… Chất lượng và Rosstandart": a known body after "và" is another body
        elif last == j and tokens[j - 1].is_cap and f"{tokens[j - 1].low} {t.low}" in _VI_NAME_FIELDS:
            last = j + 1  # "… Công nghệ và Đổi mới": "mới" ends a name only as "new"
        elif t.lowd in _VI_STOP:
            break
        elif last == j and j + 1 < len(tokens) and f"{t.low} {tokens[j + 1].low}" in _VI_NAME_FIELDS and \
                j - 1 not in place_ids and tokens[j - 1].end not in known_ends:
            # "Vụ Chính sách thương mại đa biên": only the first word of a name is capitalized
            last = j + 2
            lower_run = 0
            j += 2
            continue
        elif t.text.isdigit() and last == j:
            last = j + 1  # "QUATEST 1", "Trung tâm Kỹ thuật 3"
        else:
            lower_run += 1
            if lower_run > 1 and t.low not in _VI_NAME_LOWER:
                break
            if t.low == "gia" and tokens[j - 1].low != "quoc":
                break  # "Viện Đo lường Việt Nam gia hạn …" (renews): "gia" belongs to a name only in "quốc gia"
            if t.low in {"quoc", "gia", "te", "hoa"} or \
                    (t.lowd == "châu" and j + 1 < len(tokens) and tokens[j + 1].is_cap):  # "Liên minh châu Âu"
                last = j + 1
            elif j == i + head_len or (tokens[j - 1].is_cap and j - 1 not in place_ids and
                                       not tokens[j - 1].is_acronym):  # "Ban Điều hành PASC xem xét"
                last = j + 1  # "Đo lường" — but not "Việt Nam bắt (đầu)": a place ends the name
            else:
                break
        j += 1
    return last if last > i + head_len - 1 and any(tokens[k].is_cap for k in range(i + head_len, last)) else i


def _listed_fields(tokens: list[Token], comma: int, known_starts: frozenset[int] = frozenset()) -> bool:
    """Whether the comma at `comma` goes on with a ministry's list of fields: capitalized words with no
    body's name among them, up to "và/and/&" and one more capitalized word ("…, Công nghiệp và Thương mại",
    "…, Trade and Industry", "…, Food & Public Distribution")."""
    k = comma + 1
    line = tokens[comma].line
    while k < len(tokens) and k - comma <= 8 and tokens[k].line == line:
        t = tokens[k]
        if t.start in known_starts or t.is_acronym or t.low in _EN_ORG_NOUNS or \
                match_phrase(tokens, k, _VI_HEAD_PHRASES, exact=True):
            return False
        if t.low in {"va", "and", "&"}:
            return k > comma + 1 and k + 1 < len(tokens) and tokens[k + 1].is_cap and \
                tokens[k + 1].start not in known_starts and not tokens[k + 1].is_acronym
        if t.text == ",":
            if not tokens[k - 1].is_word:
                return False
        elif not t.is_word or not (t.is_cap or tokens[k - 1].is_cap):
            return False
        k += 1
    return False


def _past_places(tokens: list[Token], k: int, place_ids: frozenset[int], line: int) -> int:
    """The first token from k on that is not part of a place name on the given line."""
    while k < len(tokens) and k in place_ids and tokens[k].line == line:
        k += 1
    return k


def _embassy(tokens: list[Token], i: int, n: int, place_ids: frozenset[int]) -> tuple[int, str] | None:
    """(end token, "") of "Đại sứ quán <country> [tại <country>]": "Đại sứ quán Việt Nam tại Australia"."""
    k = i + n
    if k >= len(tokens) or k not in place_ids or tokens[k].line != tokens[i].line:
        return None
    k = _past_places(tokens, k, place_ids, tokens[i].line)
    if k + 1 < len(tokens) and tokens[k].low == "tai" and k + 1 in place_ids:
        k += 1
        k = _past_places(tokens, k, place_ids, tokens[i].line)
    return k, ""


def _mission_abroad(tokens: list[Token], k: int, cands: list[OrgSpan], place_ids: frozenset[int]) -> bool:
    """Whether the known body at token k is followed by "tại <place>": "Phái đoàn Liên minh châu Âu (EU)
    tại Việt Nam" is the EU's mission, a body of its own."""
    end = max(c.end for c in cands if c.start == tokens[k].start)
    j = k
    while j < len(tokens) and tokens[j].start < end:
        j += 1
    while j < len(tokens) and (tokens[j].text in {"(", ")"} or tokens[j].is_acronym):
        j += 1
    return j + 1 < len(tokens) and tokens[j].low == "tai" and j + 1 in place_ids


def _country_office(tokens: list[Token], i: int, n: int, head: str, ref: Reference,
                    place_ids: frozenset[int]) -> tuple[int, str] | None:
    """(end token, parent key) of "<office> <ACRONYM> [tại] <country>": "Văn phòng KOICA tại Việt Nam",
    "Văn phòng JICA Việt Nam", "Phái đoàn EU tại Việt Nam" — the body's office, a unit of it."""
    j = i + n
    if j >= len(tokens) or not tokens[j].is_acronym or tokens[j].line != tokens[i].line:
        return None
    parent = ref.acronym_owner.get(tokens[j].text) or ""  # "" : "Văn phòng SPS Việt Nam", a body of its own
    k = j + 1
    if k < len(tokens) and tokens[k].low == "tai":
        k += 1
    if k >= len(tokens) or k not in place_ids:
        # "Phó Trưởng Phái đoàn EU", "Tham tán Thương mại Phái đoàn EU": an official of a body's mission named
        # without its country (a visiting "Phái đoàn ISO do … dẫn đầu" is a delegation, not a mission)
        titled = any(tokens[x].lowd in {"trưởng", "tham", "tán", "đại", "sứ", "bí", "phó"}
                     for x in range(max(0, i - 5), i))
        return (j + 1, parent) if head == "phai doan" and parent and titled and \
            ref.orgs[parent].kind in {"international", "regional"} else None
    k = _past_places(tokens, k, place_ids, tokens[i].line)
    return k, parent


def _minister_fields(ref: Reference, folded: str) -> list[tuple[int, int, str]]:
    """"Deputy Minister of Science and Technology Hoang Minh Chau": the field after "Minister of" names
    the ministry of the reference whose English name is "Ministry of <field>"."""
    table: tuple[re.Pattern[str] | None, dict[str, str]] | None = ref.cache.get("minister_fields")
    if table is None:
        fields: dict[str, str] = {}
        for k, org in ref.orgs.items():
            for name in org.en:
                kn = key(name)
                if kn.startswith("ministry of "):
                    fields.setdefault(kn[len("ministry of "):], k)
        alternatives = "|".join(re.escape(f) for f in sorted(fields, key=len, reverse=True))
        # "\bminister" written as "minister" not after a word character: re then searches for the word
        # instead of trying the pattern at every position of the document
        table = (re.compile(r"minister(?<!\wminister) (?:of|for) (?:the )?(" + alternatives + r")\b")
                 if fields else None, fields)
        ref.cache["minister_fields"] = table
    regex, fields = table
    if regex is None:
        return []
    return [(m.start(1), m.end(1), fields[m.group(1)]) for m in regex.finditer(folded)]


_MONTHS_AND_DAYS = frozenset("january february march april may june july august september october november december "
                             "jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday "
                             "friday saturday sunday".split())


def _is_month_or_day(word: str) -> bool:
    return word.rstrip(".") in _MONTHS_AND_DAYS


# heads whose names may list their fields with commas: "Ministry of Investments, Trade and Industry", "Lang Son
# Sub-Department of Standards, Metrology and Quality"
_LISTING_HEADS = frozenset({"ministry", "department", "sub-department"})


def _en_runs(tokens: list[Token]) -> list[tuple[int, int]]:
    """Maximal runs of capitalized words joined by of/for/on/and/&/in (+ 'the' after of/for/on)."""
    runs = []
    i = 0
    n = len(tokens)
    while i < n:
        if not (tokens[i].is_word and tokens[i].is_cap):
            i += 1
            continue
        j = i + 1
        end = j
        while j < n:
            t = tokens[j]
            if t.line != tokens[i].line:
                break
            if t.is_word and t.is_cap:
                j += 1
                end = j
            elif t.low in _EN_CONNECT and j + 1 < n and \
                    not (t.low in {"in", "on"} and _is_month_or_day(tokens[j + 1].low)):
                k = j + 1  # but "… Department in September": a date ends the name
                if tokens[k].low == "the" and t.low in {"of", "for", "on"} and k + 1 < n:
                    k += 1
                if tokens[k].is_word and tokens[k].is_cap and tokens[k].low not in _EN_HONORIFICS:
                    # ("… of the Ministry of Science and Technology and Ms. Elena Marchetti": a person goes on)
                    j = k
                else:
                    break
            elif t.text == "," and any(tokens[x].low in _LISTING_HEADS for x in range(i, j)) and \
                    tokens[j - 1].is_cap and \
                    _listed_fields(tokens, j):
                j += 1  # "Ministry of Investments, Trade and Industry"
            elif t.text in {"-", "–"} and j + 1 < n and tokens[j + 1].is_cap and tokens[j - 1].is_cap and \
                    tokens[j + 1].low != "the" and \
                    not (i == 0 or tokens[i - 1].line != tokens[i].line):
                j += 1  # but "NDO – The Vietnam Metrology Institute …" opens a line with a dateline
            else:
                break
        runs.append((i, end))
        i = max(end, i + 1)
    return runs


def find_organizations(text: str, lang: str, ref: Reference, role_phrases: dict[tuple[str, ...], str],
                       skip: list[tuple[int, int]] | None = None, tokens: list[Token] | None = None
                       ) -> tuple[list[OrgSpan], dict[str, Organization]]:
    """All organization mentions of a document, left to right, non-overlapping; `skip` spans
    (bylines) are not read."""
    from kg.extract.text import fold

    folded = fold(text)
    masked = standard_code_spans(text) + list(skip or [])
    tokens = tokens if tokens is not None else tokenize(text)
    builder = _Builder(ref)
    role_spans = _role_spans(tokens, role_phrases)
    from kg.extract.tokens import covered

    places = ref.find_places(text)
    place_ids = frozenset(covered(tokens, [(s, e) for s, e, _ in places]))
    cands: list[OrgSpan] = []

    for s, e, org_key, name, is_short in ref.find_names(folded):
        if _overlaps(s, e, masked) or _overlaps(s, e, role_spans):
            continue
        if name[:1].isupper() and not text[s].isupper():
            continue  # "dịch vụ đo lường" (metrology services) is not "Vụ Đo lường"
        if name.isascii() and " " in name and name.split()[-1][:1].isupper() and \
                not text[s:e].split()[-1][:1].isupper():
            continue  # "the Vietnamese government agency" is not "the Vietnamese Government"
        if text[max(0, s - 5):s].lower() == "liên ":
            continue  # "Ủy ban liên Chính phủ Việt Nam - Belarus": an intergovernmental committee
        cands.append(OrgSpan(s, e, text[s:e], org_key, "ref-short" if is_short else "ref"))
    for s, e, org_key in _minister_fields(ref, folded):
        country = ref.orgs[org_key].country
        # "Lao Minister of Science and Technology …": another country's ministry
        before = text[max(0, s - 30):s]
        after = re.match(r"\s*(?:of|của)\s+(?:the\s+)?", text[e:e + 12])
        near = [p for _s, _e, p in ref.find_places(before)] + \
            ([p for ps, _e, p in ref.find_places(text[e:e + 40]) if ps == after.end()] if after else [])
        foreign = [p for p in near if p.kind in {"country", "demonym"} and p.country and p.country != country]
        if not foreign and not _overlaps(s, e, masked):
            cands.append(OrgSpan(s, e, text[s:e], org_key, "ref"))
    for s, e, org_key in ref.find_acronyms(text):
        if _overlaps(s, e, masked):
            continue
        cands.append(OrgSpan(s, e, text[s:e], org_key, "acronym", acronym=text[s:e]))

    cands.extend(_national_members(text, cands, places, ref))
    ref_starts = frozenset(c.start for c in cands)  # where a known body (reference name or acronym) starts
    ref_ends = frozenset(c.end for c in cands)
    acronym_starts = frozenset(c.start for c in cands if c.source == "acronym")
    # Vietnamese names are read in English articles too (quoted names, bilingual pages); the rules are cheap.
    head_firsts, office_firsts = _VI_HEAD_PHRASES.firsts, _COUNTRY_OFFICE_PHRASES.firsts
    for i, t in enumerate(tokens):
        # (match_phrase is None at a word no phrase of the table starts with: most tokens, not called)
        if not t.is_cap or (t.lowd not in head_firsts and t.lowd not in office_firsts):
            continue
        m = match_phrase(tokens, i, _VI_HEAD_PHRASES, exact=True) or \
            match_phrase(tokens, i, _COUNTRY_OFFICE_PHRASES, exact=True)
        if not m:
            continue
        n, head = m
        nxt = tokens[i + n].low if i + n < len(tokens) else ""
        if nxt in _VI_NOT_AFTER_HEAD.get(head, set()):
            continue
        if i > 0 and tokens[i - 1].low in _VI_SURNAMES and tokens[i - 1].lowd not in {"trưởng", "trường"} and \
                tokens[i - 1].is_cap and tokens[i - 1].line == t.line:
            continue  # "Nguyễn Trường Sơn", "Lê Viện": a head noun inside a person's name
        office = _country_office(tokens, i, n, head, ref, place_ids) if head in _COUNTRY_OFFICE_HEADS else None
        if office is None and head == "dai su quan":
            office = _embassy(tokens, i, n, place_ids)
        if office is None and (head not in _VI_HEAD_KEYS or (head == "phai doan" and i + n in place_ids)):
            continue  # "Phái đoàn Việt Nam": a country's delegation, not a body
        if head == "phai doan" and office is None and i + n < len(tokens) and tokens[i + n].start in ref_starts and \
                not _mission_abroad(tokens, i + n, cands, place_ids):
            continue  # "Phái đoàn Bộ Khoa học và Công nghệ": the ministry's delegation; the ministry stands
        end = _vi_forward(tokens, i, n, role_phrases, place_ids, ref_starts, ref_ends)
        if head == "phai doan" and end + 3 < len(tokens) and tokens[end].text == "(" and \
                tokens[end + 2].text == ")" and tokens[end + 1].is_acronym:
            end += 3 if tokens[end + 3].low == "tai" else 0  # "Phái đoàn Liên minh châu Âu (EU) tại Việt Nam"
        if head == "phai doan" and end + 1 < len(tokens) and tokens[end].low == "tai" and end + 1 in place_ids:
            # "Phái đoàn Liên minh châu Âu tại Việt Nam": the body's mission, the same as "Phái đoàn EU tại …"
            body = next((c.key for c in cands if c.start == tokens[i + n].start and c.key), "")
            office = _past_places(tokens, end + 1, place_ids, t.line), body
        if office is not None:
            end, parent_key = office
            s, e = t.start, tokens[end - 1].end
            if not _overlaps(s, e, masked):
                cands.append(OrgSpan(s, e, text[s:e], "", "pattern", parent=parent_key or None))
            continue
        if end > i + n - 1 and end > i:
            s, e = t.start, tokens[end - 1].end
            if not _overlaps(s, e, masked) and not _overlaps(s, e, role_spans):
                cands.append(OrgSpan(s, e, text[s:e], "", "pattern"))
    runs = _en_runs(tokens)
    run_roles = phrase_matches(tokens, role_phrases)
    known_names = [(c.start, c.end) for c in cands if c.source == "ref"]
    known_end: dict[int, int] = {}  # where the longest known name or acronym starting here ends
    for c in cands:
        if c.source in {"ref", "acronym"}:
            known_end[c.start] = max(c.end, known_end.get(c.start, c.end))
    while runs:
        a, b = runs.pop(0)
        # "National Institute of Certification of Montevia and National Institute of Legal Metrology of Kasnia
        # (NILMK)": two names, when the acronym after the run spells the part after an "and", not the whole run
        if b + 2 < len(tokens) and tokens[b].text == "(" and tokens[b + 2].text == ")" and tokens[b + 1].is_acronym:
            letters = [c for c in tokens[b + 1].text if c.isupper()]
            if _initials(tokens, a, b) != letters:
                k = next((k for k in range(a + 1, b - 1) if tokens[k].low == "and" and
                          _initials(tokens, k + 1, b) == letters), None)
                if k is not None:
                    runs.insert(0, (k + 1, b))
                    b = k
        # "STAMEQ and Nodalvel Testing Institute (NTI)", "Ministry of Finance and …": a run that opens with a
        # known body followed by "and" goes on after it (the body is read as itself)
        opening = known_end.get(tokens[a].start)
        if opening is None and tokens[a].is_acronym and a + 1 < b and tokens[a + 1].low in {"and", "&"}:
            opening = tokens[a].end  # an acronym defined in this document ("IAPL and Elbonian National …")
        if opening is not None:
            k = next((k for k in range(a + 1, b - 1) if tokens[k - 1].end == opening), None)
            # (a known body right after the "and" is left to the rule below: "GS1 Vietnam and GS1 Global Office")
            if k is not None and tokens[k].low in {"and", "&"} and tokens[k + 1].start not in ref_starts:
                a = k + 1
        # "Directorate for Standards, Metrology and Quality and Carpanian Bureau …": a run that opens inside a
        # known body's name (runs part at its comma) starts after that name and the "and" after it
        inside = next((e for s, e in known_names if s < tokens[a].start < e), None)
        if inside is not None:
            while a < b and tokens[a].start < inside:
                a += 1
            while a < b and tokens[a].low in {"and", "&", "the"}:
                a += 1
            if a >= b:
                continue
        if not any(tokens[k].low in _EN_RUN_KEEPERS for k in range(a, b)):
            continue  # the rules below keep a part of the run only if it holds an organization or company word
        # "the Guangxi … Administration for Market Regulation and Vietnam's Lang Son Provincial Department …": a
        # possessive right after "and" opens another body (read before the possessor is trimmed as a parent)
        split = next((k for k in range(a + 1, b - 1) if tokens[k].low == "and" and
                      any(tokens[x].low in _EN_ORG_NOUNS for x in range(a, k)) and
                      any(tokens[x].text.endswith(("'s", "’s")) for x in range(k + 1, min(b, k + 4)))), None)
        if split is not None:
            runs.insert(0, (split + 1, b))
            b = split
        span = _trim_en(tokens, a, b, role_phrases)
        if span is None:
            continue
        a, b = span
        # "the Vietnam Metrology Institute and PTB": a known body after "and" is another body, not the
        # end of one name ("Ministry of Science and Technology" goes on: no body starts at "Technology")
        for k in range(a + 1, b - 1):
            if tokens[k].low in {"and", "&"} and tokens[k + 1].start in ref_starts:
                b = k
                break
            # "Deputy Director General of STAMEQ and President of the Vietnam National Committee …": a second office
            if tokens[k].low in {"and", "&"} and k + 1 in run_roles:
                runs.insert(0, (k + 1, b))
                b = k
                break
            # "the TBT Office and the SPS Office": two names, each with its own organization noun
            if tokens[k].low == "and" and any(tokens[x].low in _EN_ORG_NOUNS for x in range(a, k)) and \
                    tokens[k - 1].low in _EN_ORG_NOUNS and any(tokens[x].low in _EN_ORG_NOUNS for x in range(k + 1, b)):
                runs.insert(0, (k + 1, b))
                b = k
                break
            # "the Executive Board of DIN", "the Mass Department of PTB": a unit of the known body after "of"
            named_at = k + 2 if tokens[k + 1].low == "the" and k + 2 < b else k + 1
            if tokens[k].low == "of" and tokens[named_at].start in ref_starts and \
                    any(tokens[x].low in _EN_UNIT_NOUNS for x in range(a, k)):
                b = k
                break
        if b - a < 1:
            continue
        if b - a >= 2 and tokens[b - 1].start in acronym_starts and tokens[b - 1].is_acronym and \
                tokens[b - 2].is_cap:
            continue  # "Viet Nam's Certification Centre QUACERT": words describing a known body, named by its acronym
        words = [tokens[k].low for k in range(a, b)]
        company = b - a >= 2 and words[-1] in _COMPANY_SUFFIXES and tokens[a].is_acronym
        if (not company and not any(w in _EN_ORG_NOUNS for w in words)) or words[-1] in _EN_EVENT_NOUNS or \
                (len(words) > 2 and words[1] in _EN_EVENT_NOUNS and words[1] not in _EN_ORG_NOUNS):
            continue  # "Training Course on Green Productivity for … Enterprises": a course, not a company
        if all(w in _EN_ORG_NOUNS for w in words):
            continue  # "Department", "Office" alone: a generic noun, not a name
        s, e = tokens[a].start, tokens[b - 1].end
        if not _overlaps(s, e, masked):
            cands.append(OrgSpan(s, e, text[s:e], "", "pattern"))

    # "Name (ACR)": the acronym names the organization right before the parenthesis.
    definitions = _acronym_definitions(text, tokens, cands, ref, role_phrases, masked)
    cands.extend(definitions)

    # A forum or congress named only by its words is a meeting; one with an acronym or in the
    # reference ("Diễn đàn Đo lường pháp định … (APLMF)") is a body.
    cands = [c for c in cands if not (c.source == "pattern" and _FORUM.search(c.text))]
    # "Chính quyền tỉnh Svay Rieng" is a provincial authority; "Chính quyền Việt Nam" is the State, not a body here
    cands = [c for c in cands if not (c.source == "pattern" and key(c.text).startswith("chinh quyen ") and
                                      not re.match(r"chinh quyen (tinh|thanh pho|huyen|bang|vung)\b", key(c.text)))]
    # "Diễn đàn … lần thứ 5", "Đại hội đồng ISO lần thứ 46": the meeting, not the body
    cands = [c for c in cands if not ((c.source == "pattern" or _EVENT_HEAD.match(c.text)) and
                                      _event_tail(text, c.end))]
    spans = _resolve_overlaps(cands)
    spans = _assign_keys(text, spans, builder, lang, ref, tokens)
    spans = _acronyms_after_offices(text, tokens, spans, builder, role_phrases, masked, place_ids)
    # Acronyms defined in this document, used alone later; a definition overrides the reference.
    defined = {sp.acronym: sp.key for sp in spans if sp.acronym and sp.source == "defined"}
    if defined:
        for sp in spans:
            if sp.source == "acronym" and sp.text in defined:
                sp.key = defined[sp.text]
        extra = []
        taken = [(s.start, s.end) for s in spans]
        for t in tokens:
            if t.text in defined and not _overlaps(t.start, t.end, taken):
                extra.append(OrgSpan(t.start, t.end, t.text, defined[t.text], "acronym", acronym=t.text))
        spans = sorted(spans + extra, key=lambda s: s.start)
    spans = _propagate_names(text, folded, spans, masked)
    used = {sp.key for sp in spans} | {sp.parent for sp in spans if sp.parent and sp.source == "pattern"}
    builder.orgs = {k: o for k, o in builder.orgs.items() if k in used}
    for sp in spans:
        if sp.source == "defined" and sp.acronym:
            builder.orgs[sp.key].add_name(canonical_tone(sp.text[: sp.text.rfind("(")].strip()))
        else:
            builder.orgs[sp.key].add_name(canonical_tone(sp.text))
    # A parent from the reference is linked only when the document names it too.
    for org in builder.orgs.values():
        if org.from_reference and org.parent and org.parent not in builder.orgs:
            org.parent = None
    return spans, builder.orgs


def _acronyms_after_offices(text: str, tokens: list[Token], spans: list[OrgSpan], builder: _Builder,
                            role_phrases, masked, place_ids) -> list[OrgSpan]:
    """An unknown acronym right after an office names the body: "ông Lin, Tổng Giám đốc CPC"."""
    taken = [(s.start, s.end) for s in spans]
    extra = []
    for i, m in phrase_matches(tokens, role_phrases).items():
        j = i + m[0]
        if j < len(tokens) and tokens[j].low in {"cua", "of"}:
            j += 1
        if j >= len(tokens) or tokens[j].line != tokens[i].line:
            continue
        t = tokens[j]
        if not t.is_acronym or not t.text.isupper() or t.text in _NOT_ORG_ACRONYMS or j in place_ids \
                or _overlaps(t.start, t.end, taken) or _overlaps(t.start, t.end, masked):
            continue
        key_ = slug(t.text)
        if key_ in builder.ref.orgs:
            continue
        builder.new(key_, t.text, "en", t.text)
        extra.append(OrgSpan(t.start, t.end, t.text, key_, "acronym", acronym=t.text))
    return sorted(spans + extra, key=lambda s: s.start) if extra else spans


def _propagate_names(text: str, folded: str, spans: list[OrgSpan], masked: list[tuple[int, int]]) -> list[OrgSpan]:
    """A name learnt anywhere in the document ("Cơ quan Tiêu chuẩn, Đo lường và Chất lượng Ả Rập Xê Út (SASO)")
    also names that body where it appears without its acronym, e.g. in the headline, before the definition."""
    names: dict[str, str] = {}
    for sp in sorted(spans, key=lambda sp: sp.source != "defined"):  # a definition names its body best
        if sp.source in {"defined", "pattern"} and sp.key:
            name = sp.text[: sp.text.rfind("(")].strip() if sp.source == "defined" else sp.text
            if len(name.split()) >= 2:
                names.setdefault(key(name), sp.key)
    if not names:
        return spans
    out = list(spans)
    for name_key, org_key in sorted(names.items(), key=lambda kv: -len(kv[0])):
        start = folded.find(name_key)
        while start != -1:
            end = start + len(name_key)
            ok = (start == 0 or not folded[start - 1].isalnum()) and (end >= len(folded) or not folded[end].isalnum())
            if ok and not _overlaps(start, end, masked):
                clash = [o for o in out if o.start < end and o.end > start]
                if all(o.source == "pattern" and (o.end - o.start) <= (end - start) and o.key != org_key
                       for o in clash):
                    out = [o for o in out if o not in clash]
                    out.append(OrgSpan(start, end, text[start:end], org_key, "pattern"))
            start = folded.find(name_key, end)
    return sorted(out, key=lambda s: s.start)


def _role_spans(tokens: list[Token], role_phrases: dict) -> list[tuple[int, int]]:
    out = []
    for i, m in phrase_matches(tokens, role_phrases).items():
        if tokens[i + m[0] - 1].low == "truong":  # "Tổng cục trưởng", "Viện trưởng": not a body
            out.append((tokens[i].start, tokens[i + m[0] - 1].end))
    return out


_CERTIFICATION_ARM = re.compile(r"[ \t]+Certification\b(?![ \t]+(?:[A-Z]|of\b|for\b|body\b|scheme\b))")


def _national_members(text: str, cands: list[OrgSpan], places: list, ref: Reference) -> list[OrgSpan]:
    """"GS1 Hàn Quốc", "GS1 Korea": a federation's member organization in a country, a body of its own,
    keyed by the country so that both languages name one node ("GS1 Việt Nam" is in the reference).
    So is a company's national subsidiary: "Intertek Việt Nam", "TÜV SÜD Vietnam", and a body's certification
    arm: "AFNOR Certification", "Bureau Veritas Certification"."""
    country_at = {s: (e, p) for s, e, p in places if p.kind in {"country", "region"} and p.country}
    out = []
    for c in cands:
        arm = _CERTIFICATION_ARM.match(text, c.end) if c.source in {"ref", "acronym"} and c.key else None
        if arm:
            out.append(OrgSpan(c.start, arm.end(), text[c.start:arm.end()], f"{c.key}-certification", "member"))
            continue
        if c.source in {"ref", "acronym"} and c.key in ref.orgs and ref.orgs[c.key].kind == "company":
            gap = re.match(r"[ \t]+", text[c.end:c.end + 3])
            if gap and c.end + gap.end() in country_at:
                e, place = country_at[c.end + gap.end()]
                out.append(OrgSpan(c.start, e, text[c.start:e], f"{c.key}-{place.country.lower()}", "member"))
        elif c.source == "acronym" and c.text in _NATIONAL_MEMBERS:
            gap = re.match(r"[ \t]+", text[c.end:c.end + 3])
            if gap and c.end + gap.end() in country_at:
                e, place = country_at[c.end + gap.end()]
                out.append(OrgSpan(c.start, e, text[c.start:e], f"{slug(c.text)}-{place.country.lower()}", "member"))
    return out


def _trim_en(tokens: list[Token], a: int, b: int, role_phrases: dict) -> tuple[int, int] | None:
    role_at = phrase_matches(tokens, role_phrases)
    while a < b and (tokens[a].low in _EN_SKIP_LEAD or tokens[a].low.endswith("-based")) and \
            not (tokens[a].is_cap and "people's" in {tokens[x].low for x in range(a + 1, min(b, a + 3))}) and \
            not (tokens[a].text == "Hanoi" and a + 1 < b and tokens[a + 1].low in _EN_ORG_NOUNS):
        a += 1  # "the Tokyo-based Asian Productivity Organization" (but "Hanoi People's Committee")
    # A role title before "of": "Head of the International Cooperation Department"
    for k in range(a, min(b, a + 5)):
        if tokens[k].low in {"of", "for"}:
            if role_at.get(a) and role_at[a][0] == k - a:
                a = k + 1
                while a < b and tokens[a].low == "the":
                    a += 1
            break
    # "Kim Dong-hyun of the Korea Research Institute …": a person of a body, not part of its name
    for k in range(a + 1, b - 1):
        if tokens[k].low == "of":
            if not any(tokens[x].low in _EN_ORG_NOUNS or tokens[x].is_acronym for x in range(a, k)):
                a = k + 1 + (1 if tokens[k + 1].low == "the" else 0)
            break
    # "NIST's Office of Weights and Measures": the possessor is the parent, not part of the name
    for k in range(a, b - 1):
        if tokens[k].text.endswith(("'s", "’s")) and tokens[k].low[:6] not in {"people", "peopl"}:
            a = k + 1  # but "Da Nang People's Committee", "People's Government": part of the name
    m = role_at.get(a) if a < b else None
    if m and a + m[0] >= b:
        return None
    # "… of the Republic of Belarus Vice President David Mitchell": a title and a name after the body's
    # name end it (but "Office of the President" keeps its title, which follows of/the)
    for k in range(a + 1, b - 1):
        if tokens[k - 1].low in _EN_CONNECT or tokens[k - 1].low == "the":
            continue
        m = role_at.get(k)
        if m and k + m[0] < len(tokens) and tokens[k + m[0]].is_cap and tokens[k + m[0]].low not in _EN_CONNECT \
                and any(tokens[x].low in _EN_ORG_NOUNS or tokens[x].is_acronym for x in range(a, k)):
            b = k
            break
    # "NIST Associate Director for Laboratory Programs Dr. Laura Bennett": a body's acronym, then a title
    if b - a > 1 and tokens[a].is_acronym and role_at.get(a + 1):
        b = a + 1
    # "… People's Committee Le Van Hien": a Vietnamese name (family name first) after the body's noun
    for k in range(a + 1, b - 1):
        if tokens[k - 1].low in _EN_ORG_NOUNS and tokens[k].low in _VI_SURNAMES and b - k <= 4 and \
                not any(tokens[x].low in _EN_ORG_NOUNS or tokens[x].is_acronym for x in range(k, b)):
            b = k
            break
    while b > a and tokens[b - 1].low in _EN_CONNECT:
        b -= 1
    return (a, b) if b > a else None


def _paren_short_name(tokens: list[Token], i: int, ref: Reference, folded: str) -> tuple[int, str] | None:
    """(index of ")", short name) when the parenthesis at i holds an organization's short name:
    an acronym ("KATS", "BelGISS"), an acronym with a number or a company word ("QUATEST 1",
    "CSA Group"), or a short name the reference knows ("Rosstandart")."""
    j = i + 1
    while j < len(tokens) and j - i <= 7 and tokens[j].text != ")" and tokens[j].line == tokens[i].line:
        j += 1
    if j >= len(tokens) or tokens[j].text != ")" or j == i + 1:
        return None
    inner = tokens[i + 1:j]
    short = " ".join(t.text for t in inner)
    if len(inner) == 1 and inner[0].is_acronym:
        return j, short
    if len(inner) == 2 and inner[0].is_acronym and (inner[1].text.isdigit() or inner[1].low in _COMPANY_SUFFIXES) \
            and inner[0].text not in ref.acronym_owner:
        return j, short  # "QUATEST 1" is a name; "ACCSQ 55" is ACCSQ's 55th meeting
    if short in ref.acronym_owner:
        return j, short
    if len(inner) > 6:
        return None
    known = [is_short for s, e, _k, _n, is_short in ref.find_names(folded)
             if s == inner[0].start and e == inner[-1].end]
    # "(Rosstandart)", and a known name in full: "… kiểm dịch động thực vật (Văn phòng SPS Việt Nam)"
    if known and inner[0].is_cap and (len(inner) <= 2 or (not all(known) and _same_head_before(tokens, i))):
        return j, short
    return None


def _same_head_before(tokens: list[Token], paren: int) -> bool:
    """Whether the name in the parenthesis at `paren` opens with the head noun of the nearest name before it
    on the line: "Văn phòng … (Văn phòng SPS Việt Nam)" names one body twice; "Cục Xúc tiến thương mại
    (Bộ Công Thương)" names the parent."""
    inner = match_phrase(tokens, paren + 1, _VI_HEAD_PHRASES, exact=True)
    if not inner:
        return False
    for k in range(paren - 1, max(-1, paren - 30), -1):
        if tokens[k].line != tokens[paren].line or tokens[k].text in {"(", ")"}:
            return False
        m = match_phrase(tokens, k, _VI_HEAD_PHRASES, exact=True) if tokens[k].is_cap else None
        if m:
            return m[1] == inner[1]
    return False


def _acronym_definitions(text: str, tokens: list[Token], cands: list[OrgSpan], ref: Reference,
                         role_phrases: dict, masked: list[tuple[int, int]]) -> list[OrgSpan]:
    from kg.extract.text import fold

    folded = fold(text)
    out = []
    for i in range(1, len(tokens) - 2):
        if tokens[i].text != "(":
            continue
        found = _paren_short_name(tokens, i, ref, folded)
        if found is None:
            continue
        close, acr = found
        inner_start, inner_end = tokens[i + 1].start, tokens[close - 1].end
        if acr in _NOT_ORG_ACRONYMS or _overlaps(inner_start, inner_end, masked):
            continue
        owner = ref.acronym_owner.get(acr) or _known_name(ref, folded, inner_start, inner_end)
        before_end = tokens[i - 1].end
        # A name (reference or pattern) ending right before the parenthesis.
        ending = [c for c in cands if c.end == before_end]
        if ending:
            # a known name before a pattern one: "Dr. Kim of the Korea Research Institute … (KRISS)"
            best = max(ending, key=lambda c: (c.source != "pattern", c.end - c.start))
            if owner and best.key and best.key != owner:
                before = text[max(0, best.start - 8):best.start].lower()
                if re.search(r"\b(của|of)\s*$", before) or _same_body(best.text, ref.orgs[owner], ref):
                    continue  # "Nhóm công tác … của Ủy ban … (WG1)": the acronym is the first body's
                # "Cục Tiêu chuẩn và Đo lường Lào (DSM)": here DSM is the Lao body, not Malaysia's
                out.append(OrgSpan(best.start, tokens[close].end, text[best.start:tokens[close].end], best.key,
                                   "defined", acronym=acr))
                continue
            start = best.start
            if best.source != "pattern" and best.key and not owner:
                # "the Lao Bureau of Accreditation (LBA)": a known name inside another body's name
                back = _scan_back(tokens, i, acr, role_phrases)
                if back is not None and tokens[back].start < start:
                    start = tokens[back].start
            if best.source == "pattern" and re.search(r"[A-Z][\w'’-]*,\s*$", text[max(0, best.start - 40):best.start]):
                # "Ministry of Development, Industry, Trade and Services (MDIC)": a list inside the name
                back = _scan_back(tokens, i, acr, role_phrases)
                if back is not None and tokens[back].start < start:
                    start = tokens[back].start
        else:
            # "Hiệp hội Doanh nghiệp Hàn Quốc tại Việt Nam (KOCHAM)", "… in Vietnam (EuroCham)": a name read up to
            # "tại/in", its country after, then the acronym
            located = [c for c in cands if c.source == "pattern" and
                       _LOCATED.fullmatch(text, c.end, before_end)]
            back = _scan_back(tokens, i, acr, role_phrases) if not located else None
            if located:
                start = located[-1].start
            elif back is not None:
                start = tokens[back].start
            else:
                continue
        name = text[start:tokens[i].start].strip()
        if _DOCUMENT_NAME.match(fold(name)) or (_TREATY_WORDS.search(fold(name)) and
                                                not any(w in _EN_ORG_NOUNS for w in fold(name).split())):
            continue  # "Letter of Intent (LOI)", "Comprehensive and Progressive Agreement for … (CPTPP)": a document
        if owner and not _same_body(name, ref.orgs[owner], ref):
            owner = ""  # the acronym names another body in this article ("DSM" of Laos, not of Malaysia)
        out.append(OrgSpan(start, tokens[close].end, text[start:tokens[close].end], owner or "", "defined",
                           acronym=acr))
    return out


_LOCATED = re.compile(r"\s+(?:tại|ở|in)\s+(?:[A-ZÀ-Ỹ][\w.’'-]*\s*){1,3}")


def _known_name(ref: Reference, folded: str, start: int, end: int) -> str:
    # the names of the whole text (found once per document): one reference name is written by one folded
    # string, and its word boundaries read the characters around it, so the name ending at `end` is found
    # alike in the whole text and in the text cut after it
    for s, e, k, _n, _short in ref.find_names(folded):
        if s == start and e == end:
            return k
    return ""


def _same_body(name: str, org, ref: Reference) -> bool:
    """Whether a name written before "(ACR)" can be the reference body that owns ACR: no other
    country named in it, and words shared with one of the body's names."""
    from kg.extract.text import detect_language

    names = list(org.vi) if detect_language(name) == "vi" or key(name).startswith(_VI_HEAD_PREFIXES) \
        else list(org.en)
    k = unify_spelling(key(name))
    if any(unify_spelling(key(n)) == k for n in org.vi + org.en):
        return True  # "the Việt Nam Metrology Institute (VMI)": an English name with a Vietnamese spelling
    for _s, _e, place in ref.find_places(name):
        if place.kind in {"country", "demonym"} and org.country and place.country and place.country != org.country:
            return False
    if not names:
        return True
    words = set(k.split())
    best = max(len(words & set(key(n).split())) / max(1, len(words | set(key(n).split()))) for n in names)
    return best >= 0.3


def _initials(tokens: list[Token], a: int, b: int) -> list[str]:
    """The first letters of the capitalized words of tokens[a:b] ("National Institute of Legal Metrology")."""
    return [t.text[0].upper() for t in tokens[a:b] if t.is_word and t.is_cap]


def _vi_numbered_meeting(tokens: list[Token], after: int, head: str, end: int) -> bool:
    """Whether the head noun "Hội" opens a numbered meeting ("Hội nghị lần thứ 21 Ủy ban … (ENCLM)"), not a
    body's name ("Hội nghị Tiêu chuẩn vùng Thái Bình Dương (PASC)" is one)."""
    return head == "hoi" and after + 1 < end and tokens[after].low in {"nghi", "thao"} and \
        (tokens[after + 1].low == "lan" or tokens[after + 1].text.isdigit())


def _scan_back(tokens: list[Token], paren: int, acr: str, role_phrases: dict) -> int | None:
    """Leftmost plausible start of the name before "(ACR)"."""
    best = None
    k = paren - 1
    steps = 0
    while k >= 0 and steps < 16:
        t = tokens[k]
        if t.line != tokens[paren].line:
            break
        if not t.is_word and t.text not in {",", "-", "–", "&"}:
            break
        if t.text == "," and not (k + 1 < paren and tokens[k + 1].is_cap):
            break
        if t.is_word and t.low in {"da", "ky", "la", "voi", "tai", "giua", "cung", "signed", "with", "by",
                                   "and", "between", "from", "at"} and not (t.low == "and" and best is not None):
            if t.low != "and":
                break
        if t.low in {"va", "and"} and best is not None and best == k + 1:
            break  # "Tổng cục và Cơ quan … (SASO)": the name starts after the "và"
        office = _is_role_at(tokens, k, role_phrases) if t.is_word and t.is_cap else 0
        if office and k + office < paren and match_phrase(tokens, k + office, _VI_HEAD_PHRASES, exact=True):
            break  # "Viện trưởng Viện … (RICAQ)": an office, then the body's name
        head = match_phrase(tokens, k, _VI_HEAD_PHRASES, exact=True) if t.is_cap else None
        if head and not _vi_numbered_meeting(tokens, k + head[0], head[1], paren):
            best = k
        if office:
            break
        k -= 1
        steps += 1
    if best is not None:
        return best
    # English: the run of capitalized words before the parenthesis whose initial matches the acronym.
    k = paren - 1
    run_start = None
    while k >= 0 and tokens[k].line == tokens[paren].line and (
            tokens[k].is_cap or tokens[k].low in _EN_CONNECT | {"the"} or tokens[k].text in "-–" or
            (tokens[k].text == "," and k > 0 and tokens[k - 1].is_cap and tokens[k + 1].is_cap)):
        if tokens[k].is_cap:
            run_start = k
        k -= 1
    if run_start is None or paren - run_start < 2:
        return None
    while run_start < paren and (tokens[run_start].low in _EN_SKIP_LEAD or not tokens[run_start].is_cap
                                 or tokens[run_start].text[0].upper() != acr[0].upper()):
        run_start += 1
    return run_start if paren - run_start >= 2 else None


def _resolve_overlaps(cands: list[OrgSpan]) -> list[OrgSpan]:
    """Longest span wins; on a tie, reference and definitions before patterns."""
    rank = {"defined": 0, "ref": 1, "acronym": 2, "ref-short": 3, "member": 3, "pattern": 4}
    chosen: list[OrgSpan] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), rank[c.source], c.start)):
        if any(c.start < o.end and c.end > o.start for o in chosen):
            continue
        chosen.append(c)
    return sorted(chosen, key=lambda c: c.start)


_EVENT_TAIL = re.compile(r"\s(?:lần thứ|khóa|khoá|năm (?:19|20)\d\d|(?:19|20)\d\d\b)", re.I)


_FORUM = re.compile(r"(?i)^diễn đàn\b|\b(forum|congress|expo|summit)\b")
_EVENT_HEAD = re.compile(r"(?i)(đại hội đồng|đại hội|hội nghị|diễn đàn|general assembly|forum|congress)\b")


_TAIL_LINKS = frozenset({"for", "of", "in", "on", "the", "from"})  # "Programme of Cooperation for 2018-2020"


def _event_tail(text: str, end: int) -> bool:
    """A name followed, in the same clause, by "lần thứ 5" or a year is an event's ("Diễn đàn … lần thứ 5")."""
    clause = re.split(r"[,.;:()\n]", text[end:end + 60], maxsplit=1)[0]
    # right after the name, give or take two words ("… Nhật Bản 2019", "… ISO lần thứ 46"); a year later
    # in the clause dates something else ("Viện X vừa ký chương trình giai đoạn 2019-2024")
    m = _EVENT_TAIL.search(" " + clause)
    if m and re.match(r"\s*(nhiệm kỳ|khóa|khoá|for the|term|giai đoạn)\b", clause, re.I):
        return False  # "Ban Điều hành PASC nhiệm kỳ 2024–2026": a body's term of office, not a meeting
    between = clause[:max(0, m.start() - 1)].split() if m else []
    # (lower-case words before a bare year are a verb's: "… for Market Regulation renewed their 2019 agreement")
    return m is not None and len(between) <= 2 and (not m.group(0).strip()[:1].isdigit() or
                                              all(w[:1].isupper() or not w.isascii() or w in _TAIL_LINKS
                                                  for w in between))
_UNIT_LINK = re.compile(r"^\s*(?:,\s*)?(của|thuộc|trực thuộc|of|at|under)\s+(?:the\s+)?$", re.I)


def _assign_keys(text: str, spans: list[OrgSpan], builder: _Builder, lang: str, ref: Reference,
                 tokens: list[Token]) -> list[OrgSpan]:
    out: list[OrgSpan] = []
    named_in_full = {sp.key for sp in spans if sp.source != "ref-short"}
    for idx, sp in enumerate(spans):
        nxt = spans[idx + 1] if idx + 1 < len(spans) else None
        gap = text[sp.end:nxt.start] if nxt else ""
        parent_link = bool(nxt and _UNIT_LINK.match(gap))
        prev = out[-1] if out else None
        if prev is not None and re.fullmatch(r"['’]s\s+", text[prev.end:sp.start]) and \
                sp.source in {"pattern", "ref-short"} and _is_unit_name(sp.text):
            nxt, parent_link = prev, True  # "NIST's Office of Weights and Measures"
        if sp.source == "ref-short" and key(sp.text) in _GENERIC_SHORT:
            # "Ủy ban", "the committee": the committee named last, or STAMEQ when the article names it in
            # full; "Uỷ ban nhân dân …" read no further is not a short form
            head = key(sp.text).removeprefix("the ")
            after = text[sp.end:sp.end + 12].split()
            if after and after[0][:1].islower() and after[0] not in _VI_STOP and not sp.text.isascii():
                continue  # (in English a lower-case word goes on the sentence: "the TBT Office and VCCI signed")
            # the committee named last ("the committee's Vice Chairman"), a Vietnamese one first: "Ủy ban" after
            # "Ủy ban Kỹ thuật Điện quốc tế (IEC)" in an article on the Ủy ban Tiêu chuẩn … Quốc gia is the latter
            named = [o for o in out if head in key(o.text) and o.source != "ref-short"]
            local = [o for o in named if o.key not in ref.orgs or ref.orgs[o.key].country == "VN"]
            if local or named:
                sp.key = (local or named)[-1].key
            elif sp.key not in named_in_full:
                continue
            out.append(sp)
            continue
        if sp.source == "ref-short":
            # The short form names the body most recently mentioned in full under that head,
            # else the reference body; "Trung tâm Đào tạo của KRISS" is KRISS's, not ours.
            if parent_link and nxt and nxt.key != ref.orgs[sp.key].parent:
                sp = OrgSpan(sp.start, sp.end, sp.text, "", "pattern")
            else:
                head = key(sp.text)
                recent = [o for o in out if key(o.text).startswith(head) and o.key != sp.key and
                          o.source in {"pattern", "defined"}]
                if any(o.key == sp.key for o in out) or (parent_link and nxt is not None):
                    recent = []  # its own body is named here ("Tổng cục" is STAMEQ), or its parent is ("STAMEQ's …")
                sp.key = recent[-1].key if recent else sp.key
                if not recent:
                    builder.from_reference(sp.key)
                out.append(sp)
                continue
        if sp.key and sp.key in ref.orgs:
            builder.from_reference(sp.key)
            if sp.source == "defined":
                builder.orgs[sp.key].add_name(canonical_tone(sp.text[: sp.text.rfind("(")].strip()))
                if sp.acronym and sp.acronym not in builder.orgs[sp.key].acronyms:
                    builder.orgs[sp.key].acronyms.append(sp.acronym)
            out.append(sp)
            continue
        if sp.source == "member":
            builder.new(sp.key, sp.text, "vi" if _looks_vietnamese(sp.text) else "en")
            out.append(sp)
            continue
        name = sp.text[: sp.text.rfind("(")].strip() if sp.source == "defined" else sp.text
        head_is_unit = _is_unit_name(name)
        parent = None
        if sp.parent:  # a country office names its body inside: "Văn phòng KOICA tại Việt Nam"
            parent_link, nxt, head_is_unit = True, OrgSpan(sp.start, sp.end, "", sp.parent, "acronym"), True
            if sp.parent in ref.orgs:
                builder.from_reference(sp.parent)
        if parent_link and head_is_unit and nxt is not None:
            parent = nxt.key or None
            if nxt.key == "" and nxt.source != "pattern":
                parent = None
        named_before = _named_before(name, out, ref) if not sp.acronym and parent is None else None
        if named_before is not None:
            sp.key = named_before  # "the Vietnamese General Department" after "the General Department for …"
            out.append(sp)
            continue
        last_word = name.split()[-1] if name.split() else ""
        if parent is None and head_is_unit and _looks_vietnamese(name) and last_word in ref.acronym_owner:
            parent = ref.acronym_owner[last_word]  # "Ban Điều hành DIN": a unit of DIN
            builder.from_reference(parent)
        if sp.acronym:
            org_key = slug(sp.acronym)
            # An acronym already used by a reference body for something else: qualify it.
            if org_key in ref.orgs:
                org_key = slug(sp.acronym + "-" + name)
        elif parent and sp.parent:
            org_key = f"{parent}-{slug(_office_of(name), 60)}"  # "Phái đoàn EU tại Việt Nam" in any spelling
        elif parent:
            org_key = f"{parent}-{slug(name, 60)}"
        else:
            org_key = slug(_spelled_out(name), 80)
        name_lang = "vi" if _looks_vietnamese(name) else "en"
        builder.new(org_key, name, name_lang, sp.acronym, parent=parent, is_unit=head_is_unit and parent is not None)
        sp.key = org_key
        sp.parent = parent
        out.append(sp)
    # Parents named by a later pattern span get their key only now.
    return out


def _named_before(name: str, out: list[OrgSpan], ref: Reference) -> str | None:
    """The body named before in full whose name opens with this one's words once a nationality is left out:
    "the Vietnamese General Department" after "the General Department for Standards, Metrology and Quality"."""
    places = ref.find_places(name)
    if not places or places[0][0] != 0 or places[0][2].kind not in {"demonym", "country"}:
        return None
    rest = key(name[places[0][1]:].strip(" '’s"))
    if len(rest.split()) < 2:
        return None
    for o in reversed(out):
        if o.key and o.source != "ref-short" and key(o.text).startswith(rest + " "):
            return o.key
    return None


_ABBREVIATIONS = [(re.compile(r"\bKH\s*&\s*CN\b|\bKHCN\b"), "Khoa học và Công nghệ"),
                  (re.compile(r"\bTĐC\b|\bTCĐLCL\b"), "Tiêu chuẩn Đo lường Chất lượng"),
                  (re.compile(r"\b(?:tỉnh|thành phố|TP\.?)\s+(?=[A-ZÀ-Ỹ])"), "")]


def _office_of(name: str) -> str:
    """A country office's name without its body's: "Phái đoàn Liên minh châu Âu tại Việt Nam" and "Phái đoàn
    EU tại Việt Nam" are "Phái đoàn Việt Nam"; "Văn phòng JICA Việt Nam" is "Văn phòng Việt Nam"."""
    words = name.split()
    head = next((h for h in _COUNTRY_OFFICE_HEAD_WORDS if name.lower().startswith(h)), None)
    if head is None:
        return name
    if head == "phái đoàn" and " tại " not in name:
        return "phái đoàn Việt Nam"  # "Phó Trưởng Phái đoàn EU" in a Vietnamese article: the mission here
    place = name.split(" tại ", 1)[1] if " tại " in name else " ".join(words[-2:])
    return f"{head} {place}"


_COUNTRY_OFFICE_HEAD_WORDS = ("văn phòng", "phái đoàn", "cơ quan đại diện", "đại sứ quán")


def _spelled_out(name: str) -> str:
    """The name a key is made from: "Sở KH&CN Bắc Ninh" and "Sở Khoa học và Công nghệ tỉnh Bắc Ninh" are
    one body."""
    for pattern, full in _ABBREVIATIONS:
        name = pattern.sub(full, name)
    return name


# Short forms that many bodies share: they name a reference body only in an article that names it in full.
_GENERIC_SHORT = frozenset({"uy ban", "the committee", "the national committee", "tbt office", "sps office"})


def _is_unit_name(name: str) -> bool:
    k = key(name)
    first = k.split()
    if not first:
        return False
    if k.startswith(_VI_UNIT_PREFIXES):
        return True
    return any(w in _EN_UNIT_NOUNS for w in first)


def _looks_vietnamese(s: str) -> bool:
    from kg.extract.text import detect_language

    return detect_language(s) == "vi" or key(s).startswith(_VI_HEAD_PREFIXES)
