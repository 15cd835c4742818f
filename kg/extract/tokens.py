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

    @property
    def lowd(self) -> str:
        """Lower-case with diacritics, tone placement unified: tells "Trường" from "Trương"."""
        return canonical_tone(self.text.lower())

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum()

    @property
    def is_cap(self) -> bool:
        return self.text[0].isupper()

    @property
    def is_acronym(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        return len(letters) >= 2 and all(c.isupper() for c in letters[:2]) and sum(c.isupper() for c in letters) >= 2


def tokenize(text: str, offset: int = 0) -> list[Token]:
    out = []
    line = 0
    last = 0
    for m in _TOKEN.finditer(text):
        line += text.count("\n", last, m.start())
        last = m.start()
        out.append(Token(m.start() + offset, m.end() + offset, m.group(), fold(m.group()), line))
    return out


def match_phrase(tokens: list[Token], i: int, phrases: dict[tuple[str, ...], str],
                 exact: bool = False) -> tuple[int, str] | None:
    """Longest phrase (a tuple of folded words, or of `lowd` words when exact) starting at token i,
    within one line: (number of tokens, value)."""
    for n in range(min(6, len(tokens) - i), 0, -1):
        if tokens[i + n - 1].line != tokens[i].line:
            continue
        words = tuple((t.lowd if exact else t.low) for t in tokens[i : i + n])
        if words in phrases:
            return n, phrases[words]
    return None
