"""Serialization of the graph: dataset formats keep one named graph per document; single-graph
formats (Turtle, N-Triples, RDF/XML) get the union of the documents' graphs, without duplicates."""

from __future__ import annotations

from typing import IO

import pyoxigraph as ox

from kg import vocab as V
from kg.errors import UsageError

FORMATS = {
    "turtle": ox.RdfFormat.TURTLE, "ttl": ox.RdfFormat.TURTLE, "trig": ox.RdfFormat.TRIG,
    "ntriples": ox.RdfFormat.N_TRIPLES, "nt": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS,
    "nq": ox.RdfFormat.N_QUADS, "jsonld": ox.RdfFormat.JSON_LD, "json-ld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML, "xml": ox.RdfFormat.RDF_XML, "rdf": ox.RdfFormat.RDF_XML,
}
DATASET_FORMATS = {ox.RdfFormat.TRIG, ox.RdfFormat.N_QUADS}
_PREFIX_FORMATS = {ox.RdfFormat.TURTLE, ox.RdfFormat.TRIG, ox.RdfFormat.RDF_XML}


def rdf_format(name: str) -> ox.RdfFormat:
    try:
        return FORMATS[name.lower()]
    except KeyError:
        raise UsageError(f"unknown format {name!r}; choose one of turtle, trig, ntriples, nquads, jsonld, "
                         "rdfxml") from None


def _document_quads(store: ox.Store, graph: str | None = None):
    meta = V.META_GRAPH
    pattern_graph = ox.NamedNode(graph) if graph else None
    for q in store.quads_for_pattern(None, None, None, pattern_graph):
        if isinstance(q.graph_name, ox.DefaultGraph) or q.graph_name.value != meta:
            yield q


def export(store: ox.Store, fmt: str, output: IO[bytes] | str, graph: str | None = None) -> None:
    """Write the graph (or one document's graph) in `fmt` to a binary stream or a path."""
    f = rdf_format(fmt)
    kwargs = {"prefixes": dict(V.PREFIXES)} if f in _PREFIX_FORMATS else {}
    if f in DATASET_FORMATS:
        ox.serialize(_document_quads(store, graph), output, format=f, **kwargs)
        return
    union_store(store, graph).dump(output, format=f, from_graph=ox.DefaultGraph(), **kwargs)


def union_store(store: ox.Store, graph: str | None = None) -> ox.Store:
    """An in-memory store whose default graph is the union of the document graphs, duplicates merged."""
    union = ox.Store()
    union.bulk_extend(ox.Quad(q.subject, q.predicate, q.object, ox.DefaultGraph())
                      for q in _document_quads(store, graph))
    return union
