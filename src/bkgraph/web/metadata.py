"""Descriptions of the service and the dataset: SPARQL Service Description and VoID + DCAT.

Counts come from the store and are cached per store version (the build's name), since the
store is read-only between builds.
"""

from __future__ import annotations

from functools import lru_cache

from pyoxigraph import BlankNode, Literal, NamedNode, Store, Triple

from bkgraph import __version__
from bkgraph.config import ONTOLOGY_IRI
from bkgraph.rdf.namespaces import DCAT, DCT, FORMATS, RDF, SD, VOID, XSD
from bkgraph.web.negotiation import GRAPH_FORMATS, RESULT_FORMATS

_FORMAT_IRIS = {
    "json": "SPARQL_Results_JSON",
    "xml": "SPARQL_Results_XML",
    "csv": "SPARQL_Results_CSV",
    "tsv": "SPARQL_Results_TSV",
    "turtle": "Turtle",
    "ntriples": "N-Triples",
    "nquads": "N-Quads",
    "trig": "TriG",
    "jsonld": "JSON-LD",
    "rdfxml": "RDF_XML",
}
QUALIFICATION_DATA_CREDIT = "Bron: Vlaamse overheid, Vlaamse kwalificatiestructuur"


@lru_cache(maxsize=4)
def graph_sizes(store: Store, version: str) -> dict[str, int]:
    """Triples per named graph (and "" for the default graph), for this store version."""
    sizes: dict[str, int] = {}
    for quad in store:
        name = quad.graph_name.value if isinstance(quad.graph_name, NamedNode) else ""
        sizes[name] = sizes.get(name, 0) + 1
    return sizes


def _integer(n: int) -> Literal:
    return Literal(str(n), datatype=XSD.integer)


def service_description(
    endpoint: str, sizes: dict[str, int], union_default_graph: bool, update_enabled: bool
) -> list[Triple]:
    service = NamedNode(endpoint)
    dataset, default = BlankNode(), BlankNode()
    t = [
        Triple(service, RDF.type, SD.Service),
        Triple(service, SD.endpoint, service),
        Triple(service, SD.supportedLanguage, SD.SPARQL11Query),
        Triple(
            service,
            DCT.description,
            Literal(f"bkgraph {__version__} SPARQL 1.1 endpoint", language="en"),
        ),
        Triple(service, SD.defaultDataset, dataset),
        Triple(dataset, RDF.type, SD.Dataset),
        Triple(dataset, SD.defaultGraph, default),
        Triple(default, RDF.type, SD.Graph),
    ]
    if update_enabled:
        t.append(Triple(service, SD.supportedLanguage, SD.SPARQL11Update))
    if union_default_graph:
        t.append(Triple(service, SD.feature, SD.UnionDefaultGraph))
        t.append(Triple(default, VOID.triples, _integer(sum(v for k, v in sizes.items() if k))))
    else:
        t.append(Triple(default, VOID.triples, _integer(sizes.get("", 0))))
    for fmt in (*RESULT_FORMATS, *GRAPH_FORMATS):
        t.append(Triple(service, SD.resultFormat, FORMATS.__getattr__(_FORMAT_IRIS[fmt.name])))
    for name, count in sorted(sizes.items()):
        if not name:
            continue
        named, graph = BlankNode(), BlankNode()
        t += [
            Triple(dataset, SD.namedGraph, named),
            Triple(named, RDF.type, SD.NamedGraph),
            Triple(named, SD.name, NamedNode(name)),
            Triple(named, SD.graph, graph),
            Triple(graph, RDF.type, SD.Graph),
            Triple(graph, VOID.triples, _integer(count)),
        ]
    return t


def void_description(base: str, sizes: dict[str, int]) -> list[Triple]:
    """VoID and DCAT for the whole dataset, with its sources as each states its terms."""
    dataset = NamedNode(f"{base}id/dataset/bkgraph")
    dump_nq, dump_ttl = (
        NamedNode(f"{base}dumps/bkgraph.nq.gz"),
        NamedNode(f"{base}dumps/bkgraph.ttl"),
    )
    t = [
        Triple(dataset, RDF.type, VOID.Dataset),
        Triple(dataset, RDF.type, DCAT.Dataset),
        Triple(
            dataset,
            DCT.title,
            Literal("bkgraph: Flemish professional qualifications", language="en"),
        ),
        Triple(dataset, DCT.title, Literal("bkgraph: Vlaamse beroepskwalificaties", language="nl")),
        Triple(
            dataset,
            DCT.description,
            Literal(
                "Beroepskwalificatiedossiers of the Flemish qualification structure as an RDF graph.",
                language="en",
            ),
        ),
        Triple(dataset, VOID.sparqlEndpoint, NamedNode(f"{base}sparql")),
        Triple(dataset, VOID.uriSpace, Literal(f"{base}id/")),
        Triple(dataset, VOID.triples, _integer(sum(sizes.values()))),
        Triple(dataset, VOID.vocabulary, NamedNode(ONTOLOGY_IRI)),
        Triple(dataset, VOID.vocabulary, NamedNode("http://www.w3.org/2004/02/skos/core#")),
        Triple(dataset, VOID.dataDump, dump_nq),
        Triple(dataset, VOID.dataDump, dump_ttl),
        Triple(dataset, DCT.publisher, Literal("bkgraph")),
        Triple(dataset, DCT.modified, Literal(__version__)),
    ]
    for dump, media in ((dump_nq, "application/n-quads"), (dump_ttl, "text/turtle")):
        distribution = BlankNode()
        t += [
            Triple(dataset, DCAT.distribution, distribution),
            Triple(distribution, RDF.type, DCAT.Distribution),
            Triple(distribution, DCAT.downloadURL, dump),
            Triple(distribution, DCAT.mediaType, Literal(media)),
        ]
    source = BlankNode()
    t += [
        Triple(dataset, DCT.source, source),
        Triple(
            source,
            DCT.title,
            Literal("Beroepskwalificatiedossiers, Vlaamse kwalificatiestructuur", language="nl"),
        ),
        Triple(
            source, DCT.bibliographicCitation, Literal(QUALIFICATION_DATA_CREDIT, language="nl")
        ),
        Triple(
            source,
            DCT.rights,
            Literal("The source states no licence for this data; none is assumed.", language="en"),
        ),
    ]
    for name, count in sorted(sizes.items()):
        if not name:
            continue
        subset = NamedNode(name)
        t += [
            Triple(dataset, VOID.subset, subset),
            Triple(subset, RDF.type, VOID.Dataset),
            Triple(subset, VOID.triples, _integer(count)),
        ]
    return t
