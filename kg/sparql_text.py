"""Parameters bound into query text as a `VALUES` block — used for local queries and remote endpoints.

A `VALUES` first in the outermost WHERE group lets the engine start every join from the bound term,
so a query about one entity reads that entity's triples only (pyoxigraph's `substitutions` do not
reach into property paths: `evidence` took 3 s instead of 10 ms on 10k articles). Terms are written
with pyoxigraph's own N-Triples serialization and checked token by token, so user text is never
pasted into a query.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

from kg.errors import QueryError, UsageError

Term = ox.NamedNode | ox.Literal | ox.BlankNode

_IRI = r'<[^<>"{}|^`\\\x00-\x20]*>'
_TERM_IRI = re.compile(_IRI)
_TERM_LITERAL = re.compile(
    r'"(?:[^"\\\n\r]|\\[tbnrf"\'\\]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8})*"'
    r"(?:@[A-Za-z]+(?:-[A-Za-z0-9]+)*(?:--(?:ltr|rtl))?|\^\^" + _IRI + ")?")
_VARNAME = re.compile(r"\w+")
# Just enough of the SPARQL grammar to find the braces that matter: comments, strings, IRIs, variables,
# prefixed names and escapes are consumed whole, so a "{" inside any of them is never counted.
_TOKENS = re.compile(r'''
    (?P<skip> \#[^\n\r]*
      | """(?:[^"\\]|\\.|"(?!""))*""" | '\'\'(?:[^'\\]|\\.|'(?!''))*'\'\'
      | "(?:[^"\\\n\r]|\\.)*" | '(?:[^'\\\n\r]|\\.)*'
      | <[^<>"{}|^`\\\x00-\x20]*>
      | [?$]\w+
      | (?:[A-Za-z][\w.-]*)?:(?:[\w:.-]|%[0-9A-Fa-f]{2}|\\.)*
      | \\. | \s+ )
    | (?P<open>\{) | (?P<close>\}) | (?P<lparen>\() | (?P<rparen>\))
    | (?P<word>[A-Za-z_]\w*)
    | (?P<other>.)''', re.X | re.S)


def term_sparql(term: Term) -> str:
    """A term as SPARQL text: pyoxigraph's own N-Triples serialization, accepted only when it is exactly
    one IRI or literal token (so no value, however hostile, can close the VALUES block)."""
    if isinstance(term, ox.BlankNode):
        raise UsageError("a blank node cannot be sent to a remote endpoint as a parameter — use an IRI")
    if not isinstance(term, (ox.NamedNode, ox.Literal)):
        raise UsageError(f"cannot send {term!r} as a query parameter")
    text = str(term)
    pattern = _TERM_IRI if isinstance(term, ox.NamedNode) else _TERM_LITERAL
    if not pattern.fullmatch(text):
        raise QueryError(f"cannot send the parameter value {term.value!r} safely to the endpoint")
    return text


def _where_group(text: str) -> tuple[int, int, bool] | None:
    """(index of the "{" opening the outermost WHERE group, index of its "}", whether the group is a
    bare sub-SELECT); None when the query has no WHERE group (DESCRIBE <x>, CONSTRUCT WHERE short form)."""
    toks = [(m.lastgroup, m.start(), m.group()) for m in _TOKENS.finditer(text) if m.lastgroup != "skip"]
    i, n = 0, len(toks)
    while i < n and not (toks[i][0] == "word" and toks[i][2].upper() in {"SELECT", "ASK", "CONSTRUCT", "DESCRIBE"}):
        i += 1
    if i == n:
        return None
    form = toks[i][2].upper()
    i += 1
    if form == "CONSTRUCT":
        if i < n and toks[i][0] == "word" and toks[i][2].upper() == "WHERE":
            return None  # CONSTRUCT WHERE { … }: the group is also the template
        if i < n and toks[i][0] == "open":
            depth = 0
            while i < n:
                depth += {"open": 1, "close": -1}.get(toks[i][0], 0)
                i += 1
                if depth == 0:
                    break
    parens = 0
    while i < n and not (toks[i][0] == "open" and parens == 0):
        parens += {"lparen": 1, "rparen": -1}.get(toks[i][0], 0)
        i += 1
    if i == n:
        return None
    start, depth, j = i, 0, i
    while j < n:
        depth += {"open": 1, "close": -1}.get(toks[j][0], 0)
        if depth == 0:
            break
        j += 1
    if j == n:
        return None
    subselect = start + 1 < n and toks[start + 1][0] == "word" and toks[start + 1][2].upper() == "SELECT"
    return toks[start][1], toks[j][1], subselect


def inject_values(text: str, subs: dict[str, Term] | None) -> str:
    """The query with `VALUES (?a ?b) { (<iri> "lit"^^<dt>) }` first in its outermost WHERE group — the
    remote equivalent of pyoxigraph's substitutions. Inserted on the same line, so the server's
    line:column in a syntax error still points into the user's query."""
    if not subs:
        return text
    by_name: dict[str, str] = {}
    for name, term in subs.items():
        if not _VARNAME.fullmatch(name):
            raise UsageError(f"{name!r} is not a SPARQL variable name")
        by_name[name] = term_sparql(term)

    def values_block(names) -> str:
        names = sorted(names)
        return f" VALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(by_name[n] for n in names)}) }} "

    place = _where_group(text)
    if place is None:
        raise UsageError("cannot bind parameters in this query: it has no WHERE { … } group (write "
                         "CONSTRUCT { … } WHERE { … } rather than CONSTRUCT WHERE, or drop the parameters)")
    for at, names in reversed(_nested_groups(text, set(by_name), place[0])):
        text = text[:at + 1] + values_block(names) + text[at + 1:]
    start, end, subselect = _where_group(text) or place  # the outer group's "}" moved with the insertions
    block = values_block(by_name)
    if subselect:  # `{ VALUES … SELECT … }` is not SPARQL: wrap the sub-SELECT in its own group
        return text[:start + 1] + block + "{ " + text[start + 1:end] + " } " + text[end:]
    return text[:start + 1] + block + text[start + 1:]


def _nested_groups(text: str, params: set[str], outer_open: int) -> list[tuple[int, set[str]]]:
    """Where else the parameters can be bound: (index of a "{" opening a group nested in the outer WHERE
    group, which opens at `outer_open`; the parameters it may receive), in text order.

    Oxigraph starts a join from a VALUES block of its own group, but does not carry the binding into
    UNION branches or sub-SELECTs (a sub-SELECT has its own variable scope): a query about one
    organization then reads every organization's facts and joins at the end. Binding a parameter in a
    nested group too is the same query where the join with the outer VALUES distributes: plain nested
    groups, UNION branches, GRAPH groups, and sub-SELECTs that project the variable as a plain
    variable (not `(… AS ?v)`) with no LIMIT or OFFSET. Also OPTIONAL, MINUS and EXISTS groups: the
    enclosing group, where the same VALUES comes first, has the variable bound already, so their rows
    with another value could never be compatible. Never SERVICE (another endpoint's query), nor a group
    that assigns the variable itself (`BIND(… AS ?v)`).

    A sub-SELECT with LIMIT or OFFSET keeps its own scope: the parameter joins its answers, as standard
    SPARQL reads a VALUES block, where pyoxigraph's substitution would have bound it inside the limit."""
    toks: list[tuple[str, int, str]] = []
    for m in _TOKENS.finditer(text):
        kind, word = m.lastgroup or "", m.group()
        if kind == "skip":
            if word[:1] in "?$" and len(word) > 1:
                toks.append(("var", m.start(), word[1:]))
            elif word[:1] == "<" or (":" in word and word[:1] not in "#\"'"):
                toks.append(("term", m.start(), word))
            continue
        toks.append((kind, m.start(), word))
    n = len(toks)

    def match(j: int) -> int:  # index of the "}" closing the "{" at j
        depth = 0
        while j < n:
            depth += {"open": 1, "close": -1}.get(toks[j][0], 0)
            if depth == 0:
                return j
            j += 1
        return n

    def is_word(j: int, *words: str) -> bool:
        return 0 <= j < n and toks[j][0] == "word" and toks[j][2].upper() in words

    start = next(k for k in range(n) if toks[k][1] == outer_open)
    out: list[tuple[int, set[str]]] = []
    stack: list[set[str]] = [set(params)]
    select_groups: dict[int, set[str]] = {}  # "{" of a sub-SELECT's WHERE group -> what it may receive
    i = start + 1
    while i < n and stack:
        kind, at, word = toks[i]
        if is_word(i, "VALUES"):  # a data block, not a group
            j = i + 1
            while j < n and toks[j][0] != "open":
                j += 1
            i = match(j) + 1
            continue
        if is_word(i, "SELECT"):
            projected: set[str] = set()
            j, parens = i + 1, 0
            while j < n and not (toks[j][0] == "open" and parens == 0):
                parens += {"lparen": 1, "rparen": -1}.get(toks[j][0], 0)
                if toks[j][0] == "var" and parens == 0:
                    projected.add(toks[j][2])  # (… AS ?v), inside parentheses, is a computed value
                j += 1
            close = match(j)
            tail = close + 1
            while tail < n and toks[tail][0] not in {"close", "open"}:
                if is_word(tail, "LIMIT", "OFFSET"):
                    projected = set()
                tail += 1
            select_groups[j] = stack[-1] & projected
            i = j
            continue
        if kind == "open":
            if i in select_groups:
                allowed = select_groups[i]
            elif is_word(i - 2, "SERVICE") or is_word(i - 3, "SERVICE"):
                allowed = set()
            else:
                allowed = stack[-1]
            stack.append(allowed)
            if allowed and not is_word(i + 1, "SELECT"):
                # only where the group uses the variable: a VALUES block in a look-up such as
                # OPTIONAL { ?item nif:sentence ?s } would stop Oxigraph looking it up row by row
                inside = range(i + 1, match(i))
                used = {toks[k][2] for k in inside if toks[k][0] == "var"} & allowed
                # a group that assigns the variable (BIND(… AS ?v)) cannot also have it bound
                used -= {toks[k][2] for k in inside if toks[k][0] == "var" and is_word(k - 1, "AS")}
                if used:
                    out.append((at, used))
        elif kind == "close":
            stack.pop()
        i += 1
    return out
