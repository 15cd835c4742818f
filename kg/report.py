"""Human-readable and JSON views of one extraction (for `kg extract`)."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict

from kg.model import Extraction


def extraction_dict(ex: Extraction) -> dict:
    def org_name(k: str | None) -> str | None:
        if k is None:
            return None
        o = ex.organizations.get(k)
        return (o.acronyms[0] if o and o.acronyms else (o.pref_vi or o.pref_en or k) if o else k)

    doc = ex.document
    return {
        "source": doc.source, "language": doc.lang, "headline": doc.headline,
        "published": doc.published.iso() if doc.published else None, "authors": doc.authors,
        "organizations": [{"key": o.key, "names": o.names, "acronyms": o.acronyms, "vi": o.pref_vi,
                           "en": o.pref_en, "parent": o.parent, "reference": o.from_reference}
                          for o in ex.organizations.values()],
        "people": [asdict(p) for p in ex.people.values()],
        "roles": [{"member": m.member, "role": m.role, "organization": org_name(m.organization),
                   "tenure": m.tenure, "member_is_org": m.member_is_org} for m in ex.memberships],
        "posts": [{"organization": org_name(p.organization), "role": p.role} for p in ex.posts],
        "agreements": [{"kind": a.kind, "parties": [org_name(p) for p in a.parties], "signatories": a.signatories,
                        "signed_on": a.signed_on.iso() if a.signed_on else None, "place": a.place,
                        "subject": a.subject, "sentence": a.sentence.text if a.sentence else None}
                       for a in ex.agreements],
        "events": [{"name": e.name, "kind": e.kind, "date": e.start.iso() if e.start else None, "place": e.place,
                    "organizers": [org_name(o) for o in e.organizers]} for e in ex.events],
    }


def print_extraction(ex: Extraction, fmt: str = "summary") -> None:
    if fmt == "json":
        json.dump(extraction_dict(ex), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    if fmt == "turtle":
        import pyoxigraph as ox

        from kg import vocab as V
        from kg.mapping import to_quads

        quads = to_quads(ex)
        sys.stdout.buffer.write(ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=dict(V.PREFIXES)))
        return
    from rich.console import Console

    c = Console()
    d = extraction_dict(ex)
    c.print(f"[bold]{d['headline'] or d['source']}[/bold]  ({d['language']}, published {d['published']}, "
            f"by {', '.join(d['authors']) or '—'})", highlight=False)
    c.print(f"\n[bold]Organizations[/bold] ({len(d['organizations'])})")
    for o in d["organizations"]:
        extra = f" ⊂ {o['parent']}" if o["parent"] else ""
        c.print(f"  {o['key']}: {' | '.join(o['names'] or [o['vi'] or o['en'] or ''])}{extra}", highlight=False)
    c.print(f"\n[bold]People[/bold] ({len(d['people'])})")
    for p in d["people"]:
        c.print(f"  {p['name']}" + (f" ({p['title']})" if p["title"] else ""), highlight=False)
    c.print(f"\n[bold]Roles[/bold] ({len(d['roles'])})")
    for r in d["roles"]:
        c.print(f"  {r['member']} — {r['role']} — {r['organization'] or '(no organization)'} [{r['tenure']}]",
                highlight=False)
    for p in d["posts"]:
        c.print(f"  (post) {p['role']} — {p['organization']}", highlight=False)
    c.print(f"\n[bold]Agreements[/bold] ({len(d['agreements'])})")
    for a in d["agreements"]:
        c.print(f"  {a['kind']}: {' + '.join(a['parties'])} {a['signed_on'] or ''} {a['place'] or ''} "
                f"signed by {', '.join(a['signatories']) or '—'}", highlight=False)
    c.print(f"\n[bold]Events[/bold] ({len(d['events'])})")
    for e in d["events"]:
        c.print(f"  {e['name']} [{e['kind']}] {e['date'] or ''} {e['place'] or ''} "
                f"organizers: {', '.join(e['organizers']) or '—'}", highlight=False)
