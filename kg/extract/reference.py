"""Reference data: well-known bodies, roles and places, read from CSV files in `data/reference/`.

Names are matched in one pass over the folded text with an Aho-Corasick automaton (pyahocorasick),
so adding a thousand names costs nothing per document.
"""

from __future__ import annotations

import csv
import functools
from dataclasses import dataclass, field
from pathlib import Path

import ahocorasick  # type: ignore[import-not-found]  # no type stubs

from kg.extract.text import canonical_tone, key, normalize

DEFAULT_REFERENCE_DIR = Path(__file__).resolve().parents[2] / "data" / "reference"


@dataclass(frozen=True)
class RefOrg:
    key: str
    kind: str
    country: str | None
    wikidata: str | None
    parent: str | None
    acronyms: tuple[str, ...]
    vi: tuple[str, ...]
    en: tuple[str, ...]
    short: tuple[str, ...]


@dataclass(frozen=True)
class RefRole:
    key: str
    vi: tuple[str, ...]
    en: tuple[str, ...]


@dataclass(frozen=True)
class RefPlace:
    name: str
    kind: str  # country | city | region | demonym
    country: str | None
    en: str


@dataclass
class Reference:
    orgs: dict[str, RefOrg] = field(default_factory=dict)
    roles: dict[str, RefRole] = field(default_factory=dict)
    places: dict[str, RefPlace] = field(default_factory=dict)  # folded name -> place
    names: ahocorasick.Automaton | None = None  # folded org name -> (org key, name, is_short)
    acronyms: ahocorasick.Automaton | None = None  # exact acronym -> (org key, acronym)
    acronym_owner: dict[str, str] = field(default_factory=dict)
    role_names: dict[str, str] = field(default_factory=dict)  # folded role name -> role key
    place_names: ahocorasick.Automaton | None = None
    cache: dict = field(default_factory=dict)  # tables derived from these, built once per process

    def _recent(self, kind: str, text: str):
        """The list a finder returned for this text lately, or None: a document's whole text is read for
        names and places by several rules (one per parenthesis, for names). Only long texts (documents)
        are kept, a few of them."""
        found = self.cache.get(kind)
        hit = found.get(text) if found is not None and len(text) > 500 else None
        return list(hit) if hit is not None else None

    def _remember(self, kind: str, text: str, out: list) -> list:
        if len(text) > 500:
            found = self.cache.setdefault(kind, {})
            if len(found) >= 4:
                found.clear()
            found[text] = list(out)
        return out

    def find_names(self, folded: str) -> list[tuple[int, int, str, str, bool]]:
        """(start, end, org key, reference name, is_short) for every name occurrence on word boundaries."""
        cached = self._recent("found_names", folded)
        if cached is not None:
            return cached
        out: list[tuple[int, int, str, str, bool]] = []
        if self.names is None:
            return out
        for end_idx, (org_key, name, is_short, length) in self.names.iter(folded):
            start = end_idx - length + 1
            end = end_idx + 1
            if _boundary(folded, start, end):
                out.append((start, end, org_key, name, is_short))
        return self._remember("found_names", folded, out)

    def find_acronyms(self, text: str) -> list[tuple[int, int, str]]:
        out: list[tuple[int, int, str]] = []
        if self.acronyms is None:
            return out
        for end_idx, (org_key, acr) in self.acronyms.iter(text):
            start = end_idx - len(acr) + 1
            if _boundary(text, start, end_idx + 1, strict=True):
                out.append((start, end_idx + 1, org_key))
        return out

    def find_places(self, text: str) -> list[tuple[int, int, RefPlace]]:
        """Places written as in the table (case and diacritics count: "Anh" is not "ảnh"), longest first."""
        cached = self._recent("found_places", text)
        if cached is not None:
            return cached
        out: list[tuple[int, int, RefPlace]] = []
        if self.place_names is None:
            return out
        canon = canonical_tone(text)
        for end_idx, (name_key, length) in self.place_names.iter(canon):
            start = end_idx - length + 1
            if _boundary(canon, start, end_idx + 1) and not _word_not_place(canon, start, end_idx + 1):
                out.append((start, end_idx + 1, self.places[name_key]))
        out.sort(key=lambda x: (x[0], -(x[1] - x[0])))
        chosen: list[tuple[int, int, RefPlace]] = []
        for item in out:
            if not chosen or item[0] >= chosen[-1][1]:
                chosen.append(item)
        return self._remember("found_places", text, chosen)


# A country's Vietnamese name that is also the first syllable of a word, when that word's next syllable
# follows: "Đo lường Pháp định" is legal metrology, not France; "Ý kiến" an opinion, "Mỹ phẩm" cosmetics.
_WORDS_OPENING_WITH_A_PLACE = {
    "Pháp": frozenset({"định", "lý", "luật", "chế", "quyền", "nhân"}),
    "Mỹ": frozenset({"phẩm", "thuật", "nghệ", "học", "quan"}),
    "Ý": frozenset({"kiến", "nghĩa", "tưởng", "thức", "định", "chí"}),
    "Anh": frozenset({"hùng", "em", "chị"}),
}


def _word_not_place(canon: str, start: int, end: int) -> bool:
    following = _WORDS_OPENING_WITH_A_PLACE.get(canon[start:end])
    if following is None or canon[end:end + 1] != " ":
        return False
    nxt = canon[end + 1:end + 12].split(" ", 1)[0].rstrip(".,;:!?)\"'”’")
    return nxt in following


def _boundary(text: str, start: int, end: int, strict: bool = False) -> bool:
    before = text[start - 1] if start > 0 else " "
    after = text[end] if end < len(text) else " "
    if before.isalnum() or after.isalnum():
        return False
    if strict and (before in "-_/" or after in "_"):
        return False
    return True


def _split(cell: str | None) -> tuple[str, ...]:
    if not cell:
        return ()
    return tuple(canonical_tone(normalize(p.strip())) for p in cell.split("|") if p.strip())


def _read(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [row for row in csv.DictReader(fh) if any((v or "").strip() for v in row.values())]


def unify_spelling(k: str) -> str:
    """A folded name with the country written one way: "Vietnam", "Viet Nam" and "Việt Nam" are written
    alike in English texts."""
    return k.replace("vietnam", "viet nam")


def _spelling_variants(k: str) -> list[str]:
    """The other spellings of a folded name (see `unify_spelling`)."""
    unified = unify_spelling(k)
    return [v for v in dict.fromkeys((unified, unified.replace("viet nam", "vietnam"))) if v != k]


def _connector_variants(k: str) -> list[str]:
    """A folded English name with "of" and "for" swapped, as translations of one name do ("Directorate of
    Standards, Metrology and Quality" for the Directorate for …)."""
    if " of " not in k and " for " not in k:
        return []
    out = [k.replace(" for ", " of "), k.replace(" of ", " for ")]
    return [v for v in dict.fromkeys(out) if v != k]


def _dropped_token_variants(name: str) -> list[str]:
    """Long names with one inner word left out, as typing slips do ("Trung Mã số mã vạch Quốc gia")."""
    toks = name.split()
    if len(toks) < 6:
        return []
    return [" ".join(toks[:i] + toks[i + 1 :]) for i in range(1, len(toks) - 1)]


@functools.lru_cache(maxsize=4)
def load_reference(directory: str | None = None) -> Reference:
    base = Path(directory) if directory else DEFAULT_REFERENCE_DIR
    ref = Reference()
    names = ahocorasick.Automaton()
    acronyms = ahocorasick.Automaton()
    exact: set[str] = set()
    variants: dict[str, tuple[str, str, bool, int]] = {}
    for row in _read(base / "organizations.csv"):
        org = RefOrg(
            key=row["key"].strip(),
            kind=(row.get("kind") or "other").strip(),
            country=(row.get("country") or "").strip() or None,
            wikidata=(row.get("wikidata") or "").strip() or None,
            parent=(row.get("parent") or "").strip() or None,
            acronyms=_split(row.get("acronyms")),
            vi=_split(row.get("vi")),
            en=_split(row.get("en")),
            short=_split(row.get("short")),
        )
        ref.orgs[org.key] = org
        for name in org.vi + org.en:
            k = key(name)
            if len(k) >= 4 and k not in exact:
                names.add_word(k, (org.key, name, False, len(k)))
                exact.add(k)
            for v in _dropped_token_variants(name):
                vk = key(v)
                variants.setdefault(vk, (org.key, name, False, len(vk)))
            for vk in _spelling_variants(k) + (_connector_variants(k) if name in org.en else []):
                variants.setdefault(vk, (org.key, name, False, len(vk)))
        for name in org.short:
            k = key(name)
            if k not in exact:
                names.add_word(k, (org.key, name, True, len(k)))
                exact.add(k)
        for acr in org.acronyms:
            if acr not in ref.acronym_owner:
                ref.acronym_owner[acr] = org.key
                acronyms.add_word(acr, (org.key, acr))
    for vk, val in variants.items():
        if vk not in exact:
            names.add_word(vk, val)
    if len(names):
        names.make_automaton()
        ref.names = names
    if len(acronyms):
        acronyms.make_automaton()
        ref.acronyms = acronyms
    for row in _read(base / "roles.csv"):
        role = RefRole(row["key"].strip(), _split(row.get("vi")), _split(row.get("en")))
        ref.roles[role.key] = role
        for name in role.vi + role.en:
            ref.role_names.setdefault(key(name), role.key)
    places = ahocorasick.Automaton()
    for row in _read(base / "places.csv"):
        name = canonical_tone(normalize(row["name"].strip()))
        place = RefPlace(name, (row.get("kind") or "").strip(), (row.get("country") or "").strip() or None,
                         (row.get("en") or name).strip())
        if name and name not in ref.places:
            ref.places[name] = place
            places.add_word(name, (name, len(name)))
    if len(places):
        places.make_automaton()
        ref.place_names = places
    return ref

