"""Word tokens with offsets, and the small predicates the rule stages share."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kg.extract.text import canonical_tone, fold

_TOKEN = re.compile(r"\w+(?:[-.'’&]\w+)*|[^\w\s]")


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str
    low: str  # folded (lower-case, no diacritics)
    line: int = 0  # index of the line the token is on
    lowd: str = ""  # lower-case with diacritics, tone placement unified: tells "Trường" from "Trương"

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def is_cap(self) -> bool:
        return self.text[0].isupper()

    @property
    def is_acronym(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        if len(letters) < 2 or not letters[0].isupper():
            return False
        if letters[1].isupper():
            return sum(c.isupper() for c in letters) >= 2
        return sum(c.isupper() for c in letters) >= 3  # "BelGISS", "GOSTstandard"


def tokenize(text: str, offset: int = 0) -> list[Token]:
    out = []
    line = 0
    last = 0
    for m in _TOKEN.finditer(text):
        line += text.count("\n", last, m.start())
        last = m.start()
        word = m.group()
        low = word.lower()
        out.append(Token(m.start() + offset, m.end() + offset, word, fold(word), line,
                         low if low.isascii() else canonical_tone(low)))
    return out


class PhraseTable(dict):
    """Phrases (tuples of words) -> value, with the first words and the longest length kept so that
    `match_phrase` rejects most tokens with one set look-up."""

    def __init__(self, items=()):
        super().__init__(items)
        self.first = {k[0] for k in self}
        self.longest = max((len(k) for k in self), default=0)

    def __setitem__(self, k, v):
        super().__setitem__(k, v)
        self.first.add(k[0])
        self.longest = max(self.longest, len(k))

    def setdefault(self, k, v=None):
        if k not in self:
            self[k] = v
        return self[k]


def match_phrase(tokens: list[Token], i: int, phrases: dict[tuple[str, ...], str],
                 exact: bool = False) -> tuple[int, str] | None:
    """Longest phrase (a tuple of folded words, or of `lowd` words when exact) starting at token i,
    within one line: (number of tokens, value)."""
    first = tokens[i].lowd if exact else tokens[i].low
    if isinstance(phrases, PhraseTable):
        if first not in phrases.first:
            return None
        longest = phrases.longest
    else:
        longest = 6
    for n in range(min(longest, len(tokens) - i), 0, -1):
        if tokens[i + n - 1].line != tokens[i].line:
            continue
        words = tuple((t.lowd if exact else t.low) for t in tokens[i : i + n])
        if words in phrases:
            return n, phrases[words]
    return None
