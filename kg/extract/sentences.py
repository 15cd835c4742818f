"""Split normalized text into sentences with offsets; a line is a paragraph."""

from __future__ import annotations

import re

from kg.model import Sentence

_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "st", "no", "vs", "jr", "sr", "co", "ltd", "inc", "corp", "dept",
    "ts", "ths", "gs", "pgs", "tp", "ks", "bs", "cn", "ong", "ba", "e.g", "i.e", "u.s", "etc", "art",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "p", "pp",
    "sdn", "bhd", "pte", "pty", "gmbh", "bros",
}
_BOUNDARY = re.compile(r"[.!?…]+[\"”’)\]]*\s+(?=[\"“‘(\[]?[A-ZÀ-Ỹ0-9])")
_TOKEN_BEFORE = re.compile(r"([\w.]+)$")


def _is_abbreviation(before: str) -> bool:
    # the run of word characters and dots ending the text (what _TOKEN_BEFORE finds), read backwards from
    # its end: the regex's search tried every position of a long paragraph before reaching its end
    i = len(before)
    while i > 0 and (before[i - 1].isalnum() or before[i - 1] in "_."):
        i -= 1
    if i == len(before):
        return False
    tok = before[i:].rstrip(".").lower()
    last = tok.split(".")[-1]
    if len(last) == 1 and last.isalpha():
        return True  # an initial: "J. Cendrowska"
    from kg.extract.text import fold

    return fold(tok) in _ABBREVIATIONS or fold(last) in _ABBREVIATIONS


def split_sentences(text: str) -> list[Sentence]:
    out: list[Sentence] = []
    pos = 0
    for para, line in enumerate(text.split("\n")):
        start_line = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        heading = len(line.split()) <= 25 and not line.rstrip().endswith((".", "!", "?", ":", ";", "…", '"', "”"))
        s = 0
        for m in _BOUNDARY.finditer(line):
            if line[m.start()] == "." and _is_abbreviation(line[s : m.start()]):
                continue
            end = m.end()
            seg = line[s:end].rstrip()
            if seg.strip():
                lead = len(seg) - len(seg.lstrip())
                out.append(Sentence(start_line + s + lead, start_line + s + len(seg), seg.strip(), para, heading))
            s = end
        seg = line[s:].rstrip()
        if seg.strip():
            lead = len(seg) - len(seg.lstrip())
            out.append(Sentence(start_line + s + lead, start_line + s + len(seg), seg.strip(), para, heading))
    return out
