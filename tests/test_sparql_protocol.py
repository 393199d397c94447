"""The SPARQL 1.1 Protocol on a real server, with plain httpx: request shapes, every result
format parsed by a standard parser, and the errors a client gets for bad requests."""

from __future__ import annotations

import csv
import io
import json
import xml.etree.ElementTree as ET

import httpx
import pytest
import rdflib

from .conftest import BASE, ID, Server

BLOCKS_QUERY = f"""PREFIX bk: <https://w3id.org/bkgraph/def#>
SELECT ?position ?title WHERE {{ <{ID}> bk:hasActivityBlock ?b . ?b bk:position ?position ;
  <http://www.w3.org/2000/01/rdf-schema#label> ?title }} ORDER BY ?position"""
CONSTRUCT = f"""CONSTRUCT {{ ?b <http://www.w3.org/2000/01/rdf-schema#label> ?t }}
WHERE {{ <{ID}> <https://w3id.org/bkgraph/def#hasActivityBlock> ?b .
        ?b <http://www.w3.org/2000/01/rdf-schema#label> ?t }}"""
SRX = "{http://www.w3.org/2005/sparql-results#}"


def get(server: Server, **params: str) -> httpx.Response:
    return httpx.get(server.url + "/sparql", params=params, timeout=30)


def test_get_json(server: Server) -> None:
    response = get(server, query=BLOCKS_QUERY)
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/sparql-results+json"
    data = response.json()
    assert data["head"]["vars"] == ["position", "title"]
    rows = data["results"]["bindings"]
    assert len(rows) == 12  # twelve activity blocks in section 2.1
    assert rows[10]["title"] == {"type": "literal", "value": "Beheert budgetten", "xml:lang": "nl"}
    assert rows[0]["position"]["datatype"] == "http://www.w3.org/2001/XMLSchema#integer"


def test_post_form_and_post_direct_agree(server: Server) -> None:
    form = httpx.post(server.url + "/sparql", data={"query": BLOCKS_QUERY}, timeout=30)
    direct = httpx.post(
        server.url + "/sparql",
        content=BLOCKS_QUERY.encode(),
        headers={"Content-Type": "application/sparql-query"},
        timeout=30,
    )
    assert form.status_code == direct.status_code == 200
    assert form.json() == direct.json() == get(server, query=BLOCKS_QUERY).json()


def test_xml_results(server: Server) -> None:
    response = get(server, query=BLOCKS_QUERY, format="xml")
    root = ET.fromstring(response.content)
    results = root.findall(f"{SRX}results/{SRX}result")
    assert len(results) == 12
    assert (
        results[3].find(f"{SRX}binding[@name='title']/{SRX}literal").text
        == "Beheert de bedrijfscommunicatie"
    )


def test_csv_and_tsv_results(server: Server) -> None:
    response = httpx.get(
        server.url + "/sparql", params={"query": BLOCKS_QUERY}, headers={"Accept": "text/csv"}
    )
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0] == ["position", "title"]
    assert rows[6] == ["6", "Behandelt beslissingen, dienstnota's... zowel intern als extern"]
    tsv = httpx.get(
        server.url + "/sparql",
        params={"query": BLOCKS_QUERY},
        headers={"Accept": "text/tab-separated-values"},
    )
    lines = tsv.text.splitlines()
    assert lines[0] == "?position\t?title"
    assert lines[11] == '11\t"Beheert budgetten"@nl'


def test_ask_in_every_result_format(server: Server) -> None:
    ask = f"ASK {{ <{ID}> ?p ?o }}"
    assert get(server, query=ask).json() == {"head": {}, "boolean": True}
    root = ET.fromstring(get(server, query=ask, format="xml").content)
    assert root.find(f"{SRX}boolean").text == "true"
    assert get(server, query=ask, format="csv").text.strip() == "true"
    assert get(server, query="ASK { <urn:nothing> ?p ?o }", format="tsv").text.strip() == "false"


@pytest.mark.parametrize(
    ("accept", "parser"),
    [
        ("text/turtle", "turtle"),
        ("application/n-triples", "nt"),
        ("application/n-quads", "nquads"),
        ("application/trig", "trig"),
        ("application/ld+json", "json-ld"),
        ("application/rdf+xml", "xml"),
    ],
)
def test_construct_in_every_rdf_format(server: Server, accept: str, parser: str) -> None:
    response = httpx.get(
        server.url + "/sparql", params={"query": CONSTRUCT}, headers={"Accept": accept}
    )
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == accept
    graph = rdflib.Dataset() if parser in ("nquads", "trig") else rdflib.Graph()
    graph.parse(data=response.content, format=parser)
    labels = {str(o) for _, _, o, *_ in (graph.quads() if parser in ("nquads", "trig") else graph)}
    assert len(labels) == 12
    assert "Beheert budgetten" in labels


def test_describe(server: Server) -> None:
    response = httpx.get(
        server.url + "/sparql",
        params={"query": f"DESCRIBE <{ID}/block/11>"},
        headers={"Accept": "text/turtle"},
    )
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    activities = set(
        graph.objects(
            rdflib.URIRef(ID + "/block/11"),
            rdflib.URIRef("https://w3id.org/bkgraph/def#hasActivity"),
        )
    )
    assert len(activities) == 4  # block 11 packs four activities (line 167)


def test_dataset_parameters(server: Server) -> None:
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/bkgraph/def#ActivityBlock> }"
    dossier = get(server, query=count, **{"default-graph-uri": BASE + "graph/BK-0568-1"})
    vocabulary = get(server, query=count, **{"default-graph-uri": BASE + "graph/vocabulary"})
    assert dossier.json()["results"]["bindings"][0]["n"]["value"] == "12"
    assert vocabulary.json()["results"]["bindings"][0]["n"]["value"] == "0"
    named = get(
        server,
        query="SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }",
        **{"named-graph-uri": BASE + "graph/vocabulary"},
    )
    assert [r["g"]["value"] for r in named.json()["results"]["bindings"]] == [
        BASE + "graph/vocabulary"
    ]


def test_percent_encoded_iris_in_a_form_body(server: Server) -> None:
    iri = ID + "/block/1"
    body = "query=" + httpx.QueryParams({"q": f"ASK {{ <{iri}> ?p ?o }}"})["q"]
    encoded = (
        "query=ASK%20%7B%20%3C"
        + iri.replace(":", "%3A").replace("/", "%2F")
        + "%3E%20%3Fp%20%3Fo%20%7D"
    )
    for content in (body, encoded):
        response = httpx.post(
            server.url + "/sparql",
            content=content,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        )
        assert response.json()["boolean"] is True


def test_union_default_graph_is_the_default(server: Server) -> None:
    # the requirements stand in the dossier's graph, the concepts' labels in the vocabulary graph
    count = f"""PREFIX bk: <https://w3id.org/bkgraph/def#>
      SELECT (COUNT(DISTINCT ?k) AS ?n) WHERE {{
        <{ID}> bk:hasActivityBlock/bk:hasKnowledgeRequirement/bk:requiresKnowledge ?k .
        ?k <http://www.w3.org/2004/02/skos/core#prefLabel> ?label }}"""
    assert get(server, query=count).json()["results"]["bindings"][0]["n"]["value"] == "36"


@pytest.mark.parametrize(
    ("request_args", "status", "message"),
    [
        ({"params": {"query": "SELECT * WHERE { ?s ?p }"}}, 400, "malformed query: error at 1:"),
        ({"params": [("query", "ASK {}"), ("query", "ASK {}")]}, 400, "'query' is given 2 times"),
        ({"params": {"query": "ASK {}", "format": "pdf"}}, 406, "available:"),
        ({"params": {"query": "ASK {}"}, "headers": {"Accept": "image/png"}}, 406, "available:"),
        (
            {"params": {"update": "INSERT DATA { <a:a> <a:b> <a:c> }"}},
            400,
            "cannot be sent with GET",
        ),
        (
            {
                "params": {
                    "query": "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
                }
            },
            400,
            "SERVICE <http://example.org/sparql> is not allowed",
        ),
        (
            {"params": {"query": "SELECT * WHERE { ?s ?p ?o } #" + "x" * 30_000}},
            414,
            "the limit is 20000",
        ),
    ],
)
def test_bad_get_requests(server: Server, request_args: dict, status: int, message: str) -> None:
    response = httpx.get(server.url + "/sparql", timeout=30, **request_args)
    assert response.status_code == status
    assert message in response.text


@pytest.mark.parametrize(
    ("content", "content_type", "status", "message"),
    [
        (b"INSERT DATA { <a:a> <a:b> <a:c> }", "application/sparql-update", 403, "read-only"),
        (
            b"update=DELETE+WHERE+%7B+%3Fs+%3Fp+%3Fo+%7D",
            "application/x-www-form-urlencoded",
            403,
            "read-only",
        ),
        (b"ASK {}", "text/plain", 415, "unsupported content type 'text/plain'"),
        (
            b"query=ASK+%7B%7D&update=CLEAR+ALL",
            "application/x-www-form-urlencoded",
            400,
            "not both",
        ),
        (b"ASK {} " + b"#" * 200_000, "application/sparql-query", 413, "the limit is 20000"),
        (b"ASK { \xff }", "application/sparql-query", 400, "not UTF-8"),
    ],
)
def test_bad_post_requests(
    server: Server, content: bytes, content_type: str, status: int, message: str
) -> None:
    response = httpx.post(
        server.url + "/sparql", content=content, headers={"Content-Type": content_type}
    )
    assert response.status_code == status
    assert message in response.text


def test_wrong_method(server: Server) -> None:
    assert httpx.put(server.url + "/sparql", content=b"ASK {}").status_code == 405
    assert httpx.delete(server.url + "/sparql").status_code == 405


def test_service_keyword_inside_a_string_is_not_a_service_call(server: Server) -> None:
    response = get(
        server, query='SELECT ("SERVICE <http://x>" AS ?s) WHERE {} # SERVICE <http://y>'
    )
    assert response.status_code == 200


def test_row_limit_is_said_not_silent(server: Server) -> None:
    response = get(server, query="SELECT * WHERE { ?s ?p ?o }")
    assert response.status_code == 200
    assert len(response.json()["results"]["bindings"]) == 50  # the test server's --max-rows
    assert response.headers["X-Result-Truncated"] == "true"
    assert response.headers["X-Result-Limit"] == "50"
    small = get(server, query=BLOCKS_QUERY)
    assert "X-Result-Truncated" not in small.headers


def test_row_limit_on_lookups(server: Server) -> None:
    """Lookups are answered in the server process, JSON written by pyoxigraph: the row limit
    and its headers hold there as on the general path (CSV)."""
    lookup = f"SELECT ?p ?o WHERE {{ <{ID}> ?p ?o }}"  # the Office manager has > 50 triples
    as_json = get(server, query=lookup)
    assert len(as_json.json()["results"]["bindings"]) == 50
    as_csv = get(server, query=lookup, format="csv")
    assert len(as_csv.text.splitlines()) == 51  # the header line and 50 rows
    for response in (as_json, as_csv):
        assert response.headers["X-Result-Truncated"] == "true"
        assert response.headers["X-Result-Limit"] == "50"
    limited = get(server, query=lookup + " LIMIT 20")
    assert len(limited.json()["results"]["bindings"]) == 20
    assert "X-Result-Truncated" not in limited.headers
    title = get(server, query=f"SELECT ?t WHERE {{ <{ID}> <http://purl.org/dc/terms/title> ?t }}")
    assert title.json()["results"]["bindings"] == [
        {"t": {"type": "literal", "value": "Office manager", "xml:lang": "nl"}}  # dossier line 5
    ]


def test_row_limit_beside_the_query_s_own_limit(server: Server) -> None:
    """JSON answers are written by pyoxigraph with the row limit put into the query; every way
    a query can end keeps the limit and says so."""
    everything = "SELECT ?s WHERE { ?s ?p ?o }"
    activities = "SELECT ?a WHERE { ?a a ?t } VALUES ?t { <https://w3id.org/bkgraph/def#Activity> }"
    cases = {
        everything + " LIMIT 7 # seven": 7,  # its own limit, under the server's
        everything + " # LIMIT 7": 50,  # a comment, not a limit
        everything + "\nLIMIT 60": 50,  # over the server's limit of 50
        everything + " OFFSET 10": 50,
        activities: 50,  # a trailing VALUES block: LIMIT cannot be appended
    }
    for query, rows in cases.items():
        response = get(server, query=query)
        assert response.status_code == 200, query
        assert len(response.json()["results"]["bindings"]) == rows, query
        assert (response.headers.get("X-Result-Truncated") == "true") == (rows == 50), query


def test_cors(server: Server) -> None:
    response = httpx.get(
        server.url + "/sparql",
        params={"query": "ASK {}"},
        headers={"Origin": "https://elsewhere.example"},
    )
    assert response.headers["access-control-allow-origin"] == "*"
    preflight = httpx.options(
        server.url + "/sparql",
        headers={
            "Origin": "https://elsewhere.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert preflight.status_code == 200
    assert "POST" in preflight.headers["access-control-allow-methods"]


def test_service_description(server: Server) -> None:
    response = httpx.get(server.url + "/sparql", headers={"Accept": "text/turtle"})
    graph = rdflib.Graph().parse(data=response.text, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    endpoint = rdflib.URIRef(server.url + "/sparql")
    assert (endpoint, rdflib.RDF.type, sd.Service) in graph
    assert (endpoint, sd.endpoint, endpoint) in graph
    assert (endpoint, sd.supportedLanguage, sd.SPARQL11Query) in graph
    assert (endpoint, sd.feature, sd.UnionDefaultGraph) in graph
    formats = {str(o).rsplit("/", 1)[1] for o in graph.objects(endpoint, sd.resultFormat)}
    assert {
        "SPARQL_Results_JSON",
        "SPARQL_Results_XML",
        "SPARQL_Results_CSV",
        "SPARQL_Results_TSV",
        "Turtle",
        "N-Triples",
        "N-Quads",
        "TriG",
        "JSON-LD",
        "RDF_XML",
    } == formats
    names = {str(o) for o in graph.objects(None, sd.name)}
    assert {
        BASE + "graph/BK-0568-1",
        BASE + "graph/vocabulary",
        "https://w3id.org/bkgraph/def",
    } <= names
    assert len(names) == 67  # 61 qualifications, ontology, vocabulary, 3 ESCO versions, crosswalks
    jsonld = httpx.get(server.url + "/sparql", headers={"Accept": "application/ld+json"})
    assert json.loads(jsonld.text)


def test_html_form_with_examples(server: Server) -> None:
    page = httpx.get(server.url + "/sparql", headers={"Accept": "text/html"})
    assert page.status_code == 200
    assert "<form" in page.text
    assert "The activity blocks of a qualification, in order" in page.text  # queries/a-...rq
    assert "default-src 'self'" in page.headers["content-security-policy"]
    results = httpx.get(server.url + "/sparql", params={"query": BLOCKS_QUERY, "format": "html"})
    assert results.text.count("<tr>") == 13  # header and twelve blocks
    assert "Beheert budgetten" in results.text


def test_still_answering_after_bad_requests(server: Server) -> None:
    for _ in range(3):
        httpx.get(server.url + "/sparql", params={"query": "SELEC"})
        httpx.post(
            server.url + "/sparql",
            content=b"\xff",
            headers={"Content-Type": "application/sparql-query"},
        )
    assert get(server, query="ASK {}").json()["boolean"] is True
