"""IRIs of the public vocabulary (`docs/vocabulary` of the shared contract) and of instances."""

from __future__ import annotations

COOP = "https://w3id.org/coop-kg/ontology#"
KGID = "https://w3id.org/coop-kg/id/"
ORG = "http://www.w3.org/ns/org#"
FOAF = "http://xmlns.com/foaf/0.1/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "https://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
ITSRDF = "http://www.w3.org/2005/11/its/rdf#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
WD = "http://www.wikidata.org/entity/"

PREFIXES = {
    "coop": COOP, "kgid": KGID, "org": ORG, "foaf": FOAF, "skos": SKOS, "schema": SCHEMA, "prov": PROV,
    "dcterms": DCTERMS, "nif": NIF, "itsrdf": ITSRDF, "rdf": RDF, "rdfs": RDFS, "owl": OWL, "xsd": XSD, "wd": WD,
}
META_GRAPH = KGID + "graph/meta"
# Each organization, person and role described once (labels, kind, country, parent…): a deduplicated
# copy of what the document graphs say about them, kept by every build, so that queries look names up
# once instead of once per document that restates them. Derived data: rebuilt from the documents.
ENTITIES_GRAPH = KGID + "graph/entities"
ENTITY_PREFIXES = (KGID + "org/", KGID + "person/", KGID + "role/")
# Sizes of the graph (VoID), counted by each build so that `kg query stats` reads a dozen triples.
STATS_GRAPH = KGID + "graph/stats"
VOID = "http://rdfs.org/ns/void#"

AGREEMENT_CLASSES = {
    "mou": "MemorandumOfUnderstanding", "agreement": "CooperationAgreement", "plan": "CooperationPlan",
    "protocol": "Protocol", "mra": "MutualRecognitionArrangement", "declaration": "JointDeclaration",
}
EVENT_CLASSES = {
    "meeting": "Meeting", "conference": "Conference", "workshop": "Workshop", "forum": "Forum", "visit": "Visit",
    "ceremony": "Ceremony", "training": "Training", "dialogue": "Dialogue",
}
TENURE = {"current": "Current", "former": "Former", "incoming": "Incoming"}


def sparql_prefixes() -> str:
    return "".join(f"PREFIX {p}: <{iri}>\n" for p, iri in PREFIXES.items())


def doc_iri(doc_slug: str) -> str:
    return f"{KGID}doc/{doc_slug}"


def org_iri(key: str) -> str:
    return f"{KGID}org/{key}"


def person_iri(key: str) -> str:
    return f"{KGID}person/{key}"


def role_iri(key: str) -> str:
    return f"{KGID}role/{key}"
