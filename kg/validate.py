"""SHACL validation of the graph (ontology/shapes.ttl) with pySHACL, explained in plain words."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

ONTOLOGY_DIR = Path(__file__).resolve().parents[1] / "ontology"
SH = "http://www.w3.org/ns/shacl#"


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str | None
    message: str
    value: str | None
    severity: str

    def __str__(self) -> str:
        where = f" ({self.path.rsplit('#', 1)[-1].rsplit('/', 1)[-1]})" if self.path else ""
        value = f" — value: {self.value}" if self.value else ""
        return f"{self.focus}{where}: {self.message}{value}"


def _union_graph(store: ox.Store):
    import rdflib

    from kg.export import union_store

    data = union_store(store)
    g = rdflib.Graph()
    g.parse(data=data.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()).decode("utf-8"),
            format="nt")
    return g


def validate_store(store: ox.Store, shapes: Path | None = None) -> list[Violation]:
    """Every SHACL violation of the union of the documents' graphs (empty list: conforms)."""
    import rdflib
    from pyshacl import validate

    data = _union_graph(store)
    shapes_graph = rdflib.Graph().parse(shapes or ONTOLOGY_DIR / "shapes.ttl", format="turtle")
    ontology = rdflib.Graph().parse(ONTOLOGY_DIR / "coop.ttl", format="turtle")
    conforms, report, _ = validate(data, shacl_graph=shapes_graph, ont_graph=ontology, inference="none",
                                   allow_warnings=True)
    if conforms:
        return []
    out = []
    sh = rdflib.Namespace(SH)
    for result in report.subjects(rdflib.RDF.type, sh.ValidationResult):
        def one(p, result=result):
            v = report.value(result, p)
            return str(v) if v is not None else None

        severity = (one(sh.resultSeverity) or "").rsplit("#", 1)[-1]
        out.append(Violation(one(sh.focusNode) or "?", one(sh.resultPath), one(sh.resultMessage) or "violation",
                             one(sh.value), severity or "Violation"))
    return sorted(out, key=lambda v: (v.severity != "Violation", v.focus, v.path or ""))
