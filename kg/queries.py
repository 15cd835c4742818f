"""Saved SPARQL queries: discovery, parameter binding (as RDF terms, never as text) and execution."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg import vocab as V
from kg.errors import QueryError, UsageError

QUERY_DIR = Path(__file__).resolve().parents[1] / "queries"
_UPDATE = re.compile(r"^\s*(INSERT|DELETE|LOAD|CLEAR|DROP|CREATE|ADD|MOVE|COPY|WITH)\b", re.I | re.M)


@dataclass
class Param:
    name: str
    type: str  # iri | entity | literal | integer | date
    default: str | None
    description: str


@dataclass
class SavedQuery:
    name: str
    path: Path
    text: str
    description: str = ""
    params: list[Param] = field(default_factory=list)


def query_dir() -> Path:
    return Path(os.environ.get("KG_QUERIES") or QUERY_DIR)


def parse_saved(path: Path) -> SavedQuery:
    text = path.read_text(encoding="utf-8")
    q = SavedQuery(path.stem, path, text)
    for line in text.splitlines():
        if not line.startswith("#"):
            if line.strip():
                break
            continue
        body = line.lstrip("#").strip()
        if body.lower().startswith("description:"):
            q.description = body.split(":", 1)[1].strip()
        elif body.lower().startswith("param:"):
            parts = body.split(":", 1)[1].split(None, 3)
            if len(parts) >= 2:
                default = parts[2] if len(parts) > 2 and parts[2] != "-" else None
                q.params.append(Param(parts[0], parts[1], default, parts[3] if len(parts) > 3 else ""))
    return q


def saved_queries() -> list[SavedQuery]:
    d = query_dir()
    return [parse_saved(p) for p in sorted(d.glob("*.rq"))] if d.exists() else []


def load_query(name_or_file: str) -> SavedQuery:
    p = Path(name_or_file)
    if p.suffix == ".rq" and p.exists():
        return parse_saved(p)
    candidate = query_dir() / f"{name_or_file}.rq"
    if candidate.exists():
        return parse_saved(candidate)
    names = ", ".join(q.name for q in saved_queries())
    raise UsageError(f"no saved query or .rq file named {name_or_file!r} — saved queries: {names}")


def expand_iri(value: str) -> str | None:
    """Full IRI for "<…>", "http…", "kgid:org/x", "org/x"; None when the value is not IRI-shaped."""
    v = value.strip()
    if v.startswith("<") and v.endswith(">"):
        return v[1:-1]
    if re.match(r"^[a-z][a-z0-9+.-]*://", v):
        return v
    if ":" in v:
        prefix, local = v.split(":", 1)
        if prefix in V.PREFIXES:
            return V.PREFIXES[prefix] + local
    if re.match(r"^(org|person|role|agreement|event|doc|membership|post)/\S+$", v):
        return V.KGID + v
    return None


_LOOKUP = V.sparql_prefixes() + """
SELECT DISTINCT ?e ?v WHERE {
  { ?e coop:acronym ?l } UNION { ?e skos:prefLabel ?l } UNION { ?e skos:altLabel ?l } UNION { ?e foaf:name ?l }
  FILTER(LCASE(STR(?l)) = LCASE(STR(?v)))
} ORDER BY ?e LIMIT 5"""


def named_node(iri: str, raw: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(iri)
    except ValueError:
        raise UsageError(f"{raw!r} is not a valid IRI — quote names as plain text, or pass <http://…>") from None


def resolve_entity(store: ox.Store, value: str, run=None) -> ox.NamedNode:
    iri = expand_iri(value)
    if iri:
        return named_node(iri, value)
    rows = (run or _local_run(store))(_LOOKUP, {"v": ox.Literal(value)})
    found = list(dict.fromkeys(r["e"] for r in rows if r.get("e") is not None))
    if not found:
        raise UsageError(f"no organization or person is named {value!r} in the graph — "
                         "try `kg query organizations` to see the names, or pass an IRI")
    return found[0] if isinstance(found[0], ox.NamedNode) else ox.NamedNode(str(found[0]))


def bind(q: SavedQuery, given: dict[str, str], resolve) -> dict[str, ox.NamedNode | ox.Literal]:
    """RDF terms for the query's parameters (given values, else defaults); errors name what is missing."""
    known = {p.name for p in q.params}
    unknown = set(given) - known
    if unknown and q.params:
        raise UsageError(f"query {q.name!r} has no parameter {', '.join(sorted(unknown))}; "
                         f"its parameters: {', '.join(sorted(known)) or 'none'}")
    out: dict[str, ox.NamedNode | ox.Literal] = {}
    for p in q.params:
        raw = given.get(p.name, p.default)
        if raw is None:
            raise UsageError(f"query {q.name!r} needs --param {p.name}=… ({p.description})")
        out[p.name] = term_for(p.type, raw, resolve)
    for name in unknown:  # ad-hoc queries (-e / files without headers): plain literals or IRIs
        iri = expand_iri(given[name])
        out[name] = named_node(iri, given[name]) if iri else ox.Literal(given[name])
    return out


def term_for(kind: str, raw: str, resolve) -> ox.NamedNode | ox.Literal:
    if kind == "iri":
        iri = expand_iri(raw)
        if not iri:
            raise UsageError(f"{raw!r} is not an IRI (use <http://…>, kgid:org/…, or org/…)")
        return named_node(iri, raw)
    if kind == "entity":
        return resolve(raw)
    if kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", raw.strip()):
            raise UsageError(f"{raw!r} is not a whole number")
        return ox.Literal(raw.strip(), datatype=ox.NamedNode(V.XSD + "integer"))
    if kind == "date":
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw.strip()):
            raise UsageError(f"{raw!r} is not a date (YYYY-MM-DD)")
        return ox.Literal(raw.strip(), datatype=ox.NamedNode(V.XSD + "date"))
    return ox.Literal(raw)


def check_read_only(text: str) -> None:
    body = re.sub(r"(?m)^\s*#.*$", "", text)
    body = re.sub(r"(?im)^\s*(PREFIX|BASE)\s+[^\n]*$", "", body)
    if _UPDATE.search(body.strip()[:200]):
        raise UsageError("kg query only reads; this is a SPARQL UPDATE — use `kg update` if you mean to change "
                         "the graph")


def _local_run(store: ox.Store):
    def run(text: str, subs: dict[str, ox.NamedNode | ox.Literal]) -> list[dict]:
        return execute(store, text, subs)[1]

    return run


def execute(store: ox.Store, text: str, subs: dict[str, ox.NamedNode | ox.Literal] | None = None
            ) -> tuple[list[str], list[dict]]:
    """Run a SELECT/ASK query over the union of the document graphs: (columns, rows of terms)."""
    check_read_only(text)
    subs = subs or {}
    bound, rest = _bind_in_text(text, subs) if subs else (text, subs)
    try:
        try:
            result = store.query(bound, use_default_graph_as_union=True,
                                 substitutions={ox.Variable(k): v for k, v in rest.items()} or None)
        except SyntaxError:
            if bound == text:
                raise
            # the user's own text, so that an error points at its line:column
            result = store.query(text, use_default_graph_as_union=True,
                                 substitutions={ox.Variable(k): v for k, v in subs.items()} or None)
    except SyntaxError as e:
        raise UsageError(f"SPARQL syntax error: {e} (line:column)") from None
    except OSError as e:
        raise QueryError(f"the store could not answer: {e}") from None
    except ValueError as e:
        raise QueryError(f"the query could not be run: {e}") from None
    if isinstance(result, ox.QueryBoolean):
        return ["result"], [{"result": ox.Literal(str(bool(result)).lower())}]
    if isinstance(result, ox.QuerySolutions):
        cols = [v.value for v in result.variables]
        rows = [{c: sol[c] for c in cols} for sol in result]
        return cols, rows
    triples = list(result)
    return ["subject", "predicate", "object"], [
        {"subject": t.subject, "predicate": t.predicate, "object": t.object} for t in triples]


def _bind_in_text(text: str, subs: dict[str, ox.NamedNode | ox.Literal]
                  ) -> tuple[str, dict[str, ox.NamedNode | ox.Literal]]:
    """Parameters as a VALUES block first in the WHERE group (see kg.sparql_text), so the engine starts
    from them; pyoxigraph's substitutions when the query has no such group or a value cannot be written."""
    from kg.errors import KgError
    from kg.sparql_text import inject_values

    if any(re.search(rf"\bAS\s+[?$]{re.escape(name)}\b", text, re.I) for name in subs):
        return text, subs  # (… AS ?param) assigns the parameter: a VALUES block would clash with it
    try:
        return inject_values(text, subs), {}
    except KgError:
        return text, subs


def term_text(term, compact: bool = False) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        if compact:
            for p, iri in V.PREFIXES.items():
                if term.value.startswith(iri):
                    return f"{p}:{term.value[len(iri):]}"
        return term.value
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)
