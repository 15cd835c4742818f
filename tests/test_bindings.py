"""Parameters bound as VALUES blocks (kg.sparql_text): where they go, and that the answers are those of
pyoxigraph's own substitution."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.queries import execute, saved_queries
from kg.sparql_text import inject_values
from tests.test_ontology_queries import load_store, term

BSI = ox.NamedNode("https://w3id.org/coop-kg/id/org/bsi")


def blocks(text: str) -> int:
    return text.count("VALUES (?x)")


def test_bound_in_union_branches_and_graph_groups_that_use_it():
    q = "SELECT ?x ?y WHERE { { GRAPH ?g { ?x <urn:p> ?y } } UNION { ?y <urn:q> ?x } UNION { ?y <urn:r> ?z } }"
    out = inject_values(q, {"x": BSI})
    # the outer group, the first branch and its GRAPH group, the second branch; not the third (no ?x)
    assert blocks(out) == 4
    assert "{ ?y <urn:r> ?z }" in out


def test_bound_in_sub_selects_only_when_they_project_it_plainly_and_have_no_limit():
    q = ("SELECT ?x ?n WHERE { "
         "{ SELECT ?x (COUNT(?y) AS ?n) WHERE { ?x <urn:p> ?y } GROUP BY ?x } "
         "OPTIONAL { SELECT ?y WHERE { ?x <urn:p> ?y } } "
         "OPTIONAL { SELECT ?x WHERE { ?x <urn:q> ?y } LIMIT 1 } "
         "OPTIONAL { SELECT (?y AS ?x) WHERE { ?y <urn:r> ?z } } }")
    out = inject_values(q, {"x": BSI})
    assert "GROUP BY ?x" in out and "{ VALUES (?x)" in out.split("GROUP BY")[0].split("SELECT ?x (COUNT")[1]
    assert blocks(out) == 2  # the outer group and the grouped sub-SELECT


def test_not_sent_into_service_or_values_data():
    q = "SELECT ?x WHERE { VALUES ?z { 1 2 } SERVICE <http://example.org/sparql> { ?x <urn:p> ?z } }"
    out = inject_values(q, {"x": BSI})
    assert blocks(out) == 1 and "VALUES ?z { 1 2 }" in out


@pytest.fixture(scope="module")
def store() -> ox.Store:
    return load_store()


@pytest.mark.parametrize("q", [q for q in saved_queries() if q.params], ids=lambda q: q.name)
def test_saved_queries_answer_as_with_substitution(store, q):
    subs = {p.name: term(p.type, p.default) for p in q.params}
    expected = list(store.query(q.text, use_default_graph_as_union=True,
                                substitutions={ox.Variable(k): v for k, v in subs.items()}))
    cols, rows = execute(store, q.text, subs)
    assert rows  # the sample has an answer for the default parameter
    assert [[r[c] for c in cols] for r in rows] == [[sol[c] for c in cols] for sol in expected]


def test_not_bound_in_a_group_that_assigns_the_variable():
    q = "SELECT ?s ?x WHERE { ?s a <urn:T> { ?s <urn:p> ?o BIND(?o AS ?x) } }"
    out = inject_values(q, {"x": BSI})
    assert blocks(out) == 1  # the outer group only: `{ VALUES ?x … BIND(… AS ?x) }` is not SPARQL
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                      ox.NamedNode("urn:T")))
    store.add(ox.Quad(ox.NamedNode("urn:a"), ox.NamedNode("urn:p"), BSI))
    assert [s["s"].value for s in store.query(out)] == ["urn:a"]
