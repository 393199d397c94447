"""docs/ontology.md, generated from ontology/bkgraph.ttl so the two cannot drift apart.

A test regenerates it and compares; `bkgraph ontology-docs` rewrites it after an ontology change.
"""

from __future__ import annotations

from pathlib import Path

import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from bkgraph.config import ONTOLOGY_IRI, ONTOLOGY_NAMESPACE

_KINDS = (
    (OWL.Class, "Classes"),
    (OWL.ObjectProperty, "Object properties"),
    (OWL.DatatypeProperty, "Datatype properties"),
    (OWL.AnnotationProperty, "Annotation properties"),
)
_CHARACTERISTICS = {
    OWL.FunctionalProperty: "functional",
    OWL.InverseFunctionalProperty: "inverse functional",
}


def _curie(graph: rdflib.Graph, term: rdflib.term.Node) -> str:
    if isinstance(term, rdflib.BNode):
        return "(restriction)"
    return graph.namespace_manager.normalizeUri(term)


def _text(graph: rdflib.Graph, term: rdflib.URIRef, prop: rdflib.URIRef, lang: str) -> str:
    for value in graph.objects(term, prop):
        if isinstance(value, rdflib.Literal) and value.language == lang:
            return str(value).replace("|", "\\|")
    return ""


def render(ontology_file: Path) -> str:
    graph = rdflib.Graph().parse(ontology_file, format="turtle")
    ontology = rdflib.URIRef(ONTOLOGY_IRI)
    lines = [
        "# The bkgraph ontology",
        "",
        "Generated from `ontology/bkgraph.ttl` by `bkgraph ontology-docs`; do not edit by hand.",
        "",
        f"- Namespace: `{ONTOLOGY_NAMESPACE}` (prefix `bk:`)",
        f"- Ontology IRI: `{ONTOLOGY_IRI}`",
        f"- Version: {graph.value(ontology, OWL.versionInfo)} "
        f"(`{graph.value(ontology, OWL.versionIRI)}`)",
        "- Reuses: SKOS (concept schemes), Dublin Core terms (titles, identifiers), PROV-O "
        "(provenance), W3C ORG (organisations), the ESCO model (`esco:AssociationObject`).",
        "- Shapes: `ontology/shapes.ttl` (SHACL).",
        "",
        str(
            graph.value(ontology, rdflib.URIRef("http://purl.org/dc/terms/description"), any=True)
            or ""
        ),
        "",
    ]
    for kind, heading in _KINDS:
        terms = sorted(
            t
            for t in graph.subjects(RDF.type, kind)
            if isinstance(t, rdflib.URIRef) and str(t).startswith(ONTOLOGY_NAMESPACE)
        )
        lines += [f"## {heading}", ""]
        lines += ["| term | label (en / nl) | definition | axioms |", "| --- | --- | --- | --- |"]
        for term in terms:
            axioms = []
            for parent in graph.objects(term, RDFS.subClassOf):
                axioms.append(f"subclass of {_curie(graph, parent)}")
            for parent in graph.objects(term, RDFS.subPropertyOf):
                axioms.append(f"subproperty of {_curie(graph, parent)}")
            for prop, name in ((RDFS.domain, "domain"), (RDFS.range, "range")):
                for value in graph.objects(term, prop):
                    axioms.append(f"{name} {_curie(graph, value)}")
            for value in graph.objects(term, OWL.inverseOf):
                axioms.append(f"inverse of {_curie(graph, value)}")
            for characteristic, name in _CHARACTERISTICS.items():
                if (term, RDF.type, characteristic) in graph:
                    axioms.append(name)
            lines.append(
                f"| `{_curie(graph, term)}` "
                f"| {_text(graph, term, RDFS.label, 'en')} / {_text(graph, term, RDFS.label, 'nl')} "
                f"| {_text(graph, term, SKOS.definition, 'en')} "
                f"| {'; '.join(sorted(axioms))} |"
            )
        lines.append("")
    lines += [
        "## Other axioms",
        "",
        "- The main classes are pairwise disjoint (`owl:AllDisjointClasses`), and so are the "
        "concept classes and the statement classes; a Competent fiche is not a Competent profile.",
        "- A qualification version is the version of exactly one qualification.",
        "- The members of each fixed concept scheme (skill types, knowledge levels, kinds of "
        "autonomy) are `owl:differentFrom` each other (stated in the vocabulary graph), so an "
        "activity ticked as two skill types is an inconsistency, not a merge.",
        "",
    ]
    return "\n".join(lines)
