"""Facts -> RDF quads under the public vocabulary, one named graph per document.

IRIs are derived from content (keys, names, dates), never from counters, so the same entity gets
the same IRI in every run and every document, and rebuilding a document rewrites the same quads.
"""

from __future__ import annotations

import bisect
import functools
import hashlib
from collections.abc import Iterable

from pyoxigraph import Literal, NamedNode, Quad

from kg import vocab as V
from kg.extract.text import slug
from kg.model import Extraction, PartialDate, Sentence

_NON_NEGATIVE = NamedNode(V.XSD + "nonNegativeInteger")
_XSD_DATE = NamedNode(V.XSD + "date")


def _n(iri: str) -> NamedNode:
    return NamedNode(iri)


@functools.cache
def _term(iri: str) -> NamedNode:
    """The node of a vocabulary term (a predicate or a class): one object per term, built once per process."""
    return NamedNode(iri)


def _date_literal(d: PartialDate) -> Literal:
    dt = {"day": "date", "month": "gYearMonth", "year": "gYear"}[d.precision]
    return Literal(d.iso(), datatype=_term(V.XSD + dt))


def _short_hash(*parts: str) -> str:
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:10]


class _Graph:
    def __init__(self, graph: NamedNode):
        self.g = graph
        self.quads: list[Quad] = []
        self._seen: set[tuple] = set()

    def add(self, s, p: str, o) -> None:
        if o is None:
            return
        t = (s, p, o)
        if t in self._seen:
            return
        self._seen.add(t)
        self.quads.append(Quad(s, _term(p), o, self.g))

    def type(self, s, *classes: str) -> None:
        for c in classes:
            self.add(s, V.RDF + "type", _term(c))


def entity_quads(quads: Iterable[Quad]) -> list[Quad]:
    """The statements about organizations, people and roles (not their provenance) among `quads`, as
    quads of the shared entities graph (see vocab.ENTITIES_GRAPH). One rule for the workers that write
    that graph and for the store code that keeps it."""
    graph = NamedNode(V.ENTITIES_GRAPH)
    derived = V.PROV + "wasDerivedFrom"
    return [Quad(q.subject, q.predicate, q.object, graph) for q in quads
            if isinstance(q.subject, NamedNode) and q.subject.value.startswith(V.ENTITY_PREFIXES)
            and q.predicate.value != derived]


def to_quads(ex: Extraction) -> list[Quad]:
    doc = ex.document
    d = _n(V.doc_iri(doc.slug))
    g = _Graph(d)
    lang = doc.lang
    derived = V.PROV + "wasDerivedFrom"

    g.type(d, V.SCHEMA + "NewsArticle")
    if doc.headline:
        g.add(d, V.SCHEMA + "headline", Literal(doc.headline, language=lang))
    if doc.published:
        g.add(d, V.SCHEMA + "datePublished", _date_literal(doc.published))
    g.add(d, V.SCHEMA + "inLanguage", Literal(lang))
    g.add(d, V.DCTERMS + "source", Literal(doc.source))
    g.add(d, V.COOP + "contentHash", Literal(doc.content_hash))
    for name in doc.authors:
        p = _n(V.person_iri(slug(name)))
        g.add(d, V.SCHEMA + "author", p)

    ctx = _n(f"{d.value}#char=0,")
    g.type(ctx, V.NIF + "Context")
    g.add(ctx, V.NIF + "isString", Literal(doc.text))
    g.add(ctx, V.NIF + "beginIndex", Literal(str(0), datatype=_NON_NEGATIVE))
    g.add(ctx, V.NIF + "endIndex", Literal(str(len(doc.text)), datatype=_NON_NEGATIVE))
    g.add(ctx, V.NIF + "sourceUrl", d)

    def offsets(node, start: int, end: int) -> None:
        g.add(node, V.NIF + "referenceContext", ctx)
        g.add(node, V.NIF + "beginIndex", Literal(str(start), datatype=_NON_NEGATIVE))
        g.add(node, V.NIF + "endIndex", Literal(str(end), datatype=_NON_NEGATIVE))
        g.add(node, V.NIF + "anchorOf", Literal(doc.text[start:end]))

    def dated(node, prop: str, when: PartialDate | None) -> None:
        """The date at the text's precision, and beside it coop:earliestDate for comparisons."""
        if when:
            g.add(node, prop, _date_literal(when))
            g.add(node, V.COOP + "earliestDate", Literal(when.earliest(), datatype=_XSD_DATE))

    evidence_sentences: dict[tuple[int, int], object] = {}

    def sentence(s: Sentence | None):
        if s is None:
            return None
        node = _n(f"{d.value}#char={s.start},{s.end}")
        if (s.start, s.end) not in evidence_sentences:
            g.type(node, V.NIF + "Sentence")
            offsets(node, s.start, s.end)
            evidence_sentences[(s.start, s.end)] = node
        return node

    for key, org in ex.organizations.items():
        o = _n(V.org_iri(key))
        g.type(o, V.ORG + "Organization")
        # a unit whose parent this document does not name is an organization here (a unit needs its
        # org:unitOf): where another document names the parent, the union types it a unit
        if org.parent:
            g.type(o, V.ORG + "OrganizationalUnit")
            g.add(o, V.ORG + "unitOf", _n(V.org_iri(org.parent)))
        # a body the document names only by its acronym ("… Director of BBQ") has no preferred name here:
        # the acronym is an altLabel, and another document's full name stays the one preferred name
        pref_vi = org.pref_vi if org.pref_vi not in org.acronyms else None
        pref_en = org.pref_en if org.pref_en not in org.acronyms else None
        if pref_vi:
            g.add(o, V.SKOS + "prefLabel", Literal(pref_vi, language="vi"))
        if pref_en:
            g.add(o, V.SKOS + "prefLabel", Literal(pref_en, language="en"))
        prefs = {pref_vi, pref_en}
        for name in org.names + org.acronyms:
            if name not in prefs:
                g.add(o, V.SKOS + "altLabel", Literal(name))
        for acr in org.acronyms:
            g.add(o, V.COOP + "acronym", Literal(acr))
        if org.kind:
            g.add(o, V.COOP + "orgKind", Literal(org.kind))
        if org.country:
            g.add(o, V.COOP + "country", Literal(org.country))
        if org.wikidata:
            g.add(o, V.OWL + "sameAs", _n(V.WD + org.wikidata))
        g.add(o, derived, d)

    for key, person in ex.people.items():
        p = _n(V.person_iri(key))
        g.type(p, V.FOAF + "Person")
        g.add(p, V.FOAF + "name", Literal(person.name))
        if person.title:
            g.add(p, V.FOAF + "title", Literal(person.title))
        g.add(p, derived, d)

    for key, role in ex.roles.items():
        r = _n(V.role_iri(key))
        g.type(r, V.ORG + "Role")
        if role.vi:
            g.add(r, V.SKOS + "prefLabel", Literal(role.vi, language="vi"))
        if role.en:
            g.add(r, V.SKOS + "prefLabel", Literal(role.en, language="en"))
        for alt in role.alt:
            g.add(r, V.SKOS + "altLabel", Literal(alt))
        if role.broader:
            g.add(r, V.SKOS + "broader", _n(V.role_iri(role.broader)))

    for m in ex.mentions:
        node = _n(f"{d.value}#char={m.start},{m.end}")
        g.type(node, V.NIF + "Phrase")
        offsets(node, m.start, m.end)
        target = V.org_iri(m.entity) if m.kind == "org" else V.person_iri(m.entity)
        g.add(node, V.ITSRDF + "taIdentRef", _n(target))

    for m in ex.memberships:
        member = V.org_iri(m.member) if m.member_is_org else V.person_iri(m.member)
        node = _n(f"{V.KGID}membership/{_short_hash(member, m.role, m.organization or '')}")
        g.type(node, V.ORG + "Membership")
        g.add(node, V.ORG + "member", _n(member))
        if m.organization:
            g.add(node, V.ORG + "organization", _n(V.org_iri(m.organization)))
        g.add(node, V.ORG + "role", _n(V.role_iri(m.role)))
        g.add(node, V.COOP + "tenure", _n(V.COOP + V.TENURE[m.tenure]))
        g.add(node, derived, d)
        g.add(node, V.COOP + "evidence", sentence(m.sentence))

    for p in ex.posts:
        node = _n(f"{V.KGID}post/{p.organization}--{p.role}")
        g.type(node, V.ORG + "Post")
        g.add(node, V.ORG + "postIn", _n(V.org_iri(p.organization)))
        g.add(node, V.ORG + "role", _n(V.role_iri(p.role)))
        g.add(node, derived, d)
        g.add(node, V.COOP + "evidence", sentence(p.sentence))

    for a in ex.agreements:
        parties = sorted(set(a.parties))
        date = a.signed_on.iso() if a.signed_on else "undated"
        node = _n(f"{V.KGID}agreement/{a.kind}-{'-'.join(parties)[:100]}-{date}")
        g.type(node, V.COOP + "Agreement")
        if a.kind in V.AGREEMENT_CLASSES:
            g.type(node, V.COOP + V.AGREEMENT_CLASSES[a.kind])
        g.add(node, V.COOP + "agreementKind", Literal(a.kind))
        names = [_label_of(ex, k) for k in a.parties]
        label = f"{a.kind.upper() if a.kind == 'mou' else a.kind.capitalize()} {' – '.join(names)}"
        if a.signed_on:
            label += f" ({a.signed_on.iso()})"
        g.add(node, V.RDFS + "label", Literal(label))
        for k in a.parties:
            g.add(node, V.COOP + "party", _n(V.org_iri(k)))
        for p in a.signatories:
            g.add(node, V.COOP + "signatory", _n(V.person_iri(p)))
        dated(node, V.COOP + "signedOn", a.signed_on)
        if a.place:
            g.add(node, V.SCHEMA + "location", Literal(a.place))
        if a.subject:
            g.add(node, V.DCTERMS + "subject", Literal(a.subject, language=lang))
        g.add(node, derived, d)
        g.add(node, V.COOP + "evidence", sentence(a.sentence))

    for e in ex.events:
        date = e.start.iso() if e.start else "undated"
        node = _n(f"{V.KGID}event/{slug(e.name, 60)}-{date}-{_short_hash(e.name)[:6]}")
        g.type(node, V.SCHEMA + "Event")
        if e.kind in V.EVENT_CLASSES:
            g.type(node, V.COOP + V.EVENT_CLASSES[e.kind])
        g.add(node, V.SCHEMA + "name", Literal(e.name, language=lang))
        dated(node, V.SCHEMA + "startDate", e.start)
        if e.end:
            g.add(node, V.SCHEMA + "endDate", _date_literal(e.end))
        if e.place:
            g.add(node, V.SCHEMA + "location", Literal(e.place))
        for o in e.organizers:
            g.add(node, V.SCHEMA + "organizer", _n(V.org_iri(o)))
        for p in e.participants:
            g.add(node, V.COOP + "participant", _n(V.org_iri(p)))
        g.add(node, derived, d)
        g.add(node, V.COOP + "evidence", sentence(e.sentence))

    # A mention inside an evidence sentence points at it (nif:sentence), so "the sentence around this
    # mention" is one look-up, not an offset comparison against every sentence of the document.
    spans = sorted(evidence_sentences)
    for m in ex.mentions:
        i = bisect.bisect_right(spans, (m.start, float("inf"))) - 1
        if i >= 0 and spans[i][0] <= m.start and m.end <= spans[i][1]:
            g.add(_n(f"{d.value}#char={m.start},{m.end}"), V.NIF + "sentence", evidence_sentences[spans[i]])
    return g.quads


def _label_of(ex: Extraction, key: str) -> str:
    org = ex.organizations.get(key)
    if org is None:
        return key
    if org.acronyms:
        return org.acronyms[0]
    return org.pref_vi or org.pref_en or (org.names[0] if org.names else key)
