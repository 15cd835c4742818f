"""Signed agreements: which sentences report a signing, between which bodies, by whom, when and where; lists
of documents signed at one ceremony; agreements told as in force. The patterns that find a signing verb are in
`agreements`; this module assembles an `Agreement` from a sentence's items."""

from __future__ import annotations

import re
from collections import Counter

from kg.extract import agreements as agr
from kg.extract.dates import DateMention
from kg.extract.occasions import (
    PRECISION,
    compatible,
    date_for,
    day_number,
    latest_event_date,
    latest_fact_date,
    own_date,
    place_for,
    sentence_dates,
)
from kg.extract.organizations import OrgSpan
from kg.extract.reference import Reference
from kg.extract.text import fold
from kg.model import Agreement, Extraction, PartialDate, Sentence

_WITNESSED = re.compile(r"\b(witness(ed|es|ing)?|chung kien|in the presence of|attended)\b")
# "… signed the document in the presence of …", "… ký văn bản": the agreement reported before
_DEFINITE_OBJECT = re.compile(r"\b(signed|inked|put their (?:names|signatures) to) (the|this) (document|agreement|"
                              r"memorandum|mou|arrangement|deal|"
                              r"letter)\b|"
                              r"\bky (van ban|ban ghi nho nay|thoa thuan nay)\b")
_OF_ARRANGEMENT = re.compile(r"\s*(?:\([^)]{1,12}\)\s*)?(?:của|of)\s+(?:the\s+)?$", re.I)
_CEREMONY_HELD = re.compile(r"\W*(le ky( ket)?|buoi le ky( ket)?|the signing( ceremony)?|signing ceremony)\b"
                            r".{0,30}\b(dien ra|duoc to chuc|to chuc|took place|was held|happened)\b")
_REFERS_BACK = re.compile(r"\W*(?:(?:19|20)\d\d\s*[—–-]\s*)?(the |this |an |a )?(thoa thuan|ban ghi nho|"
                          r"bien ban ghi nho|van ban|ke hoach|chuong trinh|annex|addendum|amendment|protocol|phu luc|"
                          r"agreement|memorandum|mou|moc|loi|mra|document|arrangement|deal|letter|extension|renewal|plan|"
                          r"declaration|accord)\b(?! (between|giua))")
_TWO_SIDES = re.compile(r"\bhai (ben|vien|co quan|to chuc|don vi|trung tam|phia|nuoc)\b|\b(the two|both) ")
_BOTH_SIDES = re.compile(r"^\W*(they|ho)\b|\b(hai|ba|cac) (ben|vien|co quan|to chuc|don vi|trung tam|phia|nuoc)\b|"
                         r"\b(the two|the three|both|all three) "
                         r"(sides|parties|organi[sz]ations|institutes|bodies|agencies|centres|centers|directors|"
                         r"heads)\b|"
                         r"\bthe \w+ and \w+ sides\b")  # "for the Vietnamese and Australian sides respectively"
_EVENT_HEADS = frozenset({"dien dan", "hoi nghi", "hoi thao", "toa dam", "forum", "conference", "summit", "workshop",
                          "symposium", "seminar", "congress"})
# "was signed on 4 May in Hanoi by …", "được ký bởi …": the bodies after "by" sign (a passive)
# what stands before a passive's verb: an auxiliary ("was signed"), a comma ("The extension, signed …") or
# the document's noun ("an arrangement signed by …"); "VMI and PTB signed an MoU at a workshop organised
# by STAMEQ" is active
_PASSIVE_BEFORE = re.compile(r"(^\s*|\b(was|were|been|be|is|are|being|duoc)\s+(\w+\s+){0,2}|,\s*|"
                             r"\b(first|originally|initially|jointly)\s+|\b(memorandum|mou|moc|"
                             r"agreement|arrangement|document|plan|letter|declaration|deal|extension|renewal|"
                             r"accord|r/d|thoa thuan|ban ghi nho|van ban|ke hoach|chuong trinh)\s+)$")
_PASSIVE_BY = re.compile(r"(?:signed|inked|sealed|concluded|renewed|ky(?: ket)?)\b"
                         r"(?:(?! and | va )[^,;.]){0,45}?\b(by|boi)\b")
_SINCE_EVENT = re.compile(r"\b(since|ke tu) (the|its|their|last|lan|phien|hoi nghi|cuoc|ky hop)\b[^,;.]*$")
_EFFECTIVE = re.compile(r"\b(hieu luc|effective (from|as of|on|since)|in force|into force|took effect|takes effect|"
                        r"take effect)\W+(\w+\W+){0,2}$")
# a clause that opens with its verb: "được ký năm 2018", "signed in 2009": the document named before, signed then
_RELATIVE_SIGNED = re.compile(r"\W*(duoc ky|ky nam|signed (in|on)|first signed|originally signed|"
                              r"(va )?(da )?duoc gia han|(and )?(was |were )?renewed (it |them )?(in|on)|"
                              r"(and )?(was |were )?(extended|amended) (it |them )?(in|on)|"
                              r"(it|this|the (mou|memorandum|agreement|arrangement)) (was|were) "
                              r"(renewed|extended|amended) (in|on))\b")
_THIS_IS = re.compile(r"\W*(day la|do la|day cung la|this is|this was|it is|it was|that was)\b")
_ORIGINAL = re.compile(r"\b(first|originally|initially|original|previous|lan dau|ban dau|dau tien|truoc do)\b")
# where a second signing starts inside a sentence without a comma before it
_CLAUSE_START = re.compile(r"(?<=\w) (?=(?:that|which|they|ho) (?:\w+ ){0,5}?(?:ky|signed|formali[sz]ed|concluded)\b|"
                           r"ma (?:\w+ ){0,4}ky\b|va (?:da )?(?:duoc )?gia han\b|and (?:then )?renewed\b|"
                           r"and became an? signatory\b|"
                           r"(?:duoc )?ky (?:ket )?(?:lan dau|tu|vao|nam)\b)|"
                           r"(?<=\w) (?=(?:first |originally |da )?(?:signed|duoc ky) (?:by|in|on|nam|vao|boi)\b)")
_VI_PASSIVE_DO = re.compile(r"^\W*(?:[\w-]+ ){1,6}?do ")
# what follows the signatories: a relative clause, the witnesses, the occasion
_BY_END = re.compile(r"\b(which|who|whose|where|that|in the presence|witness\w*|chung kien|during|trong khuon kho|"
                     r"trong dip|nhan dip|as part of|on the sidelines|ben le|"
                     # the venue: "… at the headquarters of the Hanoi People's Committee", "tại trụ sở UBND …"
                     r"at the (headquarters|head office|offices?|premises|seat) of|tai tru so)\b|, with\b")
_SIGNED_BY = re.compile(r"\b(signed by|do|dai dien|represented by|ky boi)\b")


def signing_clauses(s: Sentence, folded: str) -> list[Sentence]:
    """One sentence may report two signings ("… đã ký cuối năm 2020, trên cơ sở Bản ghi nhớ được hai
    cơ quan ký năm 2015"): it is cut at the last comma or semicolon before each further signing verb."""
    positions = []
    rest = 0
    while True:
        pos = agr.signing_position(folded[rest:], s.text[rest:])
        if pos is None:
            break
        positions.append(rest + pos)
        rest = rest + pos + 2
    if len(positions) < 2:
        return [s]
    cuts = [0]
    for p in positions[1:]:
        # the comma of "sửa đổi, bổ sung" (amending and supplementing) is inside a document's name
        commas = [c.start() for c in re.finditer(r"[,;]", s.text[:p]) if c.start() >= cuts[-1] and
                  not folded.startswith("sua doi, bo sung", max(0, c.start() - 7))]
        semis = [c for c in commas if s.text[c] == ";" and c > positions[len(cuts) - 1]]
        cut = semis[-1] if semis else commas[-1] if commas else -1  # "…; đến năm 2018, một Bản ghi nhớ mới …"
        if cut <= positions[len(cuts) - 1]:
            # no comma: "renewed the MoU they first signed in 2015", "… the MoU first signed by X in 2018"
            rel = [m.start() for m in _CLAUSE_START.finditer(folded, positions[len(cuts) - 1] + 2, p + 40)
                   if m.start() < p]
            cut = rel[0] if rel else cut
        if cut > cuts[-1] and cut > positions[len(cuts) - 1]:
            cuts.append(cut + 1)
    cuts.append(len(s.text))
    return [Sentence(s.start + a, s.start + b, s.text[a:b], s.paragraph, s.is_heading)
            for a, b in zip(cuts, cuts[1:], strict=False) if s.text[a:b].strip()]


ENUMERATED = re.compile(r"\W*(?:van kien|van ban|the (?:first|second|third|fourth|last|other) (?:document|agreement|"
                         r"text|signing))(?: thu (?:nhat|hai|ba|tu|nam|cuoi))? (?:la|was|is|were)\b")
LIST_INTRO = re.compile(r"\b(ky|ky ket|trao|trao doi|exchanged|signed|inked)\b.{0,80}\b(van kien|van ban|thoa thuan|"
                         r"ban ghi nho|documents|agreements|memoranda|instruments)\b.{0,60}(:|gom|bao gom|including|"
                         r"as follows|sau day)\W*$|"
                         r"\b(van kien|van ban|thoa thuan|documents|agreements|memoranda|instruments) (sau|sau day|"
                         r"following|below) (da |were |have been )?(duoc )?(ky|ky ket|trao|signed|exchanged)\W*:\W*$|"
                         r"\bthe following (documents|agreements|memoranda|instruments) (were|have been) "
                         r"(signed|exchanged)\W*:\W*$")
LIST_ITEM = re.compile(r"\W*(?:\d+[.)]\s*)?(ban ghi nho|bien ban ghi nho|thoa thuan|hiep dinh|ke hoach|chuong trinh|"
                        r"nghi dinh thu|memorandum|mou|agreement|arrangement|plan|letter of intent|protocol|"
                        r"work plan|action plan|programme|program|van ban|van kien|thu y dinh|bien ban|tuyen bo|"
                        r"hop dong|phu luc|ban sua doi|letter|declaration|contract|annex|amendment|extension|"
                        r"renewal)\b")


def listed_agreement(ex: Extraction, s: Sentence, items, date: PartialDate | None, dates: list[DateMention],
                      body: list[Sentence]) -> bool:
    """One item of a list of signed documents ("Bản ghi nhớ … giữa X và Y;"): an agreement of the bodies
    after "giữa/between", dated by the list's introduction unless the item gives its own date ("…, ký ngày
    24/3/2022 tại New Delhi")."""
    parties = _parties(ex, items, s.start, after_with_only=True)
    if len(parties) < 2:
        return False
    if own_date(s, dates):
        own = date_for(s, dates, body)
        if own is not None and (date is None or compatible(own, date) or own.year == date.year):
            date = own
    kind = agr.agreement_kind(fold(s.text)[:60]) or "agreement"
    ex.agreements.append(Agreement(kind, parties, [], date, None, None, None, s))
    return True


# "the 2018 STAMEQ-SCC cooperation arrangement", "a 2015 memorandum between STAMEQ and DSM", "Bản ghi nhớ
# năm 2015 giữa X và Y": an agreement named by the year it was signed
_YEAR_AGREEMENT = re.compile(
    r"\b(?:the|a|an|its|their)\s+(?P<year>(?:19|20)\d\d)\s+(?:(?!(?:of|the|plan|meeting|implementation|"
    r"work|action)\b)[\w-]+\s+){0,3}?"
    r"(?P<noun>memorandum|mou|agreement|arrangement|accord|mra)\b|"
    r"\b(?P<vnoun>ban ghi nho|bien ban ghi nho|thoa thuan|hiep dinh)(?: hop tac)? (?:ky (?:ket )?)?nam "
    r"(?P<vyear>(?:19|20)\d\d)\b")
_BETWEEN = re.compile(r"\s*(?:\([^)]*\)\s*)?(?:between|giua)\b")


def agreement_in_force(ex: Extraction, s: Sentence, folded: str, spans: list[OrgSpan], ref: Reference) -> None:
    """An agreement the sentence names by its year and parties: signed that year, whether or not the
    sentence reports the signing ("… builds on a 2015 memorandum between STAMEQ and DSM")."""
    now = ex.document.published.year if ex.document.published else None
    for m in _YEAR_AGREEMENT.finditer(folded):
        if agr._NOT_SIGNED.search(folded, m.start(), min(len(folded), m.end() + 80)) or \
                agr._NOT_SIGNED.search(folded, max(0, m.start() - 40), m.start()):
            continue
        year = int(m.group("year") or m.group("vyear"))
        if now is not None and year >= now:
            continue  # "the 2025 implementation plan", "Bản ghi nhớ năm 2025": this year's, not one in force
        noun = m.group("noun") or m.group("vnoun")
        inside = [sp for sp in spans if s.start + m.start() <= sp.start < s.start + m.end()]
        after = _BETWEEN.match(folded, m.end())
        if after:
            clause_end = re.search(r"[,;.]\s|\s(which|that|ma|khi)\s|$", folded[after.end():])
            end = s.start + after.end() + (clause_end.start() if clause_end else 0)
            inside += [sp for sp in spans if s.start + after.end() <= sp.start < end]
        parties = _bodies_in(ex, inside)
        # "the 2018 STAMEQ-SCC arrangement": acronyms joined by a dash are one token, the second unread
        for acr in re.findall(r"(?<=[-–])[A-Z][A-Za-z0-9&]*[A-Z0-9]", s.text[m.start():m.end()]):
            owner = ref.acronym_owner.get(acr)
            if owner in ex.organizations and owner not in parties:
                parties.append(owner)
        told = ex.agreements[-1] if ex.agreements else None
        if len(parties) < 2 and folded.startswith("their ", m.start()) and told is not None and \
                told.sentence is not None and told.sentence.start <= s.start < told.sentence.end:
            # "X and APQO exchanged the signed renewal of their 2017 cooperation agreement": the signing's sides
            parties = list(told.parties)
        if len(parties) < 2:
            continue
        if any(set(a.parties) == set(parties) and a.signed_on and a.signed_on.year == year for a in ex.agreements):
            continue
        kind = "mou" if noun in {"memorandum", "mou", "ban ghi nho", "bien ban ghi nho"} else \
            agr.agreement_kind(noun) or "agreement"
        ex.agreements.append(Agreement(kind, parties, signed_on=PartialDate(year), sentence=s, background=True))


def agreement(ex: Extraction, s: Sentence, items, spans, dates, places, body,
               evidence: Sentence | None = None) -> None:
    folded = fold(s.text)
    pos = agr.signing_position(folded, s.text)
    if pos is None or (ex.document.headline and (evidence or s).text.strip() == ex.document.headline.strip()):
        return  # the headline sums up a signing the body tells
    verb = agr._SIGN.match(folded, pos)
    if _THIS_IS.match(folded) and ex.agreements and verb and \
            not re.match(r"\s*(?:ket\s+)?(?:nam|vao|in|on|ngay|thang)\b", folded[verb.end():]):
        # "Đây là văn bản hợp tác đầu tiên được Ủy ban ký kết kể từ …": says what the last signing was (but
        # "Đây là văn bản triển khai Thỏa thuận mà hai cơ quan đã ký năm 2010" tells an earlier one)
        return
    kind = agr.agreement_kind(folded[pos:pos + 45]) or agr.agreement_kind(folded[:pos]) or "agreement"
    verb_at = s.start + pos
    by_match = _PASSIVE_BY.match(folded, pos) if _PASSIVE_BEFORE.search(folded[:pos]) else None
    by_at = s.start + by_match.end() if by_match else None
    by_end = None
    if by_match:
        stop = _BY_END.search(folded, by_match.end())
        by_end = s.start + (stop.start() if stop else len(folded))
    # "Văn bản do Phó Tổng cục trưởng X và Phó Cục trưởng Y ký": the Vietnamese passive names its signers
    do_match = _VI_PASSIVE_DO.match(folded[:pos])
    signers = (by_at, by_end) if by_match else ((s.start + do_match.end(), verb_at) if do_match else (None, None))
    passive = signers[0] is not None
    if agr.ceremony_is_subject(folded):
        # "Lễ ký kết … diễn ra …" tells of a signing reported before, unless it names the sides: "Lễ ký kết
        # Biên bản ghi nhớ ba bên giữa X, Y và Z đã diễn ra ngày 15/3/2024"
        between = re.search(r"\b(giua|between)\b", folded)
        told = re.search(r"\b(dien ra|took place|was held|were held|coincided|duoc to chuc|to chuc)\b", folded)
        parties = _parties(ex, items, verb_at, after_with_only=True) \
            if between and (told is None or between.start() < told.start()) else []
    else:
        parties = _parties(ex, items, verb_at, by=(by_at, by_end))
    witnessed = _WITNESSED.search(folded[:pos])
    if witnessed:
        # "STAMEQ's Director General witnessed the signing (of an MoU between X and Y)": the bodies
        # before the verb watched; only those named after "between"/"giữa" signed
        parties = _parties(ex, items, verb_at, after_with_only=True)
        comma = folded.rfind(", ", witnessed.end(), pos)
        if not parties and comma > 0 and (re.search(r"duoi su\s*$", folded[:witnessed.start()]) or
                                          witnessed.group(0) in {"in the presence of", "witnessed"}):
            # "Dưới sự chứng kiến của …, X và Y đã ký …": the clause after the witnesses signs
            parties = _parties(ex, [it for it in items if it.start > s.start + comma], verb_at)
    persons = [it.value for it in items if it.kind == "person"]
    told_before = bool(ex.agreements) and ex.agreements[-1].sentence is not None and \
        ex.agreements[-1].sentence.paragraph >= s.paragraph - 2
    if not parties and not told_before and _SIGNERS_OPEN.match(folded):
        # "Ký thay mặt ba bên có Giám đốc QUACERT X, Giám đốc QUATEST 1 Y và ông Z, Giám đốc điều hành JSA",
        # "Signing for the three parties were …": the signers' bodies sign
        for m in ex.memberships:
            if m.member in persons and m.organization and m.sentence is not None and \
                    m.sentence.start <= s.start < m.sentence.end and m.organization not in parties:
                parties.append(m.organization)
    if not parties and not passive and not witnessed:
        # "Tổng cục trưởng Lâm Văn Tùng và Phó Chủ nhiệm Lưu Kiến Quốc đã ký Kế hoạch hợp tác …": two signers named
        # before the verb, by the offices the article gave them
        subjects = [it.value for it in items if it.kind == "person" and it.start < verb_at]
        held = list(dict.fromkeys(_known_bodies(ex, subjects)))
        if len(subjects) >= 2 and held:
            parties = held  # (one body known: the article's other prominent body is added below)
    if passive:
        parties = _signers_bodies(ex, parties)
        if len(parties) < 2:
            # signers named with a title but no body here: the bodies the article gave them before
            named = [it.value for it in items if it.kind == "person" and signers[0] <= it.start < (signers[1] or s.end)]
            for signer_body in _known_bodies(ex, named):
                if signer_body not in parties:
                    parties.append(signer_body)
    by_role = {m.member for m in ex.memberships if m.sentence is not None and m.sentence.start <= s.start and
               m.sentence.end >= s.end and m.organization in parties}
    signed_by = _SIGNED_BY.search(folded)
    signatories = [p for p in persons if p in by_role or (signed_by and s.start + signed_by.start() <
                                                            _pos_of(items, p) < (by_end or s.end))]
    # an effective date ("có hiệu lực từ ngày 20/5/2019", "entered into force on …") is not a signing date
    text = ex.document.text
    dates = [d for d in dates if not _EFFECTIVE.search(fold(text[max(0, d.start - 30):d.start]))]
    # nor is the date of what the story counts from ("reviewed progress since the 4th meeting in Ha Long in 2022
    # and signed the Work Plan")
    dates = [d for d in dates if not _SINCE_EVENT.search(fold(text[max(0, d.start - 60):d.start]))]
    # a year after the story's ("… the training of 40 auditors in Tokyo in 2025" in a 2024 story) dates what the
    # document will do, not its signing
    published = ex.document.published
    if published is not None:
        dates = [d for d in dates if d.date.year <= published.year]
    # the signatories' descriptions after a passive's "by" ("who has headed VSQI since 2020") do not date it
    # and neither does a clause after a semicolon ("… ký năm 2008; văn bản đã được gia hạn vào tháng 5/2015")
    semi = folded.find(";", pos)
    # (but "… signed by its Director, X, during the virtual General Assembly on 17 June 2021": the occasion's
    # date is the signing's — only a relative clause about the signers is cut)
    who = _SIGNERS_CLAUSE.search(folded, by_match.end()) if by_match else None
    date_end = s.start + who.start() if who else (by_end if not by_match else None)
    if by_end is not None and any(by_end <= d.start < (date_end or s.end) and
                                  (d.end_date or d.is_period or
                                   re.search(r"(?i)\b(from|từ|từ ngày)\s*$", text[max(0, d.start - 10):d.start]))
                                  for d in dates):
        date_end = by_end  # "… during a working visit … from December 5 to 8": the visit's span, not the day
    cut = min(x for x in (date_end, s.start + semi if semi >= 0 else None, s.end) if x is not None)
    dated = Sentence(s.start, cut, s.text[:cut - s.start], s.paragraph, s.is_heading)
    amending = _AMENDS.search(folded)
    if amending:
        # "… ký bổ sung Phụ lục số 2 của Biên bản ghi nhớ năm 2016 …": the year names the document amended, not
        # the day the annex was signed
        named_at, named_end = s.start + amending.start(), s.start + amending.end()
        dates = [d for d in dates if not (named_at <= d.start < named_end and d.date.precision == "year")]
    own = own_date(dated, dates)
    date = date_for(dated, dates, body, latest_fact_date(ex), latest_event_date(ex), anchor=verb_at,
                     story_text=ex.document.text)
    rest = fold(evidence.text[s.end - evidence.start:]).lstrip(" ,;") if evidence is not None else ""
    if not own and evidence is not None and s.end < evidence.end and _REFERS_BACK.match(rest) and \
            not _ORIGINAL.search(rest) and \
            own_date(Sentence(s.end, evidence.end, evidence.text[s.end - evidence.start:], s.paragraph), dates):
        date = None  # "… concluded an agreement; the document was signed in Tokyo on 9 July 2024 …" dates it
    place = place_for(Sentence(s.start, min(s.end, verb_at + 40), s.text, s.paragraph), places, ex.document.text)
    span = agr.kind_span(s.text)
    subject = agr.subject_of(s.text, span[2]) if span else None
    both_sides = bool(_BOTH_SIDES.search(folded))
    anaphoric = False
    if len(parties) == 1 and both_sides:
        # "the committee hosted KATS …, where the two sides renewed the MoU first signed by STAMEQ and KATS"
        whole = evidence or s
        named = _bodies_in(ex, [sp for sp in spans if whole.start <= sp.start < whole.end])
        if len(named) == 2 and parties[0] in named:
            parties = named
    two = bool(_TWO_SIDES.search(folded))
    if not parties and both_sides and ex.agreements and not (two and len(ex.agreements[-1].parties) != 2):
        parties = list(ex.agreements[-1].parties)  # "hai viện đã ký …", "the two sides signed …"
        anaphoric = True
    elif not parties and both_sides:
        parties = _two_sides_before(ex, evidence or s, spans, body)  # "… làm việc với NIM. Hai bên đã ký …"
    # A sentence that adds signatories, a date or a place to the agreement just reported — unless
    # it gives another date: then it is another signing (a renewal, an earlier MoU) of the same parties.
    stated_kind = agr.agreement_kind(folded)
    refers_back = bool(_REFERS_BACK.match(folded))
    definite = bool(_DEFINITE_OBJECT.search(folded))
    if definite:
        parties = _signers_bodies(ex, parties)  # "X, Director of NIST's … Office, put their names to the document"
    if amending:
        # "Nghị định thư sửa đổi, bổ sung Thỏa thuận năm 2009 đã được ký bởi Tổng cục trưởng X và Cục trưởng Y",
        # "an addendum extending the 2015 agreement": the sides of the agreement it amends, told before
        year = int(amending.group("year") or amending.group("year0"))
        prior = [a for a in ex.agreements if a.signed_on is not None and a.signed_on.year == year]
        if prior and len(prior[-1].parties) >= 2:
            parties = list(prior[-1].parties)
    if re.search(r"\bsigned for\b", folded):
        # "The agreement was signed for VSQI by its Director …, and for DIN by Dr. Y, member of the DIN Executive
        # Board": the bodies after "for"
        named_for = _bodies_after(_FOR_SIDE, folded, items, s.start)
        if len(named_for) >= 2:
            parties = named_for
    if re.search(r"\b(thay mat|on behalf of)\b", folded):
        # "ông X, Vụ trưởng Vụ Hợp tác quốc tế, thay mặt Bộ Khoa học và Công nghệ": the ministry signs, not
        # the signer's department
        whole_bodies = [p for p in _signers_bodies(ex, parties)
                        if not (p in ex.organizations and ex.organizations[p].is_unit)]
        parties = whole_bodies if len(whole_bodies) >= 2 else parties
        # "ông Y, Cục trưởng Cục Tiêu chuẩn và Đo lường, thay mặt Bộ Khoa học và Công nghệ Lào": each signer's
        # department is named too, but the bodies after "thay mặt" are the sides
        represented = _bodies_after(_ON_BEHALF_OF, folded, items, s.start)
        if len(represented) >= 2 and set(represented) <= set(parties):
            parties = represented
    # "việc ký kết biên bản ghi nhớ với NMIJ là cơ sở …", "the signing of the MoU …": a signing told before
    nominal = bool(re.search(r"\b(viec|the)\s*$", folded[:pos]))
    candidates = list(reversed(ex.agreements))
    if passive and not own:
        # "The renewal was signed by …": the latest signing of these parties, not the background one
        candidates.sort(key=lambda a: a.signed_on.iso() if a.signed_on else "", reverse=True)
    earlier = None  # the signing this sentence refers back to, when it gives another date
    background = False
    for a in candidates:
        if a.background:
            continue  # "the 2015 memorandum between STAMEQ and KATS" is not what a later signing adds to
        same_parties = set(parties) <= set(a.parties) and (len(parties) < 2 or set(parties) == set(a.parties) or
                                                           (passive and not own))
        if not same_parties and not own and stated_kind is None and a is ex.agreements[-1] and \
                len(parties) >= 2 and set(parties) < set(a.parties):
            # "Prof. X, Director of VMI, and Mr Y, Director General of DSM, signed for their institutions" after a
            # three-party signing: two of its signers
            same_parties = True
        if not same_parties and passive and (not own or refers_back) and len(parties) >= 2:
            # "… được ký bởi ông X, Giám đốc QUATEST 1, và ông Y, Tổng Giám đốc TÜV Rheinland Việt Nam": the
            # signers' own units or national companies stand for the parties already told
            # (or their parent bodies stand for the units told: "the National Quality Award Office and APQO
            # exchanged the signed renewal … The renewal, signed … by Mr. Phuong", a STAMEQ official)
            same_parties = all(p in a.parties or _part_of(ex, p) in a.parties or
                               any(_part_of(ex, q) == p for q in a.parties) for p in parties)
        if not same_parties and passive and refers_back and not own and a is ex.agreements[-1] and \
                a.sentence is not None and a.sentence.paragraph >= s.paragraph - 2:
            # "The agreement was signed by Director Huang of the Guangxi administration and Mr. Nong of the Lang Son
            # Sub-Department": the signing just told, its sides named in other words
            same_parties = True
        # "The MoU was signed by …" with no date of its own: the signing already reported
        # "Thoả thuận được ký sáng 19-8 …", "The document was signed …": the subject names the signing
        # reported before, so its date completes that one wherever it stands
        agreeing_date = date is None or a.signed_on is None or compatible(date, a.signed_on)
        near = not parties or anaphoric or (passive and not own) or (refers_back and a.signed_on is None) or \
            (nominal and not own) or (refers_back and a is ex.agreements[-1]) or \
            ((stated_kind is None or stated_kind == a.kind) and (agreeing_date or (definite and not own))) or \
            (a.sentence is not None and a.sentence.paragraph >= s.paragraph - 1)
        if not (same_parties and near) or not _same_kind(stated_kind, a.kind):
            continue
        if not own and date and a.signed_on and a.background is False \
                and day_number(a.signed_on) < day_number(date) - 365 and anaphoric and stated_kind is not None \
                and a.sentence is not None and a.sentence.paragraph < s.paragraph - 1:
            # "At the close of the meeting, a Cooperation Arrangement … was signed by … for the two sides": years
            # after the first MoU of these parties told before, today's signing is another one
            earlier = a
            break
        if own and date and a.signed_on is None and _ORIGINAL.search(folded) and a.sentence is not None and \
                (a.sentence.start <= s.start < a.sentence.end or (refers_back and a.sentence.end <= s.start)):
            # (or the next sentences: "… đã ký gia hạn Thỏa thuận … Thỏa thuận trước đó giữa hai viện được ký vào
            # tháng 6/2018")
            # "X has renewed its MoU with Y, … a partnership that the two institutes first formalized in 2007":
            # the clause dates the first signing, not the renewal the sentence opened with
            earlier = a
            break
        if own and date and a.signed_on and not compatible(date, a.signed_on):
            latest = next((x for x in reversed(ex.agreements) if not x.background), None)
            if refers_back and (len(parties) < 2 or set(parties) == set(a.parties) or passive) and a is latest and \
                    ((a.signed_on == ex.document.published and day_number(date) < day_number(a.signed_on)) or
                     (a.dated_by_context and abs(day_number(date) - day_number(a.signed_on)) <= 31)) \
                    and a.sentence is not None and a.sentence.paragraph >= s.paragraph - 2 and \
                    not _ORIGINAL.search(folded):
                # "X today announced that it has signed an agreement with Y. The agreement was signed on 14
                # March …": the story's day was the announcement's; the next sentence dates the signing
                # (and "On the sidelines, X and Y put pen to paper on a letter … The letter was signed on 26th
                # September …": the occasion's day was not the signing's)
                a.signed_on = date
                a.dated_by_context = False
                a.place = a.place or place
                return
            earlier = a
            break
        for p in signatories:
            if p not in a.signatories:
                a.signatories.append(p)
        if passive and refers_back and len(parties) > len(a.parties) and set(a.parties) < set(parties):
            # "… it joined QUATEST 1 and KTL in a tripartite MoU. The MoU was signed by QUATEST 3 Director X, QUATEST
            # 1 Director Y and KTL President Z": the signers name the sides the first sentence left out
            a.parties.extend(p for p in parties if p not in a.parties)
        if own and date and (a.signed_on is None or len(date.iso()) > len(a.signed_on.iso())):
            a.signed_on = date
        a.place = a.place or place
        return
    clause_start = s.start
    s = evidence or s
    same_sentence = earlier is not None and earlier.sentence is not None and \
        earlier.sentence.start <= clause_start < earlier.sentence.end and \
        not any(earlier.sentence.start <= sp.start < clause_start and sp.key not in earlier.parties for sp in spans)
    # (no other body named before this clause: "…, and that CENELEC cooperates with IEC under the Frankfurt
    # Agreement, signed in 2016" has a subject of its own)
    told_earlier = earlier is not None and refers_back and own and date is not None and \
        earlier.signed_on is not None and day_number(date) < day_number(earlier.signed_on) - 30
    if earlier is not None and len(parties) < 2 and (_ORIGINAL.search(folded) or _RELATIVE_SIGNED.match(folded) or
                                                     told_earlier or
                                                     (same_sentence and (_PASSIVE_SIGNED.search(folded) or
                                                                         _SHARED_SUBJECT.match(folded)))):
        # (also "2014 — The MoU was renewed … on 2 October 2014": the document told, signed before)
        # (also "…; đến năm 2018, một Bản ghi nhớ mới được ký tại Hà Nội": another of the same parties)
        # "Thoả thuận này được ký lần đầu năm 2019", "The original MoU was signed in 2018 by …": the same
        # parties' first signing, another agreement
        parties, kind = list(earlier.parties), stated_kind or earlier.kind
        signatories = [p for p in signatories if p not in earlier.signatories]
        background = True
    if not parties:
        return
    if len(parties) == 1 and span:
        # "BoA đã ký Thỏa thuận thừa nhận lẫn nhau của APLAC", "signed the ILAC MRA": the arrangement's body
        kind_end = clause_start + span[2]
        for it in items:
            if it.kind == "org" and it.start >= kind_end and it.value not in parties:
                if _OF_ARRANGEMENT.match(ex.document.text[kind_end:it.start]):
                    parties.append(it.value)
                break
        # "BoA chính thức ký ILAC MRA vào năm 2008", "signed the APAC Mutual Recognition Arrangement": the body
        # named right before the document's noun
        kind_start = clause_start + span[1]
        before = [it for it in items if it.kind == "org" and it.value not in parties and
                  not ex.document.text[it.end:kind_start].strip()]
        if len(parties) == 1 and before and span[0] == "mra":
            parties.append(before[-1].value)
    if len(_signers_bodies(ex, parties)) < 2 and agr.counted_documents(folded, pos):
        return  # "BoA đã ký kết hai văn kiện hợp tác với các tổ chức công nhận của Nhật Bản": told one by one next
    if len(parties) == 1:
        other = _prominent_other(spans, parties[0], ex.organizations)
        if other:
            parties.append(other)
    if len(parties) < 2:
        return
    ex.agreements.append(Agreement(kind, parties, signatories, date, place, subject, None, s, background,
                                   dated_by_context=date is not None and not own))
    again = re.search(r"\b(and|va) (again|lai|mot lan nua)\b", folded)
    if again and date is not None:
        # "It was renewed in 2009 and again in 2014": one more signing of the same parties
        for d in dates:
            if s.start + again.end() <= d.start < s.start + len(folded) and not d.is_period and d.date != date:
                ex.agreements.append(Agreement(kind, list(parties), [], d.date, None, subject, None, s, background))
                break


def _part_of(ex: Extraction, key: str) -> str | None:
    """The body a unit belongs to, or the group a national company is part of ("tuv-rheinland-vn")."""
    org = ex.organizations.get(key)
    if org is not None and org.parent:
        return org.parent
    head, _, country = key.rpartition("-")
    return head if len(country) == 2 and head in ex.organizations else None


_SIGNERS_CLAUSE = re.compile(r"\b(which|who|whose|nguoi)\b")  # a relative clause about a passive's signers
_FOR_SIDE = re.compile(r"\b(?:signed )?for\s+(?:the\s+)?")
_ON_BEHALF_OF = re.compile(r"\b(?:thay mat|on behalf of)\s+(?:the\s+)?")


def _bodies_after(pattern: re.Pattern[str], folded: str, items, offset: int) -> list[str]:
    """The bodies named right after each match of `pattern` in a sentence (folded, starting at `offset` in
    the document): "… thay mặt Bộ Khoa học và Công nghệ …", "signed for VSQI by …, and for DIN by …"."""
    out: list[str] = []
    for m in pattern.finditer(folded):
        at = offset + m.end()
        body = next((it.value for it in items if it.kind == "org" and at <= it.start <= at + 2), None)
        if body and body not in out:
            out.append(body)
    return out


def _signers_bodies(ex: Extraction, parties: list[str]) -> list[str]:
    """The bodies of a passive's signatories: "Dr. Vogel, Member of the Executive Board of DIN" signs
    for DIN, so a department the text names by a generic name stands for its parent, and a unit named
    beside its parent is not another side."""
    out: list[str] = []
    for p in parties:
        org = ex.organizations.get(p)
        if org is not None and org.parent and not org.from_reference and org.is_unit and not org.acronyms:
            p = org.parent
        if p not in out:
            out.append(p)
    return [p for p in out if not (p in ex.organizations and ex.organizations[p].parent in out)]


def _known_bodies(ex: Extraction, people: list[str]) -> list[str]:
    """The body each person holds office in, by the latest membership read so far (a unit's parent
    for a unit)."""
    out: list[str] = []
    for p in people:
        held = [o for m in reversed(ex.memberships) if (o := m.organization) and m.member == p and not m.member_is_org]
        # a post in an international or regional body ("elected Vice Chair of APMP") is not whom one signs for
        home = [o for o in held if (ex.organizations.get(o) is None or
                                    ex.organizations[o].kind not in {"international", "regional"})]
        chosen = home or held
        if chosen:
            body = chosen[0]
            org = ex.organizations.get(body)
            out.append(org.parent if org is not None and org.is_unit and org.parent else body)
    return out


def ceremony_date(ex: Extraction, s: Sentence, folded: str, dates: list[DateMention]) -> None:
    """"Lễ ký diễn ra chiều 10/9 tại Saint Petersburg", "The signing ceremony took place on …": the
    day of the signing just reported, when it had none or a coarser one."""
    if not ex.agreements:
        return
    if not _CEREMONY_HELD.match(folded) or agr.signing_position(folded, s.text) is not None:
        return
    own = [d for d in sentence_dates(s, dates) if not d.end_date]
    if not own:
        return
    date = max(own, key=lambda d: PRECISION[d.date.precision]).date
    a = ex.agreements[-1]
    if a.signed_on is None or (compatible(date, a.signed_on) and len(date.iso()) > len(a.signed_on.iso())):
        a.signed_on = date


def _same_kind(stated: str | None, kind: str) -> bool:
    """A sentence naming a plan does not add to an MoU reported before ("agreement" is any kind)."""
    return stated is None or stated == kind or "agreement" in {stated, kind}


def _bodies_in(ex: Extraction, spans: list[OrgSpan]) -> list[str]:
    """The bodies the spans name, in order, without the parents of the units among them."""
    keys: list[str] = []
    for sp in spans:
        if sp.key not in keys:
            keys.append(sp.key)
    parents = {ex.organizations[k].parent for k in keys if k in ex.organizations}
    return [k for k in keys if k not in parents]


def _two_sides_before(ex: Extraction, s: Sentence, spans: list[OrgSpan], body: list[Sentence]) -> list[str]:
    """"The two sides" of a signing reported with no agreement before it: the two bodies of the meeting the
    story told last, else those of the nearest sentence before it that names two (a unit's parent named beside
    it is not a third side; of more, the pair after "giữa/between"), else the two named last a sentence or two
    apart."""
    before = [b for b in reversed(body) if b.end <= s.start]
    named: dict[int, list[str]] = {}

    def bodies(prev: Sentence) -> list[str]:
        if prev.start not in named:
            named[prev.start] = _bodies_in(ex, [sp for sp in spans if prev.start <= sp.start < prev.end])
        return named[prev.start]

    for prev in before:
        # "… đã tiếp và làm việc với ông X, Tổng Thư ký ISO …": the two sides of the meeting the story tells,
        # whatever the sentences after it name
        if _MEETING.search(fold(prev.text)):
            keys = bodies(prev)
            if len(keys) == 2:
                return keys
            break
    for prev in before:
        keys = bodies(prev)
        if len(keys) == 2:
            return keys
        between = re.search(r"\b(giua|between)\b", fold(prev.text))
        if len(keys) > 2 and between:
            # "Hợp tác giữa VMI và NMIJ – đơn vị thuộc AIST – bắt đầu … do JICA tài trợ": the pair after "giữa"
            pair = _bodies_in(ex, [sp for sp in spans if prev.start + between.end() <= sp.start < prev.end])[:2]
            return pair if len(pair) == 2 else []
        if len(keys) > 2 or prev.paragraph < s.paragraph - 3:
            break
    # "The Commission keeps … . Its ties with the French standardization association AFNOR go back … . The two
    # bodies signed …": the two bodies named last, a sentence or two apart
    seen: list[str] = []
    for prev in before[:3]:
        keys = bodies(prev)
        if len(keys) > 1 and seen:
            return []
        for k in keys:
            if k not in seen and not any(ex.organizations.get(x) and ex.organizations[x].parent == k for x in seen):
                seen.append(k)
        if len(seen) >= 2:
            return seen[:2] if len(seen) == 2 else []
    return []


# "…, signed an amended version in 2006 …, and in 2015 concluded …": a clause whose subject is the sentence's
_SHARED_SUBJECT = re.compile(r"\W*(and |va )?(then |sau do )?((in|on|nam|vao) [\w/]+ )?(signed|concluded|renewed|inked|"
                             r"ky|ky ket|gia han)\b")
_PASSIVE_SIGNED = re.compile(r"\b(duoc ky|was signed|were signed|was concluded|was renewed)\b")
_AMENDS = re.compile(r"\b(?:sua doi|bo sung|gia han|amend\w*|extend\w*|renew\w*|replac\w*|thay the)\b.{0,30}?\b(?:"
                     r"(?:the|its|their) (?P<year0>(?:19|20)\d\d) (?:\w+ )?(?:agreement|memorandum|mou|arrangement)|"
                     r"(?:thoa thuan|ban ghi nho|bien ban ghi nho|agreement|memorandum|mou|arrangement)(?: \w+){0,2}? "
                     r"(?:nam|of|from|signed in) (?P<year>(?:19|20)\d\d))\b")
_SIGNERS_OPEN = re.compile(r"\W*(ky thay mat|nguoi ky|nhung nguoi ky|dai dien ky|signing for|signing on behalf of|"
                           r"(the )?signatories were|those signing)\b")
_MEETING = re.compile(r"\b(da tiep|tiep va lam viec|lam viec voi|hoi dam|hoi kien|met|held talks|received)\b")


def _parties(ex: Extraction, items, verb_at: int, after_with_only: bool = False,
             by: tuple[int | None, int | None] = (None, None)) -> list[str]:
    """Organizations that sign: named before the verb, after "với/with/giữa/between" or between the
    "by" of a passive and the end of its signatories (`by`), leaving out qualifiers ("VSQI, đơn vị
    thuộc Tổng cục" — the parent; "Trung tâm … TCĐLCL" — the unit's parent)."""
    parties: list[str] = []
    after_with = False
    under = False
    in_event_name = False  # "Bên lề Diễn đàn … Trung Quốc – ASEAN lần thứ 10, …": ASEAN names the forum
    relative = False
    in_occasion = False  # "trong khuôn khổ chuyến công tác của đoàn Bộ KH&CN …, X và Y đã ký"
    occasion: set[str] = set()
    last = ""
    watching = False  # after the verb, "in the presence of …", "dưới sự chứng kiến của …": who watched
    for idx, it in enumerate(items):
        if it.kind == "tok" and it.start > verb_at and (it.value == "presence" or f"{last} {it.value}" in
                                                        {"chung kien", "witnessed by"}):
            watching = True
        if it.kind == "tok" and (f"{last} {it.value}" in _OCCASION_PAIRS or it.value in _OCCASION_WORDS):
            in_occasion = True  # before the verb, or after it: "… giữa X và Y, ký …, nhân chuyến thăm của đoàn Bộ …"
        elif it.kind == "tok" and it.value in {",", ";", ":"}:
            in_occasion = False
        if it.kind == "tok" and it.value in {"voi", "with", "giua", "between"} and last != "doi" and \
                not _with_help(items, idx + 1):
            after_with = True  # but not "đối với" (regarding), "with funding from", "với sự tài trợ của"
        elif it.kind == "tok" and after_with and it.start > verb_at and it.value in _ORGANIZED_BY:
            after_with = False  # "… with foreign partners on the sidelines of the Forum, co-organised by X and Y"
        elif it.kind == "tok" and after_with and it.value in {"that", "which", "who", "whose", "ma"}:
            after_with = False  # "between NIST and STAMEQ, the agency … that oversees VMI"
            relative = True
        elif it.kind == "tok" and relative and it.value == ",":
            after_with, relative = True, False  # "between BoA, which operates under STAMEQ, NATA and JAS-ANZ"
        if it.kind == "tok" and it.value in {"that", "rang"} and it.start < verb_at and \
                any(x.kind == "tok" and x.value in _REPORTING for x in items[max(0, idx - 3):idx]):
            parties.clear()  # "GS1 announced today that GS1 Vietnam and GS1 Thailand signed …": the teller
            occasion.clear()
            continue
        if it.kind == "tok" and (it.value in {"thuoc", "under"} or
                                 (it.value == "to" and last in {"subordinate", "affiliated", "attached", "belonging"})):
            # "STAMEQ, under Việt Nam's Ministry of Science and Technology, and SAC", "… UNIIM, both Russian
            # institutes being subordinate to Rosstandart"
            under = True
        elif it.kind == "tok" and not (it.value in {"the", "a", "an", "its", "their"} or it.text[:1].isupper()):
            under = False  # "Under the framework of the meeting, VMI and PTB signed": the meeting, not VMI
        if it.kind == "tok":
            pair = f"{last} {it.value}"
            if it.value in _EVENT_HEADS or pair in _EVENT_HEADS:
                in_event_name = True
            elif it.value in {",", ";", ":", "(", ")", "va", "and"} or it.start >= verb_at:
                in_event_name = False
            last = it.value
            continue
        if it.kind != "org" or in_event_name or watching:
            continue
        if under:
            under = False
            continue
        back = idx - 1
        if back > 0 and items[back].kind == "tok" and items[back].value == "the":
            back -= 1  # "the agency of the Ministry …"
        if back > 0 and items[back].kind == "tok" and items[back].text.endswith(("'s", "’s")):
            back -= 1  # "a unit of Viet Nam's Directorate …": the country's name before the body
            while back > 0 and items[back].kind == "tok" and items[back].text[:1].isupper() and \
                    items[back - 1].kind == "tok" and items[back - 1].text[:1].isupper():
                back -= 1
            back -= 1 if back > 0 and items[back].kind == "tok" and items[back].text[:1].isupper() else 0
        prev = items[back] if back >= 0 else None
        before_prev = items[back - 1] if back > 0 else None
        if prev is not None and prev.kind == "tok" and prev.value in {"cua", "of"} and before_prev is not None and \
                (before_prev.kind == "org" or before_prev.value in _QUALIFIER_NOUNS or _qualifier_phrase(items, back)):
            continue  # "CMS of the ITRI", "VSQI, đơn vị của Tổng cục": the unit's parent
        if prev is not None and prev.kind == "org" and ex.organizations.get(prev.value) and \
                ex.organizations[prev.value].parent == it.value:
            continue
        if prev is not None and prev.kind == "tok" and prev.value == "(" and before_prev is not None and \
                before_prev.kind == "org" and ex.organizations.get(before_prev.value) and \
                ex.organizations[before_prev.value].parent == it.value:
            continue  # "Tổng cục Tiêu chuẩn Đo lường Chất lượng (Bộ Khoa học và Công nghệ) và …": its parent
        if prev is not None and prev.kind == "tok" and prev.value == "," and before_prev is not None and \
                before_prev.kind == "org" and idx + 1 < len(items) and items[idx + 1].kind == "tok" and \
                items[idx + 1].value == "," and _is_ministry(ex, it.value) and not _is_ministry(ex, before_prev.value):
            continue  # "The Thai Industrial Standards Institute (TISI), Ministry of Industry, and STAMEQ": its ministry
        if after_with_only and not after_with:
            continue
        if _at_venue(items, idx):
            continue  # "tại trụ sở Tổng cục …, VNPI và JPC đã ký", "at the headquarters of KATS": where, not who
        if prev is not None and prev.kind == "tok" and prev.value in {"a", "an"} and idx + 1 < len(items) and \
                items[idx + 1].kind == "tok" and items[idx + 1].value in {"unit", "subsidiary", "member", "agency"}:
            continue  # "QUACERT, a STAMEQ unit, signed": STAMEQ qualifies the signer
        after_signers = by[1] is not None and it.start >= by[1]  # "…, with Deputy Minister X in attendance"
        if it.start < verb_at or (after_with and not after_signers) or \
                (by[0] is not None and by[0] <= it.start < (by[1] or it.end)):
            if it.value not in parties:
                parties.append(it.value)
                if in_occasion:
                    occasion.add(it.value)
            elif not in_occasion:
                occasion.discard(it.value)  # "During a visit to PTB …, VMI, PTB and NMIJ signed": PTB signs too
    # the bodies of the occasion's phrase only watched, when the clause names two others that sign
    if occasion and len([p for p in parties if p not in occasion]) >= 2:
        parties = [p for p in parties if p not in occasion]
    return parties


def _is_ministry(ex: Extraction, key: str) -> bool:
    org = ex.organizations.get(key)
    names = ([org.pref_en or "", org.pref_vi or ""] + org.names) if org else [key]
    return any(re.match(r"(?i)(the )?(ministry|bộ|federal ministry)\b", n) for n in names if n)


# a time the rules cannot place ("Ba tháng trước", "two years ago", "last year"): the signing's day is unknown
UNREAD_TIME = re.compile(r"\b(\w+ (ngay|tuan|thang|nam) truoc|(days?|weeks?|months?|years?) ago|nam ngoai|nam truoc|"
                          r"last (year|month|week)|earlier this (year|month)|previously|truoc day|recently|gan day|"
                          r"thoi gian qua|in the past|tu lau)\b")
_WITH_HELP = frozenset({"funding", "support", "financing", "sponsorship", "assistance", "help", "participation",
                        "su"})  # "với sự tham gia của"


def _with_help(items, at: int) -> bool:
    """Whether "with" at at-1 opens a helper, not a partner: "with funding from", "with the support of", "…
    signed the document, with Mr. X, Deputy Director General of STAMEQ, in attendance"."""
    if at < len(items) and items[at].kind in {"hon", "person"}:
        return True
    words = [it.value for it in items[at:at + 2] if it.kind == "tok"]
    return bool(words) and (words[0] in _WITH_HELP or (words[0] == "the" and len(words) > 1 and words[1] in _WITH_HELP))


_ORGANIZED_BY = frozenset({"organised", "organized", "co-organised", "co-organized", "hosted", "co-hosted",
                           "chaired", "sponsored", "funded", "attended"})


def _at_venue(items, idx: int) -> bool:
    """Whether the body at idx is named as a venue: "tại trụ sở (của) X", "at the headquarters of X"."""
    words = [it.value for it in items[max(0, idx - 6):idx] if it.kind == "tok" and it.value not in {"cua", "the"}]
    return words[-2:] in (["tru", "so"], ["headquarters", "of"], ["premises", "of"], ["offices", "of"]) or \
        words[-1:] == ["headquarters"] or bool(_AT_MEETING_OF.search(" ".join(words)))


# "tại phiên họp trực tuyến của Hội đồng MRA …", "at the online meeting of the APAC MRA Council": whose meeting
_AT_MEETING_OF = re.compile(r"\b(tai|at|during) (phien hop|cuoc hop|ky hop|meeting|session|general assembly)"
                            r"( truc tuyen| online| virtual)?( of)?$")


_REPORTING = frozenset({"announced", "said", "says", "reported", "confirmed", "stated", "noted", "announces",
                        "biet", "bao", "cho", "khang", "dinh"})  # cho biết, thông báo, khẳng định
_OCCASION_PAIRS = frozenset({"khuon kho", "nhan dip", "ben le", "chuyen cong", "chuyen tham", "framework of",
                             "occasion of", "sidelines of", "visit of", "visit by", "visit to"})
_OCCASION_WORDS = frozenset({"during"})
_QUALIFIER_NOUNS = frozenset({"vi", "unit", "subsidiary", "con", "vien", "member", "arm", "affiliate", "agency", "part",
                              "body"})


def _qualifier_phrase(items, of_at: int) -> bool:
    """", công ty con về chứng nhận, giám định của SIRIM Berhad": a qualifier noun earlier in the
    phrase that "của/of" closes (back to the comma or dash that opened it)."""
    for k in range(of_at - 1, max(-1, of_at - 9), -1):
        it = items[k]
        if it.kind != "tok" or it.value in {",", "-", "–", "(", ";"}:
            return False
        if it.value in _QUALIFIER_NOUNS:
            return True
    return False


def _prominent_other(spans: list[OrgSpan], party: str, orgs) -> str | None:
    """The other side of "signed with X" / "hai bên": the most mentioned body of the document
    that is not X nor one of X's units or parents."""
    related = {party, orgs[party].parent if party in orgs else None}
    related |= {k for k, o in orgs.items() if o.parent == party}
    counts = Counter(s.key for s in spans if s.key not in related)
    # a department signs for its body only when nothing else is named
    bodies = Counter({k: n for k, n in counts.items() if not (k in orgs and orgs[k].is_unit and orgs[k].parent)})
    counts = bodies or counts
    if not counts:
        return None
    first: dict[str, int] = {}
    for s in spans:
        first.setdefault(s.key, s.start)
    short = {s.key for s in spans if s.source == "ref-short" and s.key not in related}
    # a foreign body's partner here is, first of all, a Vietnamese one ("At the meeting with SAC, … the two
    # sides reviewed the agreement they signed in 2015" in a report on STAMEQ's delegation)
    foreign = party in orgs and orgs[party].country not in {None, "VN"}
    return max(counts, key=lambda k: (k in short, foreign and k in orgs and orgs[k].country == "VN", counts[k],
                                      -first[k]))


def _pos_of(items, value: str) -> int:
    for it in items:
        if it.value == value:
            return it.start
    return 0
