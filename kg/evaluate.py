"""`kg eval`: score the graph built from each article against its gold annotations.

The gold format and the scoring rules are those of the shared corpus (gold-format.md):
labels match after NFC and case folding; precision counts unmatched nodes, nodes matching two
gold entities (merges) and extra nodes for an already matched entity (splits) as errors; recall
counts required gold items matched; roles are (person, organization, role) triples; agreements
match on their party set (at most one extra party) and date prefix; events match by name.
"""

from __future__ import annotations

import json
import re
import tempfile
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg import vocab as V
from kg.errors import UsageError

CATEGORIES = ("organizations", "people", "roles", "agreements", "events")


def norm(s: str) -> str:
    return unicodedata.normalize("NFC", s).casefold().strip()


@dataclass
class Score:
    tp_p: int = 0  # extracted items that are correct
    n_p: int = 0  # extracted items counted for precision
    tp_r: int = 0  # required gold items found
    n_r: int = 0  # required gold items

    def add(self, o: Score) -> None:
        self.tp_p += o.tp_p
        self.n_p += o.n_p
        self.tp_r += o.tp_r
        self.n_r += o.n_r

    @property
    def precision(self) -> float:
        return self.tp_p / self.n_p if self.n_p else 1.0

    @property
    def recall(self) -> float:
        return self.tp_r / self.n_r if self.n_r else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class DocResult:
    doc: str
    scores: dict[str, Score] = field(default_factory=lambda: {c: Score() for c in CATEGORIES})
    errors: list[dict] = field(default_factory=list)
    evidence: tuple[int, int] = (0, 0)  # facts with evidence, facts


@dataclass
class EvalResult:
    documents: list[DocResult] = field(default_factory=list)

    def total(self, cat: str) -> Score:
        s = Score()
        for d in self.documents:
            s.add(d.scores[cat])
        return s

    def skipped(self) -> list[tuple[str, str]]:
        """(document, why) for each article the extractor could not process: its scores count as all
        missed, which a reader of the table alone would take for a weak rule."""
        return [(d.doc, e.get("item", "")) for d in self.documents for e in d.errors if e["category"] == "document"]

    def evidence_ratio(self) -> float:
        have = sum(d.evidence[0] for d in self.documents)
        n = sum(d.evidence[1] for d in self.documents)
        return have / n if n else 1.0


def _q(store: ox.Store, text: str) -> list[dict]:
    res = store.query(V.sparql_prefixes() + text, use_default_graph_as_union=True)
    return [{v.value: sol[v.value] for v in res.variables} for sol in res]


def _labels(store: ox.Store, cls: str, props: list[str]) -> dict[str, set[str]]:
    alts = " UNION ".join(f"{{ ?n {p} ?l }}" for p in props)
    out: dict[str, set[str]] = {}
    for r in _q(store, f"SELECT ?n ?l WHERE {{ ?n a {cls} . {alts} }}"):
        out.setdefault(r["n"].value, set()).add(norm(r["l"].value))
    for r in _q(store, f"SELECT ?n WHERE {{ ?n a {cls} }}"):
        out.setdefault(r["n"].value, set())
    return out


def _match_entities(nodes: dict[str, set[str]], gold: list[dict], cat: str, res: DocResult,
                    names_key: str = "names") -> dict[str, str]:
    """Score one entity category; returns node IRI -> gold key for nodes matching exactly one entity."""
    score = res.scores[cat]
    gold_names = {g["key"]: {norm(n) for n in g.get(names_key, []) + g.get("also", [])} for g in gold}
    optional = {g["key"] for g in gold if g.get("optional")}
    matched_by: dict[str, list[str]] = {}
    node_to_key: dict[str, str] = {}
    for node, labels in sorted(nodes.items()):
        keys = [k for k, ns in gold_names.items() if labels & ns]
        if not keys:
            score.n_p += 1
            res.errors.append({"category": cat, "type": "spurious", "item": _show(labels, node)})
            continue
        if len(keys) > 1:
            if all(k in optional for k in keys[1:]) or all(k in optional for k in keys[:-1]):
                keys = [k for k in keys if k not in optional] or keys[:1]
            if len(keys) > 1:
                score.n_p += 1
                res.errors.append({"category": cat, "type": "merged", "item": _show(labels, node),
                                   "gold": keys})
                continue
        k = keys[0]
        node_to_key[node] = k
        if k in matched_by:
            if k not in optional:
                score.n_p += 1
                res.errors.append({"category": cat, "type": "split", "item": _show(labels, node), "gold": k})
            matched_by[k].append(node)
            continue
        matched_by[k] = [node]
        if k not in optional:
            score.n_p += 1
            score.tp_p += 1
    for g in gold:
        if g.get("optional"):
            continue
        score.n_r += 1
        if g["key"] in matched_by:
            score.tp_r += 1
        else:
            res.errors.append({"category": cat, "type": "missed", "item": g.get(names_key, [g["key"]])[0]})
    return node_to_key


def _show(labels: set[str], node: str) -> str:
    return sorted(labels, key=len, reverse=True)[0] if labels else node


def score_graph(store: ox.Store, gold: dict, doc_name: str) -> DocResult:
    res = DocResult(doc_name)
    orgs = _labels(store, "org:Organization", ["skos:prefLabel", "skos:altLabel", "coop:acronym"])
    org_key = _match_entities(orgs, gold.get("organizations", []), "organizations", res)
    people_gold = gold.get("people", [])
    people = _labels(store, "foaf:Person", ["foaf:name"])
    person_key = _match_entities(people, people_gold, "people", res)

    # Roles: (person, organization, role) triples.
    gold_roles = gold.get("roles", [])
    optional_people = {p["key"] for p in people_gold if p.get("optional")}
    rows = _q(store, """SELECT ?m ?member ?org ?l ?sent WHERE { ?m a org:Membership ; org:member ?member ; org:role ?r .
        ?member a foaf:Person . OPTIONAL { ?m org:organization ?org } OPTIONAL { ?r skos:prefLabel|skos:altLabel ?l }
        OPTIONAL { ?m coop:evidence/nif:anchorOf ?sent } }""")
    memberships: dict[str, dict] = {}
    for r in rows:
        m = memberships.setdefault(r["m"].value, {"person": r["member"].value, "org": r["org"].value if r.get("org")
                                                  else None, "labels": set(), "sentence": ""})
        if r.get("l"):
            m["labels"].add(norm(r["l"].value))
        if r.get("sent"):
            m["sentence"] = r["sent"].value
    score = res.scores["roles"]
    found: set[int] = set()
    for m in memberships.values():
        pk = person_key.get(m["person"])
        ok = None
        for gi, g in _required_first(gold_roles):
            if pk != g["person"]:
                continue
            gorg = g.get("org")
            if (gorg is None and m["org"] is None) or (gorg is not None and org_key.get(m["org"] or "") == gorg):
                if m["labels"] & {norm(x) for x in g.get("role", [])}:
                    ok = gi
                    break
        if pk in optional_people or (ok is not None and gold_roles[ok].get("optional")):
            continue  # an optional role: finding it is neither right nor wrong
        score.n_p += 1
        if ok is not None and ok not in found:
            score.tp_p += 1
            found.add(ok)
        else:
            res.errors.append({"category": "roles", "type": "spurious" if ok is None else "split",
                               "item": f"{pk or m['person']} / {sorted(m['labels'])[:1]} / "
                                       f"{org_key.get(m['org'] or '', m['org'])}", "sentence": m["sentence"]})
    _recall(res, "roles", found, [f"{g['person']} / {g.get('role', [''])[0]} / {g.get('org')}"
                                  for g in gold_roles], [bool(g.get("optional")) for g in gold_roles])

    # Agreements: party set and date.
    rows = _q(store, """SELECT ?a ?p ?d ?sent WHERE { ?a a coop:Agreement ; coop:party ?p .
        OPTIONAL { ?a coop:signedOn ?d } OPTIONAL { ?a coop:evidence/nif:anchorOf ?sent } }""")
    agreements: dict[str, dict] = {}
    for r in rows:
        a = agreements.setdefault(r["a"].value, {"parties": set(), "date": r["d"].value if r.get("d") else None,
                                                 "sentence": r["sent"].value if r.get("sent") else ""})
        a["parties"].add(org_key.get(r["p"].value, r["p"].value))
    score = res.scores["agreements"]
    gold_agreements = gold.get("agreements", [])
    found = set()
    for a in agreements.values():
        hit = None
        for gi, g in _required_first(gold_agreements):
            gp = set(g["parties"])
            if gp <= a["parties"] and len(a["parties"] - gp) <= 1:
                gd = g.get("date")
                if gd is None or (a["date"] or "").startswith(gd):
                    if gi not in found:
                        hit = gi
                        break
                    hit = -1
        if hit is not None and hit >= 0 and gold_agreements[hit].get("optional"):
            continue  # an optional agreement: neither right nor wrong
        score.n_p += 1
        if hit is not None and hit >= 0:
            score.tp_p += 1
            found.add(hit)
        else:
            res.errors.append({"category": "agreements", "type": "spurious" if hit is None else "split",
                               "item": f"{sorted(a['parties'])} {a['date']}", "sentence": a["sentence"]})
    _recall(res, "agreements", found, [f"{g['parties']} {g.get('date')}" for g in gold_agreements],
            [bool(g.get("optional")) for g in gold_agreements])

    # Events by name.
    rows = _q(store, """SELECT ?e ?n ?sent WHERE { ?e a schema:Event ; schema:name ?n .
        OPTIONAL { ?e coop:evidence/nif:anchorOf ?sent } }""")
    events: dict[str, dict] = {}
    for r in rows:
        events.setdefault(r["e"].value, {"names": set(), "sentence": r["sent"].value if r.get("sent") else ""})
        events[r["e"].value]["names"].add(r["n"].value)
    score = res.scores["events"]
    gold_events = gold.get("events", [])
    found = set()
    for e in events.values():
        hits = [gi for gi, g in enumerate(gold_events) if any(_event_match(gn, en) for gn in g.get("names", [])
                                                               for en in e["names"])]
        required_hits = [gi for gi in hits if not gold_events[gi].get("optional")]
        if hits and not required_hits:
            continue  # an optional event: neither right nor wrong
        score.n_p += 1
        fresh = [gi for gi in required_hits if gi not in found]
        if fresh:
            score.tp_p += 1
            found.add(fresh[0])
        else:
            res.errors.append({"category": "events", "type": "spurious" if not hits else "split",
                               "item": sorted(e["names"])[0], "sentence": e["sentence"]})
    for gi, g in enumerate(gold_events):
        if g.get("optional"):
            continue
        score.n_r += 1
        if gi in found:
            score.tp_r += 1
        else:
            res.errors.append({"category": "events", "type": "missed", "item": g["names"][0]})

    # Provenance and evidence.
    facts = _q(store, """SELECT ?f (BOUND(?d) AS ?hasd) (BOUND(?ev) AS ?hase) WHERE {
        { ?f a coop:Agreement } UNION { ?f a org:Membership } UNION { ?f a schema:Event } UNION { ?f a org:Post }
        UNION { ?f a org:Organization } UNION { ?f a foaf:Person }
        OPTIONAL { ?f prov:wasDerivedFrom ?d } OPTIONAL { ?f coop:evidence ?ev } }""")
    seen = {}
    for r in facts:
        seen[r["f"].value] = r["hasd"].value == "true"
    res.evidence = (sum(seen.values()), len(seen))
    return res


def _required_first(gold: list[dict]) -> list[tuple[int, dict]]:
    """Gold items by index, the required ones first: an extracted fact that matches a required item
    and an optional one counts for the required one."""
    return sorted(enumerate(gold), key=lambda ig: bool(ig[1].get("optional")))


def _recall(res: DocResult, cat: str, found: set[int], gold_items: list[str],
            optional: list[bool] | None = None) -> None:
    """Count every required gold item and report those no extracted fact matched (an optional item
    need not be found: gold-format.md)."""
    score = res.scores[cat]
    for gi, item in enumerate(gold_items):
        if optional and optional[gi]:
            continue
        score.n_r += 1
        if gi in found:
            score.tp_r += 1
        else:
            res.errors.append({"category": cat, "type": "missed", "item": item})


def _words(s: str) -> list[str]:
    return re.findall(r"\w+", norm(s))


def _event_match(gold_name: str, name: str) -> bool:
    g, e = _words(gold_name), _words(name)
    if not g or not e:
        return False
    if set(g) <= set(e):
        return True
    overlap = len(set(g) & set(e)) / max(len(set(g)), len(set(e)))
    return overlap >= 0.6


def gold_files(directory: Path, recursive: bool = False) -> list[tuple[Path, Path]]:
    pattern = "**/*.gold.json" if recursive else "*.gold.json"
    pairs = []
    for g in sorted(directory.glob(pattern)):
        stem = g.name[: -len(".gold.json")]
        for cand in sorted(g.parent.glob(stem + ".*")):
            if cand.suffix in {".txt", ".html", ".htm"} and cand.name != g.name:
                pairs.append((cand, g))
                break
    return pairs


def evaluate_dir(directory: Path, recursive: bool = False) -> EvalResult:
    from kg.build import build

    if not directory.is_dir():
        raise UsageError(f"{directory} is not a folder of articles with .gold.json files")
    pairs = gold_files(directory, recursive)
    if not pairs:
        raise UsageError(f"no article with a .gold.json beside it in {directory}")
    result = EvalResult()
    for article, gold_path in pairs:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        with tempfile.TemporaryDirectory(prefix="kg-eval-") as tmp:
            store_dir = Path(tmp) / "store"
            report = build([article], store_dir, jobs=1)
            from kg.store import KgStore

            store = KgStore(store_dir).open_read()
            doc = score_graph(store, gold, article.name)
            if report.count("skipped"):
                doc.errors.append({"category": "document", "type": "skipped",
                                   "item": report.documents[0].error or ""})
            result.documents.append(doc)
            del store
    return result


def print_report(result: EvalResult, fmt: str = "table", show_errors: bool = True) -> None:
    if fmt == "json":
        out = {c: {"precision": round(result.total(c).precision, 4), "recall": round(result.total(c).recall, 4),
                   "f1": round(result.total(c).f1, 4)} for c in CATEGORIES}
        out["provenance"] = round(result.evidence_ratio(), 4)
        out["errors"] = [dict(e, document=d.doc) for d in result.documents for e in d.errors]
        out["skipped"] = [{"document": doc, "error": why} for doc, why in result.skipped()]
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.table import Table

    c = Console()
    if show_errors:
        for d in result.documents:
            if d.errors:
                c.print(f"[bold]{d.doc}[/bold]", highlight=False)
                for e in d.errors:
                    extra = f"  ← {e['sentence'][:110]}" if e.get("sentence") else ""
                    gold = f" (gold {e['gold']})" if e.get("gold") else ""
                    c.print(f"  {e['category']:<13} {e['type']:<8} {e['item']}{gold}{extra}", highlight=False)
    t = Table(title=f"{len(result.documents)} document(s), micro-averaged")
    for col in ("category", "precision", "recall", "F1", "found/gold"):
        t.add_column(col, justify="right" if col != "category" else "left")
    for cat in CATEGORIES:
        s = result.total(cat)
        t.add_row(cat, f"{s.precision:.3f}", f"{s.recall:.3f}", f"{s.f1:.3f}", f"{s.tp_r}/{s.n_r}")
    c.print(t)
    c.print(f"facts with prov:wasDerivedFrom: {result.evidence_ratio():.1%}")
