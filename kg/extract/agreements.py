"""Agreements the text says were signed: a signing verb ("ký", "ký kết", "signed", "inked",
"concluded"), a document noun giving the kind, the parties (organizations named before the verb,
or after "với"/"with"), signatories, date, place and subject.

Not signed, so not agreements: "đăng ký" (register), "ký hiệu" (symbol), a "lễ ký" mentioned in
passing, and anything planned, discussed or to be considered ("sẽ ký", "dự kiến ký",
"xem xét ký kết", "are expected to sign", "plan to conclude", "discussed a possible MoU").
"""

from __future__ import annotations

import functools
import re

from kg.extract.text import finditer_at, fold, written_as

# (pattern over folded text, kind); first match in the sentence wins, most specific first.
_KINDS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\b(thoa thuan thua nhan lan nhau|mutual recognition (arrangement|agreement)|\bmra\b)"), "mra"),
    (re.compile(r"\b(ban ghi nho|bien ban ghi nho|memorandum|memoranda|mou|moc)\b"),
     "mou"),
    (re.compile(r"\b(nghi dinh thu|protocol)\b"), "protocol"),
    (re.compile(r"\b(tuyen bo chung|tuyen bo y dinh|joint declaration|declaration of intent|joint statement)\b|"
                r"^\W*the declaration\b"),
     "declaration"),
    (re.compile(r"\b(ke hoach hop tac|chuong trinh hop tac|ke hoach hanh dong|ke hoach trien khai|work plan|"
                r"workplan|cooperation plan|action plan|programme of cooperation|program of cooperation|"
                r"implementation plan)\b"), "plan"),
    (re.compile(r"\b(thoa thuan|hiep dinh|hop dong|hiep uoc|agreement|arrangement|accord|contract|letter of intent)\b"),
     "agreement"),
]
_SIGN = re.compile(
    r"(?<!dang )(?<!dang)(?<!thu )(?<!sac )\bky(?! hieu)(?! ten)(?! tat)(?! gia\b(?! han))(?! su)(?! nang)(?! thuat)"
    r"(?! niem)(?! luc)(?! uc)(?! yeu)"
    r"|\bsealed\b|\bput pen to paper\b|\bput (?:their|his|her|its) (?:signatures?|names?) (?:to|on)\b"
    r"(?! thi)(?! han)(?! tuc)(?! tuc)(?! hop)(?! hoc)\b|\bsign(ed|s|ing)?\b|\binked\b|\bconcluded\b|"
    r"\bpenned\b|\bbecame an? signator(?:y|ies) (?:to|of)\b|"
    r"\bformali[sz]ed\b(?= (?:\w+ ){0,6}?(?:agreement|arrangement|mou|memorand|accord|partnership agreement))|"
    r"\btrao (?:doi )?(?=(?:cac )?(?:van kien|van ban|ban ghi nho|bien ban ghi nho|thoa thuan|hiep dinh)\b)|"
    r"\bentered into\b(?! force)|"
    r"(?<!\bthe )(?<!\btheir )(?<!\bits )(?<!\ba )(?<!\ban )\brenewed\b|"
    r"\bexchanged\b(?! (?:views|ideas|opinions|information|experience|experiences|notes on|greetings)\b)"
    r"(?= .{0,40}(mou|memorand|agreement))|"
    r"(?<!ky )(?<!dip )(?<!viec )(?<!ve )(?<!cua )\bgia han\b"
    r"(?= (\w+ ){0,2}(ban ghi nho|bien ban|thoa thuan|hiep dinh|ke hoach|chuong trinh))|"
    r"(?<=duoc )gia han\b(?= (mot lan |them \w+ nam )?(vao|nam|ngay|thang)\b)"
)
# Every match of _SIGN opens with one of these words (its look-behinds read nothing of the match): the
# pattern is tried only where one stands, which spares its look-behinds at every other character.
_SIGN_OPENERS = re.compile(r"ky|sealed|put|sign|inked|concluded|penned|became|formali|trao|entered into|renewed|"
                           r"exchanged|gia han")
_SIGN_OPENERS_CHECKED = written_as(_SIGN, "a30bcf0adb58")
_NOT_SIGNED = re.compile(
    r"\b(se ky|se tien hanh ky|du kien ky|du kien se ky|xem xet( viec)? ky|chua ky|dam phan|huong toi ky|tien toi ky|"
    r"chuan bi ky|ke hoach ky|de xuat ky|mong muon ky|co the ky|nghien cuu ky|thong nhat se|se xem xet|"
    r"will sign|to sign|expected to sign|plan(s|ned)? to (sign|conclude)|intend(s|ed)? to|would sign|could sign|"
    r"may sign|might sign|(?:expected|scheduled|due|set|planned|slated|likely|going) to be signed|will be signed|"
    r"to be signed|se duoc ky ket|chua duoc ky|agreed to(?: [\w-]+){0,8} sign|"
    r"discuss(ed|es|ing)? (a |the )?(possible|potential|draft)|negotiat|draft|"
    r"not (yet )?signed|have not signed|has not signed|yet to (be )?sign|proposed|possible mou|possible agreement|"
    r"aim(s|ed)? to (sign|conclude)|looking forward to sign|toward(s)? (signing|concluding)|prepare(d)? to sign|"
    r"sap ky|se duoc ky|du kien duoc ky|hy vong|ky vong|dang trao doi|chua an dinh|thoi diem ky|"
    r"no (document|agreement|mou|memorandum) (was|has been) signed|was not signed|were not signed|"
    r"kha nang ky|consider(s|ed|ing)? (the )?sign\w*|trinh ky|duoc xem xet|"
    r"(did|do|does|could|would) not sign|not (yet )?been signed|khong ky|"
    r"planned signing|(signing|ceremony) (was|has been|had been) (postponed|cancel+ed)|postponed the signing|"
    r"hoan viec ky|hoan ky|(could|may|might|would|will|should|can) be signed|"
    r"being finali[sz]ed|(its|their) signing|no date (had|has) been (fixed|set)|scheduled for signing|"
    r"expect(s|ed)? to sign|(could|may|might|would|will|should|can) be (concluded|inked|finali[sz]ed)|"
    r"no date for (the |a |any )?signing|before any signing|truoc khi co bat ky|"
    r"approv\w* the signing|chua co (van ban|thoa thuan|ban ghi nho) (nao )?(duoc )?ky|"
    r"(xem xet|phe duyet|thong qua|trinh|ra soat|hoan thien|bao cao|cho y kien|gop y)( \w+){0,10} truoc khi ky|"
    r"(review|approv\w*|consider\w*)( \w+){0,6} (before|prior to) signing|nothing (has|had|was) (yet )?been signed|"
    r"xuc tien( viec)? ky|de nghi ky|chua co lich( ky)?|dang de xuat|chua thong nhat|not (yet )?concluded|"
    r"de ky|thu tuc( \w+){0,2} ky|cho ky|(waiting|wait|pending)( for)? (to sign|the signing|signature)|"
    r"in order to sign|ban ve( viec)? ky|thao luan ve( viec)? ky|trao doi ve( viec| kha nang)? ky|"
    r"discuss(ed|es|ing)? (the )?signing|"
    r"(de nghi|kien nghi|nghien cuu|xuc tien|huong toi|de xuat)( \w+){0,6}? (viec )?ky|"
    r"(still |remains )?under (review|negotiation|consideration)|du dinh( \w+){0,2}? ky|phai hoan|"
    r"awaiting (the )?(approval|signature|signing)|cho (phe duyet|ky)|no signing date|"
    r"no (\w+ )?(agreement|document|mou|memorandum|text)( \w+){0,3} (has|have|had) been (concluded|signed)|"
    r"sau khi( \w+){0,4}? (duoc )?ky|once (the \w+ |it )?(is|has been) signed|after (it|the \w+) (is|has been) signed|"
    r"(signing|it)\W+(could|would|may|might) take place|"
    r"(could|may|might|would|will|should|can|must)( \w+){1,2} be (signed|concluded|inked)|"
    r"(slated|set|due|earmarked|penciled|pencilled|lined up) for (the )?signing|"
    r"(approved|agreed|accepted) in principle|(chap thuan|dong y|thong nhat) ve (mat )?nguyen tac|"
    r"(still|remains?|is|are) under (study|discussion|preparation)|"
    r"(la|hien la|van la|tiep tuc la|deu la|cung la)( mot)? thanh vien ky|"
    r"ky niem( \w+){0,4} (ngay |nam )?ky|anniversary of (the|its|their) signing|years since the signing)\b"
)
_NOMINAL_FUTURE = re.compile(r"^\W*(tuy nhien,? |nhung |however,? )?(viec ky( ket)?|the signing of)\b.*"
                             r"\b(se|will|would|du kien|is expected|lui sang|lui lai|"
                             r"postponed|delayed|cancel+ed|"
                             r"are expected|duoc xem xet|could|may|chua (duoc|di den|co)|duoc( \w+){0,3} thao luan|"
                             r"(was|were|has been) discussed)\b")
# "… bà Vân khẳng định hai bên chưa ký bất kỳ văn bản nào", "STAMEQ denied that it had signed …": a report of a
# signing the sentence denies
_DENIED = re.compile(r"\b(chua (he )?ky (ket )?bat ky|chua tung ky|khong he ky|bac bo|(denied|denies) (that|having|it)|"
                     r"(has|have|had) not signed any|never signed|incorrectly (stated|reported|said)|"
                     r"(marks|marking|commemorat\w*) the signing)\b|"
                     # "Theo kế hoạch ban đầu, BoA và NATA cũng ký …", "Under the original plan, …": what was to be
                     r"^\W*(theo ke hoach( ban dau)?|theo du kien( ban dau)?|according to the (original |initial )?"
                     r"(plan|schedule)|under the (original|initial) (plan|schedule)|originally),")
# "sẽ/sắp/dự kiến … ký" read with its tones: folded, "chia sẻ" (share) would read as "sẽ"
_FUTURE_VI = re.compile(r"(?<!\w)(sẽ|sắp|dự kiến)(\s+(?!đã\b)[\w-]+){0,8}\s+ký\b", re.I)
# read with its tones: "hoàn thiện", "hoàn tất" (complete) fold to the same letters as "hoãn" (postpone)
_POSTPONED_VI = re.compile(r"(?i)\bviệc ký(?: kết)?\b.*\bhoãn\b")
_AFTER_THE_SIGNING = re.compile(r"\b(after|at|during|before|following|since|on|witnessed|attended|preceded|followed) "
                                r"the signing\b"
                                r"(?! of)")
_SIGNING_CEREMONY = re.compile(r"\b(le ky|buoi ky|signing ceremony)\b")
# "Lễ ký Thoả thuận … giữa X và Y đã được tổ chức …", "The signing ceremony of the MoU between X and Y took
# place …": a ceremony held between named sides is their signing
_CEREMONY_HELD = re.compile(r"\b(giua|between) .*\b(da (duoc )?to chuc|da dien ra|took place|was held|was organi[sz]ed|"
                            r"was conducted)\b")
_SUBJECT = re.compile(r"\b(ve viec|ve|tren|trong linh vuc|on|concerning|regarding|in the field of|for)\b")


def agreement_kind(folded_sentence: str) -> str | None:
    for pattern, kind in _KINDS:
        if pattern.search(folded_sentence):
            return kind
    return None


# "đã ký kết hai văn kiện hợp tác với các đối tác Hàn Quốc", "signed three agreements": a count that the
# next sentences tell one by one
_COUNTED_DOCUMENTS = re.compile(r"(?: \w+){0,4}? (\d+|hai|ba|bon|nam|nhieu|mot so|cac|loat) (van kien|van ban|"
                                r"thoa thuan|"
                                r"ban ghi nho|hiep dinh|ke hoach)\b|(?: \w+){0,2}? (\d+|two|three|four|five|several|"
                                r"a number of|multiple|a series of|a raft of)(?: \w+)? (documents|agreements|memoranda|"
                                r"mous|deals|instruments|arrangements)\b")


def _sign_matches(folded_sentence: str):
    """_SIGN.finditer(folded_sentence), trying the pattern only where a word of _SIGN_OPENERS starts (while
    _SIGN is written as when its openers were listed)."""
    if not _SIGN_OPENERS_CHECKED:
        return _SIGN.finditer(folded_sentence)
    return finditer_at(_SIGN, folded_sentence, _SIGN_OPENERS)


@functools.lru_cache(maxsize=2048)
def signing_position(folded_sentence: str, sentence: str | None = None) -> int | None:
    """Offset of the signing verb in a sentence that reports a signing, else None. With the sentence
    itself, "ký" must carry its own tone: "kỳ" (nhiệm kỳ), "kỹ" (kỹ thuật), "kỷ" (kỷ niệm) are other words.
    Cached: a sentence is read for its clauses, then for its agreement, with the same strings."""
    if _NOMINAL_FUTURE.search(folded_sentence) or (sentence is not None and _POSTPONED_VI.search(sentence)) or \
            _DENIED.search(folded_sentence):
        return None  # "Việc ký kết … sẽ được xem xét", "The signing of … is expected …", "… đã được hoãn lại"
    counted = None
    for m in _sign_matches(folded_sentence):
        if sentence is not None and folded_sentence[m.start():m.start() + 2] == "ky" and \
                sentence[m.start():m.start() + 2].lower() != "ký":
            continue
        before = folded_sentence[max(0, m.start() - 6) : m.start()]
        if before.endswith("dang ") or before.endswith("dang"):
            continue
        window = folded_sentence[max(0, m.start() - 60) : m.end() + 25]
        if _NOT_SIGNED.search(window):
            return None
        if _COUNTED_DOCUMENTS.match(folded_sentence, m.end()):
            counted = m.start() if counted is None else counted  # a signing of its own may follow
            continue
        if _AFTER_THE_SIGNING.search(folded_sentence, max(0, m.start() - 20), m.end() + 4):
            continue  # "… said after the signing", "at the signing ceremony": the signing told before
        if sentence is not None and _FUTURE_VI.search(sentence[max(0, m.start() - 60) : m.end() + 2]):
            return None
        if _SIGNING_CEREMONY.search(folded_sentence[max(0, m.start() - 4) : m.end() + 2]) and \
                _NOT_SIGNED.search(folded_sentence, m.end()):
            return None  # "Bên lề lễ ký, hai bên đã thảo luận về khả năng ký kết …": only talk of another one
        if _SIGNING_CEREMONY.search(folded_sentence[max(0, m.start() - 4) : m.end() + 2]) and not \
                re.search(r"\b(da ky|ky ket|signed)\b", folded_sentence) and not _CEREMONY_HELD.search(folded_sentence):
            continue
        return m.start()
    return counted


def counted_documents(folded_sentence: str, pos: int) -> bool:
    """Whether the signing verb at `pos` signs a number of documents ("đã ký kết hai văn kiện", "signed 14
    international documents"): with no partner named, a summary the next sentences tell one by one."""
    m = _SIGN.match(folded_sentence, pos)
    return m is not None and bool(_COUNTED_DOCUMENTS.match(folded_sentence, m.end()))


def ceremony_is_subject(folded_sentence: str) -> bool:
    """"Lễ ký kết diễn ra trong khuôn khổ …", "The signing ceremony took place …": the sentence tells
    about a signing reported before; it names no new parties."""
    return bool(re.match(r"\W*(le ky( ket)?|buoi le ky( ket)?|the signing( ceremony)?|signing ceremony)\b",
                         folded_sentence))


def subject_of(sentence_text: str, kind_end: int) -> str | None:
    """The words after the document noun: "về hợp tác trong lĩnh vực …", "on legal metrology …"."""
    rest = sentence_text[kind_end:]
    m = re.match(r"\s*(?:giai đoạn [\d\s–-]+,?\s*)?(về việc|về|on|concerning|regarding|in the field of)\s+(.+)",
                 rest, re.I)
    if not m:
        return None
    subj = re.split(r"[.;]|,\s*(?:tập trung|hai bên|the two|which|with|under)", m.group(2))[0].strip()
    subj = re.split(r"\s+(?:for the period|giai đoạn)\s", subj)[0].strip(" ,")
    return subj[:200] or None


def kind_span(sentence_text: str) -> tuple[str, int, int] | None:
    folded = fold(sentence_text)
    for pattern, kind in _KINDS:
        m = pattern.search(folded)
        if m:
            return kind, m.start(), m.end()
    return None
