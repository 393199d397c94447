"""ESCO concepts → triples in ESCO's own model, one named graph per ESCO version.

The CSV exports flatten ESCO's RDF; this puts back what they flatten: `esco:Occupation` and
`esco:Skill` with SKOS labels in the file's language, an occupation's ISCO-08 unit group as
`esco:memberOfISCOGroup`, and the hierarchy the codes spell (ISCO 3341 → 334 → 33 → 3, ESCO
occupation 3341.1.2 → 3341.1 → ISCO 3341) as `skos:broader`. ISCO groups are `skos:Concept`s in
ESCO's ISCO scheme, as ESCO publishes them.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import datetime

from pyoxigraph import Literal, NamedNode, Quad, Triple

from bkgraph.parsing.esco import EscoConcept, EscoSource
from bkgraph.rdf.namespaces import DCT, ESCO, PROV, RDF, RDFS, SKOS, XSD
from bkgraph.rdf.terms import Triple as TermTriple
from bkgraph.rdf.uris import Uris

ESCO_ATTRIBUTION = "ESCO classification, © European Union, https://esco.ec.europa.eu"
ESCO_LICENCE = NamedNode("https://eur-lex.europa.eu/eli/dec/2011/833/oj")
ISCO_SCHEME = NamedNode("http://data.europa.eu/esco/concept-scheme/isco")
CLASSES = {
    "Occupation": ESCO.Occupation,
    "KnowledgeSkillCompetence": ESCO.Skill,
    "SkillGroup": ESCO.Skill,
}


def isco_group(code: str) -> NamedNode:
    """ESCO's URI of an ISCO-08 group: ``3341`` → ``http://data.europa.eu/esco/isco/C3341``."""
    return NamedNode(f"http://data.europa.eu/esco/isco/C{code}")


def concept_triples(concepts: list[EscoConcept]) -> Iterator[TermTriple]:
    by_code = {c.code: c.uri for c in concepts if c.kind == "Occupation" and c.code}
    for c in concepts:
        node = NamedNode(c.uri)
        yield node, RDF.type, SKOS.Concept
        if c.kind in CLASSES:
            yield node, RDF.type, CLASSES[c.kind]
        yield node, SKOS.prefLabel, Literal(c.pref_label, language=c.language)
        for label in c.alt_labels:
            yield node, SKOS.altLabel, Literal(label, language=c.language)
        for label in c.hidden_labels:
            yield node, SKOS.hiddenLabel, Literal(label, language=c.language)
        if c.description:
            yield node, DCT.description, Literal(c.description, language=c.language)
        for scheme in c.schemes:
            yield node, SKOS.inScheme, NamedNode(scheme)
        if c.modified:
            yield node, DCT.modified, Literal(c.modified, datatype=XSD.dateTime)
        if c.isco_group:
            yield node, ESCO.memberOfISCOGroup, isco_group(c.isco_group)
        if c.code:
            yield node, SKOS.notation, Literal(c.code)
            broader = _broader(c, by_code)
            if broader is not None:
                yield node, SKOS.broader, broader
            elif c.kind == "ISCOGroup":
                yield node, SKOS.topConceptOf, ISCO_SCHEME


def _broader(c: EscoConcept, by_code: dict[str, str]) -> NamedNode | None:
    if c.kind == "ISCOGroup":
        return isco_group(c.code[:-1]) if c.code and len(c.code) > 1 else None
    if c.kind == "Occupation" and c.code:
        parent = c.code.rsplit(".", 1)[0]
        if "." not in parent:
            return isco_group(parent)
        if parent in by_code:
            return NamedNode(by_code[parent])
    return None


def graph_description(
    uris: Uris, version: str, sources: Iterable[EscoSource], built_at: datetime
) -> Iterator[TermTriple]:
    """What a registry needs to cite the ESCO graph: version, files, and the attribution
    ESCO's licence (Commission Decision 2011/833/EU) asks for."""
    graph = uris.esco_graph(version)
    yield graph, RDF.type, PROV.Entity
    yield graph, RDFS.label, Literal(f"ESCO {version}", language="en")
    yield graph, DCT.hasVersion, Literal(version)
    yield graph, DCT.rights, Literal(ESCO_ATTRIBUTION, language="en")
    yield graph, DCT.license, ESCO_LICENCE
    yield (
        graph,
        DCT.publisher,
        NamedNode("http://publications.europa.eu/resource/authority/corporate-body/EMPL"),
    )
    yield graph, DCT.source, NamedNode("https://esco.ec.europa.eu/en/use-esco/download")
    yield graph, PROV.generatedAtTime, Literal(built_at.isoformat(), datatype=XSD.dateTime)
    for source in sources:
        file = uris.source(f"esco/{source.path.name}")
        yield graph, PROV.wasDerivedFrom, file
        yield file, DCT.title, Literal(source.path.name)


def esco_quads(
    uris: Uris,
    loaded: list[tuple[EscoSource, list[EscoConcept] | list[Triple]]],
    built_at: datetime,
) -> Iterator[Quad]:
    """Every source in the graph of its version, with the graph's own description."""
    versions: dict[str, list[EscoSource]] = {}
    for source, content in loaded:
        graph = uris.esco_graph(source.version)
        versions.setdefault(source.version, []).append(source)
        if content and isinstance(content[0], EscoConcept):
            triples: Iterable = concept_triples(content)  # type: ignore[arg-type]
            for s, p, o in triples:
                yield Quad(s, p, o, graph)
        else:
            for t in content:
                yield Quad(t.subject, t.predicate, t.object, graph)  # type: ignore[union-attr]
    for version, sources in versions.items():
        for s, p, o in graph_description(uris, version, sources, built_at):
            yield Quad(s, p, o, uris.esco_graph(version))
