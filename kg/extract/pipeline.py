"""The extractor: one document in, an `Extraction` (plain facts) out. Pure: no store, no I/O."""

from __future__ import annotations

import bisect
import functools
import gc
import re

from kg.extract import agreements as agr
from kg.extract.dates import find_dates
from kg.extract.events import find_events, organized_by_after, organizing_verb_before
from kg.extract.metadata import parse_header
from kg.extract.occasions import (
    PLACE_CUE,
    date_for,
    dateline_date,
    latest_event_date,
    latest_fact_date,
    ordinal_days,
    sentence_dates,
    story_year,
)
from kg.extract.organizations import OrgSpan, find_organizations
from kg.extract.people import find_people, resolve_people
from kg.extract.reference import Reference, load_reference
from kg.extract.roles import extract_roles, sentence_items
from kg.extract.sentences import split_sentences
from kg.extract.signings import (
    ENUMERATED,
    LIST_INTRO,
    LIST_ITEM,
    UNREAD_TIME,
    agreement,
    agreement_in_force,
    ceremony_date,
    listed_agreement,
    signing_clauses,
)
from kg.extract.text import canonical_tone, detect_language, fold, key, slug
from kg.extract.tokens import PhraseTable, covered, phrase_matches, token_range, tokenize
from kg.model import Document, Event, Extraction, Mention, PartialDate, Person, Post, Role, Sentence

_HEAD_EN = {"bo": ("ministry", "federal ministry"), "vien": ("institute", "national institute"),
            "tong cuc": ("directorate", "general department"), "cuc": ("agency", "department", "administration"),
            "vu": ("department",)}
# Heading a delegation is a task, not an office in a body: kept only when the body is named.
_TRANSIENT_ROLES = {"head-of-delegation", "deputy-head-of-delegation"}


def role_phrases(ref: Reference) -> PhraseTable:
    if ref.cache.get("role_phrases") is not None:
        return ref.cache["role_phrases"]
    phrases = PhraseTable()
    phrases.guards = {"truong": frozenset({"trưởng"})}
    for rk, role in ref.roles.items():
        for name in role.vi + role.en:
            phrases.setdefault(tuple(key(name).split()), rk)
    # English "Director" is the generic director, whichever Vietnamese office it translates.
    if "director" in ref.roles:
        phrases[("director",)] = "director"
    ref.cache["role_phrases"] = phrases
    return phrases


def role_org_types(ref: Reference) -> dict[str, str]:
    """Offices that name the kind of body they head: "Viện trưởng" -> "Viện", "Tổng cục trưởng" -> "Tổng cục"."""
    if ref.cache.get("role_org_types") is not None:
        return ref.cache["role_org_types"]
    out: dict[str, str] = {}
    for rk, role in ref.roles.items():
        for name in role.vi:
            words = key(name).split()
            if words and words[0] == "pho":
                words = words[1:]
            if len(words) >= 2 and words[-1] == "truong" and words[:-1] not in (["thu"], ["hieu"]):
                out[rk] = " ".join(words[:-1])
                break
            if words in (["thu", "truong"],):
                out[rk] = "bo"
            if len(words) >= 2 and words[0] == "truong" and words[1] in {"phong", "ban", "vu", "khoa", "nhom"}:
                out[rk] = " ".join(words[1:])  # "Trưởng phòng" heads a "Phòng"
    ref.cache["role_org_types"] = out
    return out


def extract_text(text: str, source: str = "text.txt", reference_dir: str | None = None,
                 published: PartialDate | None = None, headline: str | None = None) -> Extraction:
    """Extract from normalized text (see `kg.io.read_document` for files)."""
    import hashlib

    from kg.extract.text import normalize, slug

    text = normalize(text)
    doc = Document(source=source, text=text, content_hash="sha256:" + hashlib.sha256(text.encode()).hexdigest(),
                   slug=slug(source.rsplit("/", 1)[-1], 120))
    if headline:
        doc.headline = headline
    if published:
        doc.published = published
    return extract(doc, reference_dir)


def _gc_paused(fn):
    """Runs fn with Python's cyclic garbage collector paused, and resumes it after (when it was on). One
    document allocates tens of thousands of small objects (tokens, items, spans) that reference counting
    frees; the collector's passes over them while they are alive took about a sixth of the extraction
    time. Nothing here builds reference cycles that must be collected in the middle of a document."""

    @functools.wraps(fn)
    def run(*args, **kwargs):
        if not gc.isenabled():
            return fn(*args, **kwargs)
        gc.disable()
        try:
            return fn(*args, **kwargs)
        finally:
            gc.enable()

    return run


@_gc_paused
def extract(doc: Document, reference_dir: str | None = None) -> Extraction:
    ref = load_reference(reference_dir)
    text = doc.text
    headline, authors, published, header_lines = parse_header(text)
    doc.headline = doc.headline or headline
    doc.published = doc.published or published
    doc.authors = doc.authors or authors
    doc.lang = detect_language(text)
    phrases = role_phrases(ref)
    org_types = role_org_types(ref)
    ex = Extraction(document=doc)
    ex.sentences = split_sentences(text)
    body = [s for s in ex.sentences if s.paragraph >= header_lines]

    lines = text.split("\n")
    byline = (len(lines[0]) + 1 if lines else 0, sum(len(ln) + 1 for ln in lines[:header_lines]))
    tokens = tokenize(text)
    spans, orgs = find_organizations(text, doc.lang, ref, phrases, skip=[byline], tokens=tokens)
    ex.organizations = orgs
    places = [(s, e, p) for s, e, p in ref.find_places(text)
              if not any(s < o.end and e > o.start for o in spans)]
    org_tok = covered(tokens, [(o.start, o.end) for o in spans])
    place_tok = covered(tokens, [(s, e) for s, e, _ in places])
    header_end = sum(len(ln) + 1 for ln in text.split("\n")[:header_lines])
    person_spans = [p for p in find_people(text, tokens, org_tok, place_tok, phrases) if p.start >= header_end]
    person_spans, people = resolve_people(person_spans)
    ex.people = people
    for name in doc.authors:
        people.setdefault(slug(name), Person(slug(name), name))

    for sp in spans:
        ex.mentions.append(Mention(sp.start, sp.end, text[sp.start:sp.end], sp.key, "org"))
    for ps in person_spans:
        ex.mentions.append(Mention(ps.start, ps.end, text[ps.start:ps.end], ps.key, "person"))
    ex.mentions.sort(key=lambda m: m.start)

    # "HANOI, May 19, 2023 — … today held …": a dateline dates the report, so "today" and "last
    # Tuesday" are read from it rather than from the publication date
    default_year = story_year(doc, text)  # without a publication date, a scan of the whole text
    dateline = dateline_date(text, header_end, default_year)
    reference = dateline.date if dateline else doc.published
    if dateline and doc.published is None and dateline.date.precision == "day":
        doc.published = dateline.date  # "Ho Chi Minh City, 15th March 2024 – …": a press release's day
    dates = [d for d in find_dates(text, default_year, reference) if d.start >= header_end]
    if dateline and not any(d.start == dateline.start for d in dates):
        dates = sorted(dates + [dateline], key=lambda d: d.start)  # "Viêng Chăn, 23-8 –"
    if reference is not None and reference.precision == "day" and doc.lang == "en":
        dates = ordinal_days(text, header_end, reference, dates)
    if dateline:
        # the dateline's day is the report's: "NANNING, Sept. 18 -- … signed … on Tuesday" dates the signing
        # by the day its sentence names (with none, the dateline's day is the day of the news)
        first = next((s for s in ex.sentences if s.start <= dateline.start < s.end), None)
        if first and any(first.start <= d.start < first.end and d.start != dateline.start and d.relative
                         for d in dates):
            dates = [d for d in dates if d.start != dateline.start]
    org_at = {tokens[i].start: (sp.key, sp.start, sp.end) for sp in spans for i in _first_token(tokens, sp.start)}
    person_at = {tokens[i].start: (p.key, p.start, p.end) for p in person_spans for i in _first_token(tokens, p.start)}

    def opens_with(sp: OrgSpan, head: str) -> bool:
        org = orgs.get(sp.key)
        names = [sp.text] + ([org.pref_vi or "", org.pref_en or ""] + org.names if org else [])
        heads = (head,) + _HEAD_EN.get(head, ())
        return any(key(n).startswith(h + " ") for n in names for h in heads)

    def recent_org_by_type(head: str, pos: int) -> str | None:
        before = [s for s in spans if s.start < pos and opens_with(s, head)]
        if before:
            return before[-1].key
        after = [s for s in spans if opens_with(s, head)]
        if after:
            return after[0].key
        shorts = [k for k, o in ref.orgs.items() if any(key(x) == head for x in o.short)]
        if shorts and any(s.key == shorts[0] for s in spans):
            return shorts[0]
        return None

    org_parent = {k: o.parent for k, o in orgs.items() if o.parent}
    demonyms = frozenset(p.name for p in ref.places.values() if p.kind == "demonym")
    # a department known by no acronym or reference entry: an office in it is an office of its parent
    generic_units = frozenset(k for k, o in orgs.items() if not o.from_reference and o.is_unit and not o.acronyms)
    custom_roles: dict[str, tuple[str, str]] = {}
    in_list = False  # a list of signed documents is being read
    list_date: PartialDate | None = None  # the date of that list
    item_paragraph = -1  # the paragraph of its last item
    # The tokens sentence_items makes a body, a person or an office of (an office is found within the
    # sentence only where one starts in the document): a sentence holding none has no membership or post,
    # and its items are read only when it reports a signing, so most sentences are not itemized.
    named_at = sorted({i for i, t in enumerate(tokens) if t.start in org_at or t.start in person_at} |
                      phrase_matches(tokens, phrases).keys())
    for s in body:
        folded = fold(s.text)
        lo, hi = token_range(tokens, s.start, s.end)
        bare = bisect.bisect_left(named_at, lo) == bisect.bisect_left(named_at, hi) and \
            agr.signing_position(folded, s.text) is None
        items = [] if bare else sentence_items(s, tokens, org_at, person_at, phrases, text, generic_units,
                                               custom_roles, org_parent, demonyms)
        memberships, posts = ([], []) if bare else extract_roles(s, items, org_types, recent_org_by_type,
                                                                 custom_roles)
        ex.memberships.extend(memberships)
        ex.posts.extend(posts)
        if in_list:
            if LIST_ITEM.match(folded) and listed_agreement(ex, s, items, list_date, dates, body):
                item_paragraph = s.paragraph
                continue
            if s.paragraph != item_paragraph:  # (a second sentence of an item — "Văn bản do … ký;" — goes on)
                in_list = False
        if ENUMERATED.match(folded):
            # "Văn kiện thứ hai là Thỏa thuận hợp tác … giữa QUATEST 3 và KTL", "The second document was an MoU
            # between …": one of the documents of the ceremony just told
            told = next((d.date for d in reversed(dates) if d.end <= s.start and d.date.precision == "day" and
                         not d.end_date and not d.is_period), None)
            if listed_agreement(ex, s, items, told, dates, body):
                continue
        if LIST_INTRO.search(folded):
            # "… đã trao 4 văn kiện hợp tác, gồm:", "signed the following documents:": the items follow
            in_list, list_date = True, date_for(s, dates, body, latest_fact_date(ex), latest_event_date(ex))
            continue
        for clause in signing_clauses(s, folded):
            clause_items = [it for it in items if clause.start <= it.start < clause.end]
            agreement(ex, clause, clause_items, spans, dates, places, body, evidence=s)
        agreement_in_force(ex, s, folded, spans, ref)
        ceremony_date(ex, s, folded, dates)
        _events(ex, s, tokens, spans, dates, places, body)
    _roles_used(ex, ref, custom_roles)
    # the story's day: the first day the body names ("CANBERRA - … were signed on Tuesday, 8th October 2024"),
    # else the dateline's or the publication's
    story_day = next((d.date for d in dates if d.date.precision == "day" and not d.is_period and not d.end_date
                      and not (dateline and d.start == dateline.start)),
                     reference if reference is not None and reference.precision == "day" else None)
    if story_day is not None:
        # a signing the story tells with no date of its own, near or far, is the story's news: it happened on
        # the story's day (a background one — "first signed", "the previous programme" — has its own date)
        for a in ex.agreements:
            if a.signed_on is None and not a.background and \
                    not (a.sentence and UNREAD_TIME.search(fold(a.sentence.text))):
                a.signed_on = story_day
    _dedupe(ex)
    return ex


def _first_token(tokens, start):
    i, _ = token_range(tokens, start, start)
    return [i] if i < len(tokens) else []


def _events(ex: Extraction, s: Sentence, tokens, spans: list[OrgSpan], dates, places, body) -> None:
    text = ex.document.text
    folded_sentence = fold(s.text)
    for ns, ne, name, kind, trig in find_events(text, s.start, s.end, tokens):
        if any(o.start <= trig < o.end for o in spans):
            continue  # "Pacific Area Standards Congress", "… Legal Metrology Forum": a body, not an event
        if kind == "ceremony" and fold(name).startswith(("le ky", "signing ceremony")):
            continue  # a signing ceremony is the agreement's, not an event of its own
        if len(name.split()) < 2:
            continue
        organizers: list[str] = []
        rel = trig - s.start
        if organizing_verb_before(folded_sentence, rel):
            organizers = [o.key for o in spans if s.start <= o.start < trig]
        after = text[ne:s.end]
        if organized_by_after(after):
            organizers += [o.key for o in spans if ne <= o.start < s.end][:2]
        inside = {o.key for o in spans if ns <= o.start < ne}
        roots = {k for k in inside if ex.organizations.get(k) is None or ex.organizations[k].parent not in inside}
        ends_name = any(o.key in roots and o.end >= ne - 1 for o in spans if ns <= o.start < ne)
        if not organizers and len(roots) == 1 and (ends_name or re.search(r"\b(cua|of)\b|\(", fold(name))):
            organizers = list(roots)  # "Phiên họp … Đại hội đồng ISO": the body whose meeting it is
        own_year = re.search(r"\b((?:19|20)\d\d)\b", name)
        start = None
        if own_year and not sentence_dates(s, dates):
            start = PartialDate(int(own_year.group(1)))
        else:
            start = date_for(s, dates, body, latest_fact_date(ex))
        place = None
        for ps, pe, p in places:
            if ne <= ps < s.end and p.kind != "demonym" and PLACE_CUE.search(text[max(ne, ps - 8):ps]):
                place = text[ps:pe]
                break
        # Other bodies named in the sentence took part ("Nhân dịp Phiên họp … ISO, … ASTM trao … Tổng cục").
        participants = [o.key for o in spans if s.start <= o.start < s.end and o.key not in organizers
                        and o.key not in inside and not _qualifies(ex, o.key, inside)]
        ex.events.append(Event(canonical_tone(name), kind, start, None, place,
                               list(dict.fromkeys(organizers)), list(dict.fromkeys(participants)), s))


def _qualifies(ex: Extraction, key: str, inside: set[str]) -> bool:
    """A parent of a body named in the event's name is the same party, not another participant."""
    return any(ex.organizations.get(k) is not None and ex.organizations[k].parent == key for k in inside)


def _roles_used(ex: Extraction, ref: Reference, custom: dict[str, tuple[str, str]]) -> None:
    used = {m.role for m in ex.memberships} | {p.role for p in ex.posts}
    for rk in sorted(used):
        if rk in custom:
            title, base = custom[rk]
            b = ref.roles.get(base)
            # the general office's names too, so "Director of International Affairs" is found as "Director"
            alt = [x for x in ((b.vi[:1] + b.en[:1]) if b else ()) if x != title]
            if title.isascii():
                ex.roles[rk] = Role(rk, None, title, alt, broader=base)
            else:
                ex.roles[rk] = Role(rk, title, None, alt, broader=base)
            used_base = base
        else:
            used_base = rk
        r = ref.roles.get(used_base)
        if r and used_base not in ex.roles:
            ex.roles[used_base] = Role(used_base, r.vi[0] if r.vi else None, r.en[0] if r.en else None,
                                       list(dict.fromkeys(r.vi[1:] + r.en[1:])))


def _dedupe(ex: Extraction) -> None:
    seen = {}
    for m in ex.memberships:
        k = (m.member, m.role, m.organization)
        if k not in seen:
            seen[k] = m
    # An office read without its organization, when the same person holds it somewhere named.
    ex.memberships = [m for k, m in seen.items() if not (k[2] is None and any(
        o.member == m.member and o.role == m.role and o.organization for o in seen.values()))
        and not (k[2] is None and k[1] in _TRANSIENT_ROLES)]
    posts: dict[tuple[str, str], Post] = {}
    held = {(m.organization, m.role) for m in ex.memberships}
    for p in ex.posts:
        if (p.organization, p.role) not in held:
            posts.setdefault((p.organization, p.role), p)
    ex.posts = list(posts.values())
    merged: list[Event] = []
    for e in ex.events:
        words = set(key(e.name).split())
        twin = None
        for kept in merged:
            mw = set(key(kept.name).split())
            small, big = (words, mw) if len(words) <= len(mw) else (mw, words)
            if small <= big or len(words & mw) / max(1, min(len(words), len(mw))) >= 0.8:
                twin = kept
                break
        if twin is None:
            merged.append(e)
            continue
        if len(e.name.split()) > len(twin.name.split()) and len(e.name.split()) <= 20:
            twin.name = e.name
        twin.organizers = list(dict.fromkeys(twin.organizers + e.organizers))
        twin.start = twin.start or e.start
        twin.place = twin.place or e.place
    ex.events = merged
