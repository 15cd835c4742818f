"""The ontology, the SHACL shapes and the saved queries, checked against a hand-written sample.

tests/fixtures/sample.trig holds two documents (one Vietnamese, one English), each a named graph, with
organization descriptions repeated in both graphs, so the union of the graphs repeats triples: every
query must still return each row once.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from pyshacl import validate
from rdflib import Literal, URIRef

from kg.stats import refresh_stats
from kg.store import refresh_entities

ROOT = Path(__file__).resolve().parents[1]
ONTOLOGY = ROOT / "ontology" / "coop.ttl"
SHAPES = ROOT / "ontology" / "shapes.ttl"
QUERIES = ROOT / "queries"
SAMPLE = ROOT / "tests" / "fixtures" / "sample.trig"

COOP_NS = "https://w3id.org/coop-kg/ontology#"
KGID = "https://w3id.org/coop-kg/id/"
COOP = rdflib.Namespace(COOP_NS)
# plain namespaces (rdflib's closed ones warn when pytest inspects module attributes)
RDF = rdflib.Namespace("http://www.w3.org/1999/02/22-rdf-syntax-ns#")
RDFS = rdflib.Namespace("http://www.w3.org/2000/01/rdf-schema#")
XSD = rdflib.Namespace("http://www.w3.org/2001/XMLSchema#")
OWL = rdflib.Namespace("http://www.w3.org/2002/07/owl#")
SKOS = rdflib.Namespace("http://www.w3.org/2004/02/skos/core#")
SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")
ORG = rdflib.Namespace("http://www.w3.org/ns/org#")
SCHEMA = rdflib.Namespace("https://schema.org/")
PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
NIF = rdflib.Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
FOAF = rdflib.Namespace("http://xmlns.com/foaf/0.1/")

DOC_VI = KGID + "doc/stameq-2019-highlights"
DOC_EN = KGID + "doc/apo-visit-2019"
AGR_UNMZ = URIRef(KGID + "agreement/stameq-unmz-2019-04-17")
AGR_ASTM = URIRef(KGID + "agreement/stameq-astm-2004-01")

QUERY_NAMES = sorted(p.stem for p in QUERIES.glob("*.rq"))
PARAM_RE = re.compile(r"^# param: (\S+) (iri|entity|literal|integer|date) (\S+)\s+(\S.*)$")


# ---------------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------------


def header(path: Path) -> tuple[str, list[tuple[str, str, str | None, str]]]:
    """(description, [(name, type, default or None, description)]) from the leading comment lines."""
    description, params = "", []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        if line.startswith("# description:"):
            description = line.split(":", 1)[1].strip()
        elif line.startswith("# param:"):
            m = PARAM_RE.match(line)
            assert m, f"{path.name}: malformed param line {line!r}"
            name, kind, default, text = m.groups()
            params.append((name, kind, None if default == "-" else default, text))
    return description, params


def term(kind: str, raw: str) -> ox.NamedNode | ox.Literal:
    if kind in ("iri", "entity"):
        return ox.NamedNode(KGID + raw[len("kgid:") :] if raw.startswith("kgid:") else raw)
    if kind == "integer":
        return ox.Literal(raw, datatype=ox.NamedNode(str(XSD.integer)))
    if kind == "date":
        return ox.Literal(raw, datatype=ox.NamedNode(str(XSD.date)))
    return ox.Literal(raw)


def load_store(path: Path = SAMPLE) -> ox.Store:
    store = ox.Store()
    store.load(path=str(path), format=ox.RdfFormat.TRIG)
    refresh_entities(store)  # what a build keeps beside the document graphs
    refresh_stats(store)
    return store


def run(store: ox.Store, name: str, **given: str) -> list[dict[str, str | None]]:
    """Run a saved query like the CLI does: defaults, parameters bound as RDF terms by substitution."""
    path = QUERIES / f"{name}.rq"
    _, params = header(path)
    subs = {}
    for pname, kind, default, _ in params:
        raw = given.get(pname, default)
        assert raw is not None, f"{name}: parameter {pname} is required"
        subs[ox.Variable(pname)] = term(kind, raw)
    result = store.query(path.read_text(encoding="utf-8"), use_default_graph_as_union=True, substitutions=subs or None)
    cols = [v.value for v in result.variables]
    return [{c: (None if sol[c] is None else sol[c].value) for c in cols} for sol in result]


def col(rows: list[dict], name: str) -> list[str | None]:
    return [r[name] for r in rows]


@pytest.fixture(scope="module")
def store() -> ox.Store:
    return load_store()


@pytest.fixture(scope="module")
def shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(SHAPES, format="turtle")


@pytest.fixture(scope="module")
def ontology() -> rdflib.Graph:
    return rdflib.Graph().parse(ONTOLOGY, format="turtle")


def sample_dataset() -> rdflib.Dataset:
    ds = rdflib.Dataset()
    ds.parse(SAMPLE, format="trig")
    return ds


def remove_everywhere(ds: rdflib.Dataset, s, p, o) -> None:
    for g in list(ds.graphs()):
        for t in list(g.triples((s, p, o))):
            g.remove(t)


def results(report: rdflib.Graph) -> list[dict]:
    out = []
    for r in report.objects(None, SH.result):  # top-level results, not their sh:detail
        out.append(
            {
                "focus": report.value(r, SH.focusNode),
                "path": report.value(r, SH.resultPath),
                "value": report.value(r, SH.value),
                "component": report.value(r, SH.sourceConstraintComponent),
                "message": " ".join(str(m) for m in report.objects(r, SH.resultMessage)),
            }
        )
    return out


def check(ds: rdflib.Dataset, shapes: rdflib.Graph) -> tuple[bool, list[dict]]:
    conforms, report, _ = validate(ds, shacl_graph=shapes)
    return conforms, results(report)


# ---------------------------------------------------------------------------------------------
# ontology
# ---------------------------------------------------------------------------------------------

COOP_CLASSES = [
    "Agreement",
    "MemorandumOfUnderstanding",
    "CooperationAgreement",
    "CooperationPlan",
    "Protocol",
    "MutualRecognitionArrangement",
    "JointDeclaration",
    "Meeting",
    "Conference",
    "Workshop",
    "Forum",
    "Visit",
    "Ceremony",
    "Training",
    "Dialogue",
    "Tenure",
]
COOP_PROPERTIES = [
    "contentHash",
    "acronym",
    "orgKind",
    "country",
    "agreementKind",
    "party",
    "signatory",
    "signedOn",
    "earliestDate",
    "evidence",
    "tenure",
    "participant",
    # build bookkeeping in kgid:graph/meta
    "sourcePath",
    "buildAdded",
    "buildUpdated",
    "buildUnchanged",
    "buildSkipped",
]
COOP_INDIVIDUALS = ["Former", "Current", "Incoming"]


def test_ontology_header(ontology):
    onto = URIRef("https://w3id.org/coop-kg/ontology")
    assert (onto, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(onto, OWL.versionInfo) is not None
    assert {lbl.language for lbl in ontology.objects(onto, RDFS.label)} >= {"en", "vi"}
    assert {c.language for c in ontology.objects(onto, RDFS.comment)} >= {"en", "vi"}


@pytest.mark.parametrize("local", COOP_CLASSES + COOP_PROPERTIES + COOP_INDIVIDUALS)
def test_every_term_declared_with_bilingual_label_and_comment(ontology, local):
    t = COOP[local]
    assert set(ontology.objects(t, RDF.type)), f"coop:{local} is not declared"
    for prop in (RDFS.label, RDFS.comment):
        langs = {v.language for v in ontology.objects(t, prop)}
        assert {"en", "vi"} <= langs, f"coop:{local} lacks {prop} in en and vi (has {langs})"


def test_ontology_structure(ontology):
    for sub in [
        "MemorandumOfUnderstanding",
        "CooperationAgreement",
        "CooperationPlan",
        "Protocol",
        "MutualRecognitionArrangement",
        "JointDeclaration",
    ]:
        assert (COOP[sub], RDFS.subClassOf, COOP.Agreement) in ontology
    for sub in ["Meeting", "Conference", "Workshop", "Forum", "Visit", "Ceremony", "Training", "Dialogue"]:
        assert (COOP[sub], RDFS.subClassOf, SCHEMA.Event) in ontology
    for ind in COOP_INDIVIDUALS:
        assert (COOP[ind], RDF.type, COOP.Tenure) in ontology
    assert (COOP.evidence, RDFS.subPropertyOf, PROV.wasDerivedFrom) in ontology
    assert (COOP.party, RDFS.range, ORG.Organization) in ontology
    assert (COOP.earliestDate, RDFS.range, XSD.date) in ontology
    assert (COOP.tenure, RDFS.range, COOP.Tenure) in ontology


def test_every_coop_term_used_is_declared(ontology):
    declared = {str(s)[len(COOP_NS) :] for s in ontology.subjects() if str(s).startswith(COOP_NS)}
    used: set[str] = set()
    for path in [SAMPLE, SHAPES, *QUERIES.glob("*.rq")]:
        used |= set(re.findall(r"\bcoop:([A-Za-z]+)", path.read_text(encoding="utf-8")))
    assert used - declared == set()


# ---------------------------------------------------------------------------------------------
# shapes
# ---------------------------------------------------------------------------------------------


def test_shapes_documented(shapes):
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape))
    assert len(node_shapes) >= 12
    for s in node_shapes:
        assert shapes.value(s, SH.name) is not None, f"{s} has no sh:name"
        assert shapes.value(s, SH.description) is not None, f"{s} has no sh:description"
    # every constraint-bearing property shape, node shape with a node-level constraint and SPARQL
    # constraint says in plain words what is wrong
    prop_shapes = set(shapes.objects(None, SH.property))
    for ps in prop_shapes:
        assert shapes.value(ps, SH.message) is not None, f"property shape on {shapes.value(ps, SH.path)}"
    for s in node_shapes:
        if shapes.value(s, SH["or"]) is not None:
            assert shapes.value(s, SH.message) is not None, f"{s}"
    for c in shapes.objects(None, SH.sparql):
        assert shapes.value(c, SH.message) is not None


def test_sample_conforms(shapes):
    conforms, res = check(sample_dataset(), shapes)
    assert conforms, res


def test_sample_conforms_with_rdfs_inference(shapes, ontology):
    # coop:evidence is a subproperty of prov:wasDerivedFrom: the provenance check must survive inference
    conforms, report, text = validate(sample_dataset(), shacl_graph=shapes, ont_graph=ontology, inference="rdfs")
    assert conforms, text


def test_broken_agreement_fails_with_expected_violations(shapes):
    ds = sample_dataset()
    remove_everywhere(ds, AGR_UNMZ, COOP.party, None)
    remove_everywhere(ds, AGR_UNMZ, COOP.signedOn, None)
    ds.graph(URIRef(DOC_VI)).add((AGR_UNMZ, COOP.signedOn, Literal("2019-04-17", datatype=XSD.string)))
    conforms, res = check(ds, shapes)
    assert not conforms
    on_agr = [r for r in res if r["focus"] == AGR_UNMZ]
    party = [r for r in on_agr if r["path"] == COOP.party]
    assert len(party) == 1
    assert party[0]["component"] == SH.MinCountConstraintComponent
    assert "Agreement without a valid party" in party[0]["message"]
    date = [r for r in on_agr if r["path"] == COOP.signedOn]
    assert len(date) == 1
    assert date[0]["value"] == Literal("2019-04-17", datatype=XSD.string)
    assert date[0]["component"] == SH.OrConstraintComponent
    assert "xsd:gYearMonth" in date[0]["message"]
    # nothing else is wrong
    assert len(res) == 2, res


def edit_untyped_agreement(ds):
    remove_everywhere(ds, AGR_ASTM, RDF.type, COOP.Agreement)


def edit_no_earliest(ds):
    remove_everywhere(ds, AGR_ASTM, COOP.earliestDate, None)


def edit_wrong_earliest(ds):
    remove_everywhere(ds, AGR_ASTM, COOP.earliestDate, None)
    ds.graph(URIRef(DOC_VI)).add((AGR_ASTM, COOP.earliestDate, Literal("2004-02-01", datatype=XSD.date)))


def edit_no_evidence(ds):
    remove_everywhere(ds, AGR_UNMZ, COOP.evidence, None)


def edit_no_source_document(ds):
    remove_everywhere(ds, AGR_UNMZ, PROV.wasDerivedFrom, None)


def edit_membership_two_roles(ds):
    m = URIRef(KGID + "membership/teresa-j-cendrowska-astm-vice-president-current")
    ds.graph(URIRef(DOC_VI)).add((m, ORG.role, URIRef(KGID + "role/chair")))


def edit_bad_tenure(ds):
    m = URIRef(KGID + "membership/teresa-j-cendrowska-astm-vice-president-current")
    remove_everywhere(ds, m, COOP.tenure, None)
    ds.graph(URIRef(DOC_VI)).add((m, COOP.tenure, Literal("current")))


def edit_post_without_org(ds):
    remove_everywhere(ds, URIRef(KGID + "post/aplmf-chair"), ORG.postIn, None)


def edit_event_string_date(ds):
    ev = URIRef(KGID + "event/apo-secretary-general-visit-stameq-2019-08-19")
    remove_everywhere(ds, ev, SCHEMA.startDate, None)
    ds.graph(URIRef(DOC_EN)).add((ev, SCHEMA.startDate, Literal("19 August 2019")))


def edit_two_english_names(ds):
    ds.graph(URIRef(DOC_EN)).add((URIRef(KGID + "org/apo"), SKOS.prefLabel, Literal("APO Tokyo", lang="en")))


def edit_unit_of_text(ds):
    ds.graph(URIRef(DOC_EN)).add((URIRef(KGID + "org/quacert"), ORG.unitOf, Literal("STAMEQ")))


def edit_country_name(ds):
    remove_everywhere(ds, URIRef(KGID + "org/unmz"), COOP.country, None)
    ds.graph(URIRef(DOC_VI)).add((URIRef(KGID + "org/unmz"), COOP.country, Literal("Czechia")))


def edit_document_without_source(ds):
    remove_everywhere(ds, URIRef(DOC_EN), URIRef("http://purl.org/dc/terms/source"), None)


def mention(ds):
    g = ds.graph(URIRef(DOC_VI))
    for m in g.subjects(RDF.type, NIF.Phrase):
        if str(g.value(m, NIF.anchorOf)) == "Santhi Kanoktanaporn":
            return g, m
    raise AssertionError("mention not found")


def edit_mention_reversed(ds):
    g, m = mention(ds)
    b = g.value(m, NIF.beginIndex)
    g.remove((m, NIF.beginIndex, None))
    g.add((m, NIF.beginIndex, Literal(int(b) + 100, datatype=XSD.nonNegativeInteger)))


def edit_mention_wrong_anchor(ds):
    g, m = mention(ds)
    g.remove((m, NIF.anchorOf, None))
    g.add((m, NIF.anchorOf, Literal("Santhi Kanoktanapor")))


BROKEN = [
    (edit_untyped_agreement, AGR_ASTM, RDF.type, SH.HasValueConstraintComponent, "Not typed as an agreement"),
    (edit_no_earliest, AGR_ASTM, None, SH.OrConstraintComponent, "Missing earliest date"),
    (edit_no_evidence, AGR_UNMZ, COOP.evidence, SH.MinCountConstraintComponent, "Missing or wrong evidence"),
    (
        edit_no_source_document,
        AGR_UNMZ,
        PROV.wasDerivedFrom,
        SH.QualifiedMinCountConstraintComponent,
        "No source document",
    ),
    (
        edit_membership_two_roles,
        URIRef(KGID + "membership/teresa-j-cendrowska-astm-vice-president-current"),
        ORG.role,
        SH.MaxCountConstraintComponent,
        "exactly one org:role",
    ),
    (
        edit_bad_tenure,
        URIRef(KGID + "membership/teresa-j-cendrowska-astm-vice-president-current"),
        COOP.tenure,
        SH.InConstraintComponent,
        "Wrong tenure",
    ),
    (
        edit_post_without_org,
        URIRef(KGID + "post/aplmf-chair"),
        ORG.postIn,
        SH.MinCountConstraintComponent,
        "Post without its organization",
    ),
    (
        edit_event_string_date,
        URIRef(KGID + "event/apo-secretary-general-visit-stameq-2019-08-19"),
        SCHEMA.startDate,
        SH.OrConstraintComponent,
        "Wrong start date",
    ),
    (
        edit_two_english_names,
        URIRef(KGID + "org/apo"),
        SKOS.prefLabel,
        SH.UniqueLangConstraintComponent,
        "at most one skos:prefLabel per language",
    ),
    (
        edit_unit_of_text,
        URIRef(KGID + "org/quacert"),
        ORG.unitOf,
        SH.ClassConstraintComponent,
        "Wrong parent",
    ),
    (
        edit_country_name,
        URIRef(KGID + "org/unmz"),
        COOP.country,
        SH.PatternConstraintComponent,
        "ISO 3166-1 alpha-2",
    ),
    (
        edit_document_without_source,
        URIRef(DOC_EN),
        URIRef("http://purl.org/dc/terms/source"),
        SH.MinCountConstraintComponent,
        "Document without a source",
    ),
    (
        edit_mention_reversed,
        None,
        NIF.beginIndex,
        SH.LessThanOrEqualsConstraintComponent,
        "Wrong mention start",
    ),
]


@pytest.mark.parametrize(
    ("edit", "focus", "path", "component", "message"),
    BROKEN,
    ids=[b[0].__name__[len("edit_") :] for b in BROKEN],
)
def test_broken_graph_fails(shapes, edit, focus, path, component, message):
    ds = sample_dataset()
    edit(ds)
    conforms, res = check(ds, shapes)
    assert not conforms
    hits = [
        r
        for r in res
        if (focus is None or r["focus"] == focus)
        and (path is None or r["path"] == path)
        and r["component"] == component
    ]
    assert hits, res
    assert message in hits[0]["message"], hits[0]["message"]


# ---------------------------------------------------------------------------------------------
# saved queries: form
# ---------------------------------------------------------------------------------------------


def test_at_least_twelve_queries():
    assert len(QUERY_NAMES) >= 12
    assert {
        "organizations",
        "people-roles",
        "agreements",
        "partners",
        "agreements-by-year",
        "events",
        "timeline",
        "units",
        "org-roles",
        "evidence",
        "documents",
        "stats",
        "partner-network",
    } <= set(QUERY_NAMES)


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_query_header_and_projection(name):
    path = QUERIES / f"{name}.rq"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# description: ")
    description, params = header(path)
    assert len(description) > 20
    select = re.search(r"^SELECT\b(.*?)^WHERE\b", text, re.S | re.M)
    assert select, "top-level SELECT … WHERE not found"
    projected = set(re.findall(r"\?(\w+)", select.group(1)))
    for pname, _, _, _ in params:
        # pyoxigraph substitutions require the variable in the SELECT list
        assert pname in projected, f"parameter ?{pname} is not projected"
    # the union of the document graphs repeats triples: aggregates and listings must de-duplicate
    assert "DISTINCT" in text


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_query_runs_without_duplicates_deterministically(store, name):
    rows = run(store, name)
    if name.startswith("check-"):  # quality checks list problems: the sample has none
        assert rows == []
        return
    assert rows, f"{name} returned nothing on the sample"
    keys = [tuple(r.values()) for r in rows]
    assert len(keys) == len(set(keys)), f"{name} repeats rows"
    assert run(store, name) == rows


@pytest.mark.parametrize("name", QUERY_NAMES)
def test_query_ignores_metadata_graph(store, name, tmp_path):
    text = SAMPLE.read_text(encoding="utf-8")
    without = re.sub(r"<graph/meta> \{.*?\n\}\n", "", text, flags=re.S)
    assert without != text
    path = tmp_path / "no-meta.trig"
    path.write_text(without, encoding="utf-8")
    assert run(load_store(path), name) == run(store, name)


# ---------------------------------------------------------------------------------------------
# saved queries: answers on the sample
# ---------------------------------------------------------------------------------------------


def test_organizations(store):
    rows = run(store, "organizations")
    assert col(rows, "name") == ["ACCSQ", "APLMF", "APO", "ASTM", "QUACERT", "STAMEQ", "UNMZ"]
    by = {r["acronym"]: r for r in rows}
    stameq = by["STAMEQ"]
    assert stameq["org"] == KGID + "org/stameq"
    assert stameq["labelVi"] == "Tổng cục Tiêu chuẩn Đo lường Chất lượng"
    assert stameq["labelEn"] == "Directorate for Standards, Metrology and Quality"
    assert stameq["altLabels"] == "STAMEQ; TCĐLCL; Tổng cục"
    assert (stameq["kind"], stameq["country"], stameq["documents"]) == ("national-standards", "VN", "2")
    assert stameq["parent"] is None
    assert by["QUACERT"]["parent"] == KGID + "org/stameq"
    assert by["QUACERT"]["parentName"] == "STAMEQ"
    assert by["QUACERT"]["labelEn"] is None
    assert by["APO"]["wikidata"].startswith("http://www.wikidata.org/entity/Q")
    assert by["UNMZ"]["documents"] == "1"
    assert by["APLMF"]["labelVi"] is None and by["APLMF"]["altLabels"] == "APLMF"


def test_people_roles(store):
    rows = run(store, "people-roles")
    got = [(r["name"], r["roleLabel"], r["organizationName"], r["tenure"], r["sources"]) for r in rows]
    assert got == [
        ("Achmad Kurnia Prawira Mochtan", "Secretary-General", "APO", "current", "apo-visit-2019.en.txt"),
        (
            "Achmad Kurnia Prawira Mochtan",
            "Secretary-General",
            "APO",
            "incoming",
            "stameq-2019-highlights.vi.txt",
        ),
        ("Nguyễn Xuân Phúc", "Prime Minister", None, "current", "stameq-2019-highlights.vi.txt"),
        ("Santhi Kanoktanaporn", "Secretary-General", "APO", "former", "stameq-2019-highlights.vi.txt"),
        ("Teresa J.Cendrowska", "Vice President", "ASTM", "current", "stameq-2019-highlights.vi.txt"),
        ("Tran Quoc Dung", "Deputy Director General", "STAMEQ", "current", "apo-visit-2019.en.txt"),
    ]
    assert rows[0]["roleLabelVi"] == "Tổng thư ký"
    assert rows[2]["organization"] is None


def test_agreements(store):
    rows = run(store, "agreements")
    assert col(rows, "agreement") == [str(AGR_ASTM), str(AGR_UNMZ)]  # 2004-01 before 2019-04-17
    astm, unmz = rows
    assert astm["parties"] == "ASTM; STAMEQ"
    assert astm["kind"] == "mou"
    assert astm["signatories"] == "Tran Quoc Dung"
    assert (astm["signedOn"], astm["earliestDate"]) == ("2004-01", "2004-01-01")
    assert astm["sources"] == "apo-visit-2019.en.txt; stameq-2019-highlights.vi.txt"
    assert astm["evidence"].count(" | ") == 1
    assert unmz["parties"] == "STAMEQ; UNMZ"
    assert (unmz["signedOn"], unmz["place"], unmz["signatories"]) == ("2019-04-17", "Séc", None)
    assert unmz["subject"] == "hợp tác trong lĩnh vực tiêu chuẩn, đo lường, chất lượng"
    assert unmz["sources"] == "stameq-2019-highlights.vi.txt"
    assert unmz["evidence"].startswith("Trong khuôn khổ chuyến thăm")
    assert "đã ký Bản ghi nhớ (MOU)" in unmz["evidence"]


def test_partners_of_stameq(store):
    rows = run(store, "partners")  # default: kgid:org/stameq
    assert {r["org"] for r in rows} == {KGID + "org/stameq"}
    got = [(r["partnerName"], r["relation"], r["facts"], r["firstDate"]) for r in rows]
    assert got == [
        ("ACCSQ", "holds-role-in", "1", None),
        ("APO", "participation", "1", "2019-08-19"),
        ("ASTM", "agreement", "1", "2004-01-01"),
        ("UNMZ", "agreement", "1", "2019-04-17"),
    ]
    assert rows[0]["details"] == "Vice Chair"
    assert rows[3]["details"] == "MoU STAMEQ – UNMZ (2019-04-17)"


def test_partners_other_orgs(store):
    apo = run(store, "partners", org="kgid:org/apo")
    assert [(r["partnerName"], r["relation"]) for r in apo] == [
        ("QUACERT", "event"),
        ("STAMEQ", "participation"),
    ]
    accsq = run(store, "partners", org=KGID + "org/accsq")
    assert [(r["partnerName"], r["relation"]) for r in accsq] == [("STAMEQ", "role-held-by")]
    assert run(store, "partners", org="kgid:org/nobody") == []


def test_agreements_by_year(store):
    rows = run(store, "agreements-by-year")
    assert [(r["year"], r["count"], r["agreements"]) for r in rows] == [
        ("2004", "1", "MoU STAMEQ – ASTM (2004-01)"),
        ("2019", "1", "MoU STAMEQ – UNMZ (2019-04-17)"),
    ]


def test_events(store):
    rows = run(store, "events")
    assert [(r["type"], r["startDate"], r["organizers"]) for r in rows] == [
        ("Workshop", "2019", "APO; QUACERT"),
        ("Visit", "2019-08-19", "STAMEQ"),
    ]
    assert rows[0]["name"].startswith("Chia sẻ ứng dụng sản xuất nông nghiệp hữu cơ")
    assert rows[0]["sources"] == "stameq-2019-highlights.vi.txt"
    visit = rows[1]
    assert visit["name"] == "Visit of the APO Secretary-General to STAMEQ"
    assert (visit["place"], visit["participants"]) == ("Hanoi", "Achmad Kurnia Prawira Mochtan; APO")


def test_timeline_orders_mixed_precisions_by_earliest_date(store):
    rows = run(store, "timeline")
    assert [(r["earliestDate"], r["date"], r["kind"]) for r in rows] == [
        ("2004-01-01", "2004-01", "agreement"),
        ("2019-01-01", "2019", "event"),
        ("2019-04-17", "2019-04-17", "agreement"),
        ("2019-08-19", "2019-08-19", "event"),
    ]
    assert rows[0]["label"] == "MoU STAMEQ – ASTM (2004-01)"
    assert rows[0]["with"] == "ASTM; STAMEQ"
    assert rows[0]["detail"] == "mou" and rows[1]["detail"] == "Workshop"
    assert rows[0]["sources"] == "apo-visit-2019.en.txt; stameq-2019-highlights.vi.txt"


def test_since_keeps_partial_dates(store):
    assert [r["date"] for r in run(store, "since")] == ["2019", "2019-04-17", "2019-08-19"]
    assert [r["date"] for r in run(store, "since", **{"from": "2019-04-18"})] == ["2019-08-19"]
    assert [r["date"] for r in run(store, "since", **{"from": "2000-01-01"})] == [
        "2004-01",
        "2019",
        "2019-04-17",
        "2019-08-19",
    ]


def test_units(store):
    rows = run(store, "units")
    assert [(r["unitName"], r["unitLabel"], r["parentName"], r["topName"]) for r in rows] == [
        ("QUACERT", "Trung tâm Chứng nhận Phù hợp", "STAMEQ", "STAMEQ")
    ]
    assert rows[0]["unit"] == KGID + "org/quacert"
    assert rows[0]["parentLabel"] == "Directorate for Standards, Metrology and Quality"


def test_org_roles(store):
    rows = run(store, "org-roles")
    assert [(r["type"], r["holderName"], r["roleLabel"], r["organizationName"], r["tenure"]) for r in rows] == [
        ("membership", "STAMEQ", "Vice Chair", "ACCSQ", "current"),
        ("post", None, "Chair", "APLMF", None),
        ("post", None, "Director General", "STAMEQ", None),
    ]
    assert rows[0]["roleLabelVi"] == "Phó Chủ tịch"
    assert rows[1]["evidence"].startswith("Chủ tịch APLMF đánh giá cao")


def test_evidence_for_an_organization(store):
    rows = run(store, "evidence", entity="kgid:org/astm")
    assert {r["entity"] for r in rows} == {KGID + "org/astm"}
    mentions = [r for r in rows if r["kind"] == "mention"]
    assert [(r["source"], r["text"]) for r in mentions] == [
        ("apo-visit-2019.en.txt", "ASTM International"),
        ("stameq-2019-highlights.vi.txt", "ASTM International"),
        ("stameq-2019-highlights.vi.txt", "ASTM"),
    ]
    # offsets index the document text
    ds = sample_dataset()
    for r in mentions:
        ctx = URIRef(r["document"] + "#char=0,")
        text = str(ds.graph(URIRef(r["document"])).value(ctx, NIF.isString))
        assert text[int(r["begin"]) : int(r["end"])] == r["text"]
        assert r["text"] in r["sentence"]
    facts = {(r["fact"], r["source"]) for r in rows if r["kind"] == "evidence"}
    assert facts == {
        (str(AGR_ASTM), "apo-visit-2019.en.txt"),
        (str(AGR_ASTM), "stameq-2019-highlights.vi.txt"),
        (
            KGID + "membership/teresa-j-cendrowska-astm-vice-president-current",
            "stameq-2019-highlights.vi.txt",
        ),
    }


def test_evidence_for_a_fact_and_a_byline(store):
    rows = run(store, "evidence", entity=str(AGR_UNMZ))
    assert [(r["kind"], r["begin"], r["end"]) for r in rows] == [("evidence", "500", "819")]
    byline = run(store, "evidence", entity="kgid:person/truong-van")
    assert [(r["kind"], r["text"], r["sentence"]) for r in byline] == [("mention", "Trương Vân", None)]


def test_names(store):
    rows = run(store, "names")  # default: kgid:org/stameq
    got = {(r["property"], r["name"], r["lang"]): (r["mentions"], r["documents"]) for r in rows}
    assert got[("prefLabel", "Tổng cục Tiêu chuẩn Đo lường Chất lượng", "vi")] == ("2", "1")
    assert got[("acronym", "STAMEQ", "")] == ("2", "1")
    assert got[("altLabel", "TCĐLCL", "")] == ("0", "0")
    assert got[("mention", "Tổng cục", "")] == ("2", "1")
    assert ("mention", "Directorate for Standards, Metrology and Quality (STAMEQ)", "") in got


def test_documents(store):
    rows = run(store, "documents")
    assert [(r["source"], r["language"], r["datePublished"], r["authors"]) for r in rows] == [
        ("apo-visit-2019.en.txt", "en", "2019-08-20", "Minh Anh"),
        ("stameq-2019-highlights.vi.txt", "vi", "2020-01-06", "Trương Vân"),
    ]
    en, vi = rows
    assert en["headline"] == "APO Secretary-General visits STAMEQ"
    counts = ("organizations", "people", "agreements", "events", "roles", "mentions")
    assert tuple(en[c] for c in counts) == ("4", "3", "1", "1", "2", "10")
    assert tuple(vi[c] for c in counts) == ("7", "5", "2", "1", "7", "18")
    assert vi["contentHash"].startswith("sha256:")


def test_stats(store):
    got = {r["what"]: int(r["count"]) for r in run(store, "stats")}
    assert got["organizations"] == 7
    assert got["units"] == 1
    assert got["people"] == 7
    assert got["roles"] == 7
    assert got["memberships"] == 7
    assert got["posts"] == 2
    assert got["agreements"] == 2
    assert got["events"] == 2
    assert got["documents"] == 2
    assert got["mentions"] == 28
    assert got["sentences"] == 10
    # the triples of the document graphs, counted once per graph
    ds = sample_dataset()
    docs = [g for g in ds.graphs() if str(g.identifier).startswith(KGID + "doc/")]
    assert got["statements"] == sum(len(g) for g in docs)
    assert list(got) == ["organizations", "units", "people", "roles", "memberships", "posts", "agreements",
                         "events", "documents", "mentions", "sentences", "statements"]


def test_partner_network(store):
    rows = run(store, "partner-network")
    got = [(r["aName"], r["bName"], r["relation"], r["kind"], r["date"], r["label"]) for r in rows]
    assert got == [
        ("ASTM", "STAMEQ", "agreement", "mou", "2004-01", "MoU STAMEQ – ASTM (2004-01)"),
        ("STAMEQ", "UNMZ", "agreement", "mou", "2019-04-17", "MoU STAMEQ – UNMZ (2019-04-17)"),
        ("APO", "QUACERT", "event", "workshop", "2019", rows[2]["label"]),
        # STAMEQ took part in the visit APO organized (coop:participant)
        ("APO", "STAMEQ", "event", "visit", "2019-08-19", "Visit of the APO Secretary-General to STAMEQ"),
        ("STAMEQ", "ACCSQ", "role", "current", None, "Vice Chair"),
    ]
    workshop = rows[2]
    assert workshop["label"].startswith("Chia sẻ ứng dụng")
    assert (workshop["bParent"], workshop["bParentName"]) == (KGID + "org/stameq", "STAMEQ")
    assert (workshop["aKind"], workshop["bKind"], workshop["aAcronym"]) == (
        "regional",
        "certification",
        "APO",
    )
    assert workshop["evidence"].startswith("Trung tâm Chứng nhận Phù hợp (QUACERT) chủ trì")
    astm = rows[0]
    assert astm["aLabel"] == "ASTM International"
    assert astm["bLabel"] == "Directorate for Standards, Metrology and Quality"
    assert astm["evidence"].count(" | ") == 1
    assert astm["sources"] == "apo-visit-2019.en.txt; stameq-2019-highlights.vi.txt"
    assert rows[4]["a"] == KGID + "org/stameq" and rows[4]["b"] == KGID + "org/accsq"


def copied_store() -> ox.Store:
    """The sample plus a copy of each document under another IRI: every fact is stated twice more."""
    store = load_store()
    extra = []
    for q in store:
        g = q.graph_name
        if not (isinstance(g, ox.NamedNode) and g.value.startswith(KGID + "doc/")):
            continue

        def rename(t, doc=g.value, source=q.predicate.value == "http://purl.org/dc/terms/source"):
            if isinstance(t, ox.NamedNode) and t.value.startswith(doc):
                return ox.NamedNode(doc + "-copy" + t.value[len(doc) :])
            if isinstance(t, ox.Literal) and source:
                return ox.Literal("copy-" + t.value)
            return t

        extra.append(ox.Quad(rename(q.subject), q.predicate, rename(q.object), rename(g)))
    store.extend(extra)
    return store


@pytest.mark.parametrize(
    "name",
    [
        "organizations",
        "people-roles",
        "agreements",
        "partners",
        "agreements-by-year",
        "events",
        "timeline",
        "units",
        "org-roles",
        "partner-network",
        "names",
    ],
)
def test_repeating_every_fact_in_more_documents_changes_no_row(store, name):
    volatile = {"documents", "sources", "evidence", "mentions", "facts", "count"}
    base, copied = run(store, name), run(copied_store(), name)
    strip = [{k: v for k, v in r.items() if k not in volatile} for r in base]
    assert [{k: v for k, v in r.items() if k not in volatile} for r in copied] == strip
    if name == "organizations":
        assert [r["documents"] for r in copied] == [str(2 * int(r["documents"])) for r in base]
    if name == "agreements":
        assert copied[1]["sources"] == "copy-stameq-2019-highlights.vi.txt; stameq-2019-highlights.vi.txt"


# ---------------------------------------------------------------------------------------------
# quality-check queries (consistency SHACL Core cannot express)
# ---------------------------------------------------------------------------------------------


def store_of(ds: rdflib.Dataset) -> ox.Store:
    store = ox.Store()
    store.load(ds.serialize(format="trig").encode("utf-8"), format=ox.RdfFormat.TRIG)
    refresh_entities(store)
    refresh_stats(store)
    return store


def test_check_dates_finds_inconsistent_earliest_dates(shapes):
    ds = sample_dataset()
    edit_wrong_earliest(ds)  # 2004-01 with earliest date 2004-02-01
    ev = URIRef(KGID + "event/apo-secretary-general-visit-stameq-2019-08-19")
    remove_everywhere(ds, ev, COOP.earliestDate, None)  # a start date without earliest date
    conforms, res = check(ds, shapes)  # SHACL sees the missing date only
    assert [(r["focus"], r["component"]) for r in res] == [(ev, SH.OrConstraintComponent)]
    rows = run(store_of(ds), "check-dates")
    assert [(r["item"], r["date"], r["earliestDate"], r["expected"], r["problem"]) for r in rows] == [
        (str(AGR_ASTM), "2004-01", "2004-02-01", "2004-01-01", "mismatch"),
        (str(ev), "2019-08-19", None, "2019-08-19", "missing"),
    ]
    assert rows[0]["label"] == "MoU STAMEQ – ASTM (2004-01)"


def test_check_dates_flags_untyped_dates():
    ds = sample_dataset()
    remove_everywhere(ds, AGR_UNMZ, COOP.signedOn, None)
    ds.graph(URIRef(DOC_VI)).add((AGR_UNMZ, COOP.signedOn, Literal("17/4/2019")))
    rows = run(store_of(ds), "check-dates")
    assert [(r["item"], r["problem"]) for r in rows] == [(str(AGR_UNMZ), "datatype")]


def test_check_offsets_finds_wrong_anchor_and_reversed_offsets():
    ds = sample_dataset()
    edit_mention_wrong_anchor(ds)
    rows = run(store_of(ds), "check-offsets")
    assert [(r["anchor"], r["slice"], r["source"]) for r in rows] == [
        ("Santhi Kanoktanapor", "Santhi Kanoktanaporn", "stameq-2019-highlights.vi.txt")
    ]
    ds = sample_dataset()
    edit_mention_reversed(ds)
    rows = run(store_of(ds), "check-offsets")
    assert len(rows) == 1 and int(rows[0]["begin"]) > int(rows[0]["end"])


def test_a_unit_is_typed_a_unit_only_with_the_parent_its_document_names():
    """A known body's unit read without its parent is an organization in that document's graph (a unit
    needs org:unitOf, and the parent is linked only when the document names it): no SHACL violation."""
    from kg.extract.pipeline import extract_text
    from kg.mapping import to_quads

    def unit_facts(text: str) -> set[tuple[str, str]]:
        quads = to_quads(extract_text(text, source="apwg.en.txt"))
        return {(q.predicate.value.rsplit("#", 1)[-1], q.object.value.rsplit("#", 1)[-1].rsplit("/", 1)[-1])
                for q in quads if q.subject.value.endswith("/org/accsq-apwg") and
                q.predicate.value.endswith(("#type", "#unitOf"))}

    alone = unit_facts("HANOI, 5 March 2024 — Experts of the Automotive Product Working Group (APWG) met in Hanoi "
                       "on Tuesday to discuss vehicle standards.")
    assert alone == {("type", "Organization")}
    with_parent = unit_facts("HANOI, 5 March 2024 — Experts of the ASEAN Consultative Committee for Standards and "
                             "Quality (ACCSQ) and its Automotive Product Working Group (APWG) met in Hanoi on Tuesday.")
    assert with_parent == {("type", "Organization"), ("type", "OrganizationalUnit"), ("unitOf", "accsq")}


def test_a_body_named_only_by_its_acronym_has_no_preferred_name_in_that_document():
    """"Director of BBQ" gives BBQ no preferred name, so that another document's full name is the one
    preferred English name of the union (two would be a SHACL violation: conflicting names)."""
    from kg.extract.pipeline import extract_text
    from kg.mapping import to_quads

    quads = to_quads(extract_text("HANOI, 5 March 2024 — Mr. John Smith, Director of BBQ, visited the Vietnam "
                                  "Metrology Institute on Tuesday.", source="bbq.en.txt"))
    labels = {(q.predicate.value.rsplit("#", 1)[-1], q.object.value) for q in quads
              if q.subject.value.endswith("/org/bbq") and q.predicate.value.endswith(("Label", "#acronym"))}
    assert labels == {("altLabel", "BBQ"), ("acronym", "BBQ")}
    vmi = {(q.object.value, q.object.language) for q in quads
           if q.subject.value.endswith("/org/vmi") and q.predicate.value.endswith("#prefLabel")}
    assert ("Viet Nam Metrology Institute", "en") in vmi  # a name that is not an acronym stays preferred
