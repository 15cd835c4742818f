"""Word tokens with offsets, and the small predicates the rule stages share."""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from kg.extract.text import canonical_tone, fold

_TOKEN = re.compile(r"\w+(?:[-.'’&]\w+)*|[^\w\s]")


class Token(NamedTuple):
    """A word or punctuation mark. A named tuple, not a dataclass: documents have thousands of tokens
    and the rules read these fields millions of times (the extractor's hot path)."""

    start: int
    end: int
    text: str
    low: str  # folded (lower-case, no diacritics)
    line: int = 0  # index of the line the token is on
    lowd: str = ""  # lower-case with diacritics, tone placement unified: tells "Trường" from "Trương"
    is_word: bool = True  # starts with a letter or digit
    is_cap: bool = False  # starts with an upper-case letter

    @property
    def is_acronym(self) -> bool:
        letters = [c for c in self.text if c.isalpha()]
        if len(letters) < 2 or not letters[0].isupper():
            return False
        if letters[1].isupper():
            return sum(c.isupper() for c in letters) >= 2
        return sum(c.isupper() for c in letters) >= 3  # "BelGISS", "GOSTstandard"


def tokenize(text: str, offset: int = 0) -> list[Token]:
    # fold() and canonical_tone() keep lengths, so both run once over the text and tokens take slices.
    folded = fold(text)
    lowered = text.lower()
    # (a rare letter whose lower case is longer, "İ": per token, then)
    canon = canonical_tone(lowered) if len(lowered) == len(text) else None
    out: list[Token] = []
    append = out.append
    new = tuple.__new__  # Token's own __new__ is a Python function: one call fewer per token
    finditer = _TOKEN.finditer
    # No token holds a line break, so each line is read on its own and the line index is known.
    pos = 0
    for line, ln in enumerate(text.split("\n")):
        end = pos + len(ln)
        if canon is not None:  # one comprehension per line: the common case
            spans = [m.span() for m in finditer(text, pos, end)]
            out += [new(Token, (a + offset, b + offset, text[a:b], folded[a:b], line, canon[a:b], text[a].isalnum(),
                                text[a].isupper())) for a, b in spans]
            pos = end + 1
            continue
        for m in finditer(text, pos, end):
            a, b = m.span()
            word = m.group()
            c = word[0]
            lowd = canonical_tone(word.lower())
            append(new(Token, (a + offset, b + offset, word, folded[a:b], line, lowd, c.isalnum(), c.isupper())))
        pos = end + 1
    return out


def token_range(tokens: list[Token], start: int, end: int) -> tuple[int, int]:
    """Indices [i, j) of the tokens that start within [start, end) — a binary search, not a scan."""
    import bisect

    starts = _starts(tokens)
    return bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)


def tokens_between(tokens: list[Token], start: int, end: int) -> list[Token]:
    i, j = token_range(tokens, start, end)
    return tokens[i:j]


def covered(tokens: list[Token], spans) -> set[int]:
    """Indices of the tokens that overlap any of the (start, end) spans."""
    import bisect

    starts = _starts(tokens)
    out: set[int] = set()
    for s, e in spans:
        i = max(0, bisect.bisect_right(starts, s) - 1)
        while i < len(tokens) and tokens[i].start < e:
            if tokens[i].end > s:
                out.add(i)
            i += 1
    return out


_STARTS_CACHE: dict[int, tuple[list[Token], list[int]]] = {}


def _starts(tokens: list[Token]) -> list[int]:
    cached = _STARTS_CACHE.get(id(tokens))
    if cached is None or cached[0] is not tokens:
        if len(_STARTS_CACHE) > 8:
            _STARTS_CACHE.clear()
        cached = (tokens, [t.start for t in tokens])
        _STARTS_CACHE[id(tokens)] = cached
    return cached[1]


class PhraseTable(dict):
    """Phrases (tuples of words) -> value, with every prefix kept, so that `match_phrase` walks
    forward only while the words read so far begin some phrase (most tokens: one set look-up)."""

    def __init__(self, items: Any = ()) -> None:
        super().__init__()
        self.prefixes: set[tuple[str, ...]] = set()
        self.firsts: set[str] = set()
        # folded words that stand for one spelling only: the role word "trưởng" (head) is not "trường"
        # (school, market: "Thị trường" is not "Thị trưởng")
        self.guards: dict[str, frozenset[str]] = {}
        self.longest = 0
        for k, v in dict(items).items():
            self[k] = v

    def __setitem__(self, k, v):
        super().__setitem__(k, v)
        for n in range(1, len(k) + 1):
            self.prefixes.add(k[:n])
        if k:
            self.firsts.add(k[0])
        self.longest = max(self.longest, len(k))

    def setdefault(self, k, v=None):
        if k not in self:
            self[k] = v
        return self[k]


_MATCHES_CACHE: dict[tuple[int, int, bool], tuple[list[Token], dict, dict[int, tuple[int, str]]]] = {}


def phrase_matches(tokens: list[Token], phrases: dict[tuple[str, ...], str],
                   exact: bool = False) -> dict[int, tuple[int, str]]:
    """{i: match_phrase(tokens, i, phrases, exact)} for every index where that is not None, in the order
    of i. Computed once per token list and table: the rules look for offices, honorifics and head nouns
    at the same tokens of a document many times (a dict look-up instead of a call)."""
    k = (id(tokens), id(phrases), exact)
    cached = _MATCHES_CACHE.get(k)
    if cached is not None and cached[0] is tokens and cached[1] is phrases:
        return cached[2]
    table = phrases if isinstance(phrases, PhraseTable) else PhraseTable(phrases)
    firsts = table.firsts
    out: dict[int, tuple[int, str]] = {}
    for i, t in enumerate(tokens):
        if (t.lowd if exact else t.low) in firsts:
            m = match_phrase(tokens, i, table, exact)
            if m is not None:
                out[i] = m
    if len(_MATCHES_CACHE) > 16:
        _MATCHES_CACHE.clear()
    _MATCHES_CACHE[k] = (tokens, phrases, out)
    return out


def first_words(phrases: dict[tuple[str, ...], str]) -> set[str]:
    """The words a phrase of the table can start with: `match_phrase` is None at a token whose word
    (`low`, or `lowd` when exact) is not among them."""
    return phrases.firsts if isinstance(phrases, PhraseTable) else PhraseTable(phrases).firsts


def match_phrase(tokens: list[Token], i: int, phrases: dict[tuple[str, ...], str],
                 exact: bool = False) -> tuple[int, str] | None:
    """Longest phrase (a tuple of folded words, or of `lowd` words when exact) starting at token i,
    within one line: (number of tokens, value)."""
    if not isinstance(phrases, PhraseTable):
        phrases = PhraseTable(phrases)
    first = tokens[i]
    if (first.lowd if exact else first.low) not in phrases.firsts:
        return None  # most calls: one set look-up, no tuple built
    prefixes = phrases.prefixes
    line = first.line
    words: tuple[str, ...] = ()
    best = None
    for j in range(i, min(i + phrases.longest, len(tokens))):
        t = tokens[j]
        if t.line != line:
            break
        words = words + ((t.lowd if exact else t.low),)
        if words not in prefixes:
            break
        if not exact and t.low in phrases.guards and t.lowd not in phrases.guards[t.low]:
            break
        value = phrases.get(words)
        if value is not None:
            best = (j - i + 1, value)
    return best
