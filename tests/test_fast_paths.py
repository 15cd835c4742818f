"""The extractor's shortcuts give what the plain computation gives: prefilters that skip work, tables
computed once per document. A rule change that a prefilter does not follow (a pattern reading a new
word the prefilter does not look for) fails here rather than silently losing facts."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kg.extract import dates
from kg.extract.text import _FOLD, fold
from kg.extract.tokens import match_phrase, phrase_matches, tokenize
from kg.model import PartialDate

ROOT = Path(__file__).resolve().parents[1]
TEXTS = sorted(p for p in (ROOT / "tests" / "fixtures").rglob("*.txt"))
EXTRA = [
    "hôm qua HÔM NAY Hôm Qua, last Tuesday, on Monday, this past Friday last week, Sáng thứ Hai tuần trước",
    "In March 2020, in March, mid-March, since May, chiều Chủ nhật, vào tháng 9, THÁNG 9/2020",
    "tháng Mười Hai 5, 2019; earlier this month, xearlier this month; 12-14 March 2019; 1 to 3 May, 2020",
    "İn March, ſince May, ıf today — 2019-09-26, giai đoạn 2018-2020, từ 20 - 22/11/2017, ngày 5/3",
]


def _texts() -> list[str]:
    return [p.read_text(encoding="utf-8", errors="replace") for p in TEXTS] + EXTRA


def test_find_dates_prefilters_change_nothing(monkeypatch):
    refs = [None, PartialDate(2020, 5, 17)]
    fast = [dates.find_dates(t, y, r) for t in _texts() for y in (None, 2020) for r in refs]
    # a text holding one of these characters is read without any prefilter: make every text one
    monkeypatch.setattr(dates, "_SRE_CASE_SPECIAL", re.compile(r"(?s).|^$"))
    slow = [dates.find_dates(t, y, r) for t in _texts() for y in (None, 2020) for r in refs]
    assert fast == slow


@pytest.mark.parametrize("exact", [False, True])
def test_phrase_matches_is_match_phrase_at_every_token(exact):
    from kg.extract.people import HONORIFICS
    from kg.extract.pipeline import role_phrases
    from kg.extract.reference import load_reference

    tables = [role_phrases(load_reference()), HONORIFICS, {("ông",): "x", ("tổng", "cục"): "y"}]
    for text in _texts()[:40] + EXTRA:
        tokens = tokenize(text)
        for table in tables:
            want = {i: m for i in range(len(tokens)) if (m := match_phrase(tokens, i, table, exact))}
            assert phrase_matches(tokens, table, exact) == want


def test_fold_table_is_the_fold_dict():
    s = "".join(chr(c) for c in range(0x3000))
    assert fold(s) == s.translate(_FOLD)


def test_sign_matches_is_finditer():
    from kg.extract import agreements

    for text in _texts():
        folded = fold(text)
        got = [(m.span(), m.group()) for m in agreements._sign_matches(folded)]
        assert got == [(m.span(), m.group()) for m in agreements._SIGN.finditer(folded)]


def test_standard_code_spans_are_finditer():
    from kg.extract import organizations as orgs

    for text in _texts() + ["TCVN ISO 9001:2015, ISO/IEC 17025, MS IEC, BS EN 1, XISO 9001, ISO 9001ABC, KS ISO"]:
        want = [m.span() for m in orgs._STANDARD_CODE.finditer(text)] + \
            [m.span() for m in orgs._STANDARD_SERIES.finditer(text)]
        assert orgs.standard_code_spans(text) == want


def test_is_abbreviation_reads_as_token_before():
    from kg.extract import sentences

    def with_regex(before: str) -> bool:  # the function as it was, with _TOKEN_BEFORE
        m = sentences._TOKEN_BEFORE.search(before)
        if not m:
            return False
        tok = m.group(1).rstrip(".").lower()
        last = tok.split(".")[-1]
        if len(last) == 1 and last.isalpha():
            return True
        return fold(tok) in sentences._ABBREVIATIONS or fold(last) in sentences._ABBREVIATIONS

    for text in _texts() + ["x_y.z", "", "…", "abc ", "Dr.", "Mr", "ⅷ.x", "a\u0301b", "١٢٣", "U.S", "e.g"]:
        for cut in range(0, len(text) + 1, max(1, len(text) // 300)):
            before = text[:cut].split("\n")[-1]
            assert sentences._is_abbreviation(before) == with_regex(before)


def test_old_style_tone_pattern_reads_as_written_first():
    from kg.extract import text as text_mod

    first = re.compile(r"(?<![qQ])([oOuU])([\u00c0-\u1ef9])(?![a-zA-Z\u00c0-\u1ef9])")
    for text in _texts() + ["qoà quà Qoà hoà Uỷ uỷ QUỶ thuỷ", "uỷ"]:
        for t in (text, text.lower()):
            assert [(m.span(), m.groups()) for m in text_mod._OLD_STYLE.finditer(t)] == \
                [(m.span(), m.groups()) for m in first.finditer(t)]


def test_minister_pattern_reads_as_word_boundary():
    from kg.extract import organizations as orgs
    from kg.extract.reference import load_reference

    ref = load_reference()
    orgs._minister_fields(ref, "")
    regex, _fields = ref.cache["minister_fields"]
    assert regex.pattern.startswith("minister(?<!\\wminister) ")
    first = re.compile(r"\bminister " + regex.pattern[len("minister(?<!\\wminister) "):])
    for text in _texts() + ["xminister of science and technology; _minister of science and technology, "
                            "minister for the science and technology"]:
        folded = fold(text)
        assert [m.span(1) for m in regex.finditer(folded)] == [m.span(1) for m in first.finditer(folded)]


def test_known_name_reads_the_whole_text_as_the_text_cut_after_the_name():
    from kg.extract import organizations as orgs
    from kg.extract.reference import load_reference

    ref = load_reference()
    for text in _texts():
        folded = fold(text)
        spans = {(s, e) for s, e, *_ in ref.find_names(folded)}
        spans |= {(s + 1, e) for s, e in spans} | {(s, e - 1) for s, e in spans}
        for s, e in sorted(spans):
            cut = next((k for s2, e2, k, _n, _sh in ref.find_names(folded[: e + 1]) if (s2, e2) == (s, e)), "")
            assert orgs._known_name(ref, folded, s, e) == cut


def test_any_of_matches_where_the_flat_alternation_does():
    from kg.extract.text import any_of

    words = ["hôm qua", "hôm nay", "this month", "earlier this month", "this", "t", "today", "a.b", "năm ngoái"]
    tree, flat = re.compile(f"(?={any_of(words)})"), re.compile(f"(?={'|'.join(map(re.escape, words))})")
    for text in [t.lower() for t in _texts()] + ["xearlier this month; this year, a.b axb, t"]:
        assert [m.start() for m in tree.finditer(text)] == [m.start() for m in flat.finditer(text)]


def test_a_rewritten_pattern_is_read_without_its_shortcut(monkeypatch):
    # "relative" with one more word its opening words (dates._STARTS) do not hold: found all the same
    kinds = [(k, re.compile(p.pattern.replace("tuần qua", "tuần qua|hôm kia")) if k == "relative" else p)
             for k, p in dates._PATTERNS]
    monkeypatch.setattr(dates, "_PATTERNS", kinds)
    found = dates.find_dates("Hôm kia, hai bên đã ký.", 2020, PartialDate(2020, 5, 17))
    assert [(d.start, d.end) for d in found] == [(0, 7)]

