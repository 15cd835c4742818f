"""Unicode handling shared by every stage.

Text is NFC-normalized once, at the door (`normalize`); offsets are code points of that string.
Matching keys fold case, diacritics and tone placement (`fold`), which keeps the length of the
string, so a match found in the folded text is at the same offsets in the original.
"""

from __future__ import annotations

import functools
import hashlib
import re
import unicodedata

_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}


def normalize(text: str) -> str:
    """BOM, CRLF/CR, non-breaking spaces and NFD/NFC variants -> one canonical NFC string."""
    if text.startswith("\ufeff"):
        text = text[1:]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u00a0", " ").replace("\u202f", " ").replace("\u200b", "")
    return unwrap_lines(unicodedata.normalize("NFC", text))


_LIST_ITEM = re.compile(r"\s*(?:[-•*–]|\d{1,2}[.)]\s|[a-z][.)]\s)")


def unwrap_lines(text: str) -> str:
    """Text copied from a PDF breaks its sentences at the page's width ("… the Saudi Standards, Metrology and
    Quality\nOrganization (SASO) signed …"). When the text is wrapped like that — several lines that run to
    the width and go on, lower-case, on the next line — each such line break becomes a space, so sentences and
    names are whole again. Lengths do not change, so offsets stay those of the text as read."""
    if text.count("\n") < 8:
        return text
    lines = text.split("\n")
    widths = sorted(len(ln.rstrip()) for ln in lines if ln.strip())
    width = widths[int(len(widths) * 0.9)] if widths else 0
    if width < 40:
        return text

    first_block = next((i for i, ln in enumerate(lines) if not ln.strip()), len(lines))

    def wraps(i: int) -> bool:
        line, nxt = lines[i].rstrip(), lines[i + 1]
        if not nxt.strip() or _LIST_ITEM.match(nxt) or line.endswith((":", ";")) or (i < first_block <= 3):
            return False  # a header's lines (headline, date, byline) stay lines
        # a shorter line breaks a sentence too when it does not end one: "… the Saudi Standards, Metrology and
        # Quality\nOrganization (SASO) …"
        return len(line) >= 0.6 * width or (len(line) >= 0.3 * width and not line.endswith((".", "!", "?", '"', "”")))

    breaks = [i for i in range(len(lines) - 1) if wraps(i)]
    lower = sum(1 for i in breaks if lines[i + 1][:1].islower() and not lines[i].rstrip().endswith((".", "!", "?")))
    if lower < 3 or lower < 0.3 * len(breaks):
        return text
    out = list(text)
    pos = 0
    at = set(breaks)
    for i, line in enumerate(lines[:-1]):
        pos += len(line)
        if i in at:
            out[pos] = " "
        pos += 1
    return "".join(out)


def _build_fold_table() -> dict[int, str]:
    table: dict[int, str] = {}
    ranges = [(0x00C0, 0x024F), (0x1E00, 0x1EFF), (0x0041, 0x005A)]
    for lo, hi in ranges:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            base = unicodedata.normalize("NFD", ch)[0].lower()
            if ch in "đĐ":
                base = "d"
            if len(base) == 1 and base != ch:
                table[cp] = base
    # Typographic variants that must match their plain forms.
    for ch, rep in {"–": "-", "—": "-", "‐": "-", "‑": "-", "’": "'", "‘": "'", "“": '"', "”": '"'}.items():
        table[ord(ch)] = rep
    return table


_FOLD = _build_fold_table()
# The same table as a string indexed by code point, identity where _FOLD has no entry: str.translate
# then finds every common character without the KeyError a dict miss costs (about 1.7 times faster);
# code points past its end raise IndexError, which leaves them unchanged, as a dict miss does.
_FOLD_STR = "".join(_FOLD.get(cp, chr(cp)) for cp in range(max(_FOLD) + 1))


def fold(text: str) -> str:
    """Lower-case, strip diacritics (đ -> d), unify dashes and quotes. Same length as the input."""
    n = len(text)
    if n <= 2000:
        return _fold_short(text)
    if n <= 2_000_000:
        return _fold_long(text)
    return text.translate(_FOLD_STR)


# The rules fold the same document and the same sentences several times (tokens, organizations, each
# stage's sentence checks): the folds of recent strings are kept, short ones (sentences, names) and a
# few long ones (the documents being read), so that the memory they hold stays bounded.
@functools.lru_cache(maxsize=4096)
def _fold_short(text: str) -> str:
    return text.translate(_FOLD_STR)


@functools.lru_cache(maxsize=4)
def _fold_long(text: str) -> str:
    return text.translate(_FOLD_STR)


def key(text: str) -> str:
    """A matching key: folded, whitespace collapsed."""
    return " ".join(fold(text).split())


def slug(text: str, max_len: int = 80) -> str:
    s = re.sub(r"[^a-z0-9]+", "-", fold(text)).strip("-")
    return s[:max_len].rstrip("-") or "x"


# "o"/"u" not after "q", then a toned vowel ending the word. The look-behind follows the "o"/"u" it
# guards ("(?<![qQ])([oOuU])" as written first, same matches): a pattern opening with a character
# class is searched for that character, one opening with a look-behind is tried at every position.
_OLD_STYLE = re.compile(r"([oOuU])(?<![qQ][oOuU])([\u00c0-\u1ef9])(?![a-zA-Z\u00c0-\u1ef9])")


def canonical_tone(text: str) -> str:
    """Put the tone of word-final "oa", "oe", "uy" on the first vowel ("hoà" -> "hòa", "Uỷ" -> "Ủy").

    Both placements are in use; labels are written in one so that the same name read from two
    documents gives the same label.
    """

    def move(m: re.Match[str]) -> str:
        first, second = m.group(1), m.group(2)
        parts = unicodedata.normalize("NFD", second)
        tones = [c for c in parts if c in _TONE_MARKS]
        base = "".join(c for c in parts if c not in _TONE_MARKS)
        if not tones or fold(base) not in {"a", "e", "y"} or (fold(first) == "u") != (fold(base) == "y"):
            return m.group(0)
        return unicodedata.normalize("NFC", first + tones[0]) + unicodedata.normalize("NFC", base)

    return _OLD_STYLE.sub(move, text)


def written_as(pattern: re.Pattern[str], digest: str) -> bool:
    """Whether `pattern` is still written as it was when a shortcut made for it (its opening words, what a
    window must hold for it to match) was checked: `digest` is the first 12 hex digits of the SHA-1 of
    that source. A shortcut is exact for the pattern it was made for only; when a rule is rewritten, the
    code that uses this reads the pattern the plain way instead (slower, never wrong)."""
    return hashlib.sha1(pattern.pattern.encode("utf-8")).hexdigest()[:12] == digest


def any_of(words: list[str]) -> str:
    """A regex matching exactly the given words, factored by common prefixes ("t(?:oday|his ...)"): at a
    position holding the first letter of several words re tries them one by one in a flat alternation,
    and in a tree only along the letters that match."""
    tree: dict = {}
    for w in words:
        node = tree
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [re.escape(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return emit(tree)


def finditer_at(pattern: re.Pattern[str], text: str, openers: re.Pattern[str], where: str | None = None):
    """pattern.finditer(text), trying the pattern only where `openers` matches `where` (the text itself,
    or a string of the same length that reads alike there, such as its lower case). Exact when every match
    of the pattern starts where `openers` matches and none is empty (after a match the next is looked for
    from its end, as finditer does): a pattern opening with look-behinds or optional words is otherwise
    attempted by `re` at every character."""
    where = text if where is None else where
    pos = 0
    while True:
        c = openers.search(where, pos)
        if c is None:
            return
        m = pattern.match(text, c.start())
        if m is None:
            pos = c.start() + 1
            continue
        yield m
        pos = m.end()


_LETTERS = re.compile(r"[^\W\d_]+")
_VI_CHARS = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯ\u1ea0-\u1ef9]")


def detect_language(text: str) -> str:
    """'vi' when Vietnamese-only letters are frequent, else 'en' (BCP 47)."""
    sample = text[:20000]
    letters = len(sample) - len(_LETTERS.sub("", sample)) or 1
    return "vi" if len(_VI_CHARS.findall(sample)) / letters > 0.02 else "en"
