"""Reading the W3C SPARQL 1.1 test manifests and comparing answers, for tests/test_w3c.py.

The manifests are RDF (mf:, qt:, ut:, ht: vocabularies); each entry becomes a `W3CTest`. Answers
are compared as the suites intend: solutions as bags (as lists where the query orders them),
with blank nodes matched up to renaming; graphs up to isomorphism.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path

import rdflib
from pyoxigraph import BlankNode, Literal, NamedNode, QueryResultsFormat, parse_query_results
from rdflib.collection import Collection
from rdflib.compare import isomorphic

ROOT = Path(__file__).parent / "sparql11"
MF = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
QT = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-query#")
UT = rdflib.Namespace("http://www.w3.org/2009/sparql/tests/test-update#")
HT = rdflib.Namespace("http://www.w3.org/2011/http#")
CNT = rdflib.Namespace("http://www.w3.org/2011/content#")
DAWGT = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-dawg#")


@dataclass
class HttpRequest:
    method: str
    path: str  # with the manifest's "/sparql/" prefix
    headers: dict[str, str]
    body: bytes | None
    expected_status: set[str]  # "2xx", "3xx", "4xx", ...
    expected_format: str | None  # "boolean", "tabular", "RDF"
    expected_boolean: bool | None


@dataclass
class W3CTest:
    iri: str
    name: str
    kind: str  # the local name of the test's class
    query: Path | None = None
    data: list[Path] = field(default_factory=list)
    graph_data: list[tuple[Path, str]] = field(default_factory=list)  # file, graph IRI
    result: Path | None = None
    requests: list[HttpRequest] = field(default_factory=list)
    approved: bool = True

    @property
    def is_update(self) -> bool:
        return "update" in self.iri.rsplit("#", 1)[-1]


def _path(term: rdflib.term.Node) -> Path:
    return Path(str(term).removeprefix("file://"))


def read_manifest(path: Path) -> list[W3CTest]:
    graph = rdflib.Graph().parse(path, format="turtle", publicID=path.resolve().as_uri())
    tests: list[W3CTest] = []
    manifest = next(graph.subjects(rdflib.RDF.type, MF.Manifest))
    for include in graph.objects(manifest, MF.include):
        for item in Collection(graph, include):
            tests += read_manifest(_path(item))
    for entries in graph.objects(manifest, MF.entries):
        for entry in Collection(graph, entries):
            tests.append(_test(graph, entry))
    return tests


def _test(graph: rdflib.Graph, entry: rdflib.term.Node) -> W3CTest:
    kind = str(graph.value(entry, rdflib.RDF.type)).rsplit("#", 1)[-1]
    test = W3CTest(str(entry), str(graph.value(entry, MF.name)), kind)
    test.approved = graph.value(entry, DAWGT.approval) != DAWGT.NotClassified
    action = graph.value(entry, MF.action)
    if isinstance(action, rdflib.URIRef):  # syntax tests: the action is the query file
        test.query = _path(action)
    elif action is not None:
        if (query := graph.value(action, QT.query)) is not None:
            test.query = _path(query)
        test.data = [_path(d) for d in graph.objects(action, QT.data)]
        test.graph_data = [(_path(g), str(g)) for g in graph.objects(action, QT.graphData)]
        requests = graph.value(action, HT.requests)
        if requests is not None:
            test.requests = [_request(graph, r) for r in Collection(graph, requests)]
    for data in graph.objects(entry, UT.graphData):
        file = graph.value(data, UT.graph)
        test.graph_data.append((_path(file), str(graph.value(data, rdflib.RDFS.label))))
    if (result := graph.value(entry, MF.result)) is not None:
        test.result = _path(result)
    return test


def _request(graph: rdflib.Graph, node: rdflib.term.Node) -> HttpRequest:
    headers = {}
    header_list = graph.value(node, HT.headers)
    if header_list is not None:
        for header in Collection(graph, header_list):
            headers[str(graph.value(header, HT.fieldName))] = str(
                graph.value(header, HT.fieldValue)
            )
    body = None
    if (content := graph.value(node, HT.body)) is not None:
        encoding = str(graph.value(content, CNT.characterEncoding) or "UTF-8")
        body = str(graph.value(content, CNT.chars)).encode(encoding)
    response = graph.value(node, HT.resp)
    statuses = {
        str(s).rsplit("StatusCode", 1)[-1] for s in graph.objects(response, MF.expectedStatus)
    }
    expected_boolean = graph.value(response, MF.expectedBoolean)
    expected_format = graph.value(response, MF.expectedFormat)
    return HttpRequest(
        method=str(graph.value(node, HT.methodName)),
        path=str(graph.value(node, HT.absolutePath)),
        headers=headers,
        body=body,
        expected_status=statuses,
        expected_format=str(expected_format) if expected_format is not None else None,
        expected_boolean=expected_boolean.toPython() if expected_boolean is not None else None,
    )


# --- answers --------------------------------------------------------------------------------

Row = dict[str, object]


@dataclass
class Answer:
    kind: str  # "boolean", "solutions", "graph"
    boolean: bool | None = None
    variables: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    graph: rdflib.Graph | None = None


RESULT_FORMATS = {
    ".srx": QueryResultsFormat.XML,
    ".srj": QueryResultsFormat.JSON,
    ".tsv": QueryResultsFormat.TSV,
}
GRAPH_FORMATS = {".ttl": "turtle", ".nt": "nt", ".rdf": "xml"}


RS = rdflib.Namespace("http://www.w3.org/2001/sw/DataAccess/tests/result-set#")


def read_answer(data: bytes, suffix: str, base: str | None = None) -> Answer:
    """An answer in a results format (by file suffix or media-type-derived suffix). A graph in
    the old DAWG result-set vocabulary (rs:ResultSet) is read as the solutions it encodes."""
    if suffix in GRAPH_FORMATS:
        graph = rdflib.Graph().parse(data=data, format=GRAPH_FORMATS[suffix], publicID=base)
        result_set = graph.value(predicate=rdflib.RDF.type, object=RS.ResultSet, any=True)
        if result_set is not None:
            return _result_set(graph, result_set)
        return Answer("graph", graph=graph)
    if suffix == ".csv":
        return _read_csv(data)
    parsed = parse_query_results(data, RESULT_FORMATS[suffix])
    if not hasattr(parsed, "variables"):  # a QueryBoolean
        return Answer("boolean", boolean=bool(parsed))
    variables = [v.value for v in parsed.variables]
    rows = [{v: s[v] for v in variables if s[v] is not None} for s in parsed]
    return Answer("solutions", variables=variables, rows=rows)


def _term(node: rdflib.term.Node) -> object:
    if isinstance(node, rdflib.BNode):
        return BlankNode(str(node))
    if isinstance(node, rdflib.Literal):
        if node.language:
            return Literal(str(node), language=node.language)
        return Literal(str(node), datatype=NamedNode(str(node.datatype or XSD + "string")))
    return NamedNode(str(node))


def _result_set(graph: rdflib.Graph, node: rdflib.term.Node) -> Answer:
    boolean = graph.value(node, RS.boolean)
    if boolean is not None:
        return Answer("boolean", boolean=boolean.toPython())
    variables = [str(v) for v in graph.objects(node, RS.resultVariable)]
    rows = []
    for solution in graph.objects(node, RS.solution):
        rows.append(
            {
                str(graph.value(b, RS.variable)): _term(graph.value(b, RS.value))
                for b in graph.objects(solution, RS.binding)
            }
        )
    return Answer("solutions", variables=variables, rows=rows)


def _read_csv(data: bytes) -> Answer:
    """CSV keeps no term types: the rows compare as strings."""
    reader = csv.reader(io.StringIO(data.decode("utf-8")))
    header = next(reader)
    rows = [
        {
            v: BlankNode(value[2:]) if value.startswith("_:") else value
            for v, value in zip(header, row, strict=False)
            if value != ""
        }
        for row in reader
    ]
    return Answer("solutions", variables=header, rows=rows)


XSD = "http://www.w3.org/2001/XMLSchema#"
EXACT_NUMBERS = {
    XSD + t
    for t in (
        "integer",
        "decimal",
        "int",
        "long",
        "short",
        "byte",
        "nonNegativeInteger",
        "positiveInteger",
        "negativeInteger",
        "nonPositiveInteger",
        "unsignedInt",
        "unsignedLong",
        "unsignedShort",
        "unsignedByte",
    )
}
FLOATING = {XSD + "double", XSD + "float"}
BOOLEANS = {"1": "true", "0": "false"}


def _value(term: Literal) -> str:
    """Numbers and booleans compare by value, as the suites intend: "1.0"^^xsd:decimal is
    "1"^^xsd:decimal, "0"^^xsd:boolean is false."""
    datatype = term.datatype.value
    try:
        if datatype in EXACT_NUMBERS:
            return str(Decimal(term.value).normalize())
        if datatype in FLOATING:
            return repr(float(term.value))
    except (InvalidOperation, ValueError):
        return term.value
    if datatype == XSD + "boolean":
        return BOOLEANS.get(term.value, term.value)
    return term.value


def _key(term: object) -> object:
    if isinstance(term, BlankNode):
        return ("bnode", term.value)
    if isinstance(term, NamedNode):
        return ("iri", term.value)
    if isinstance(term, Literal):
        datatype = term.datatype.value if not term.language else None
        return ("literal", _value(term), datatype, (term.language or "").lower())
    return ("text", str(term))


def csv_view(answer: Answer) -> Answer:
    """The same solutions as CSV would write them: every term as its string, blank nodes kept."""

    def text(term: object) -> object:
        if isinstance(term, BlankNode):
            return term
        return getattr(term, "value", term)

    return Answer(
        "solutions",
        variables=answer.variables,
        rows=[{k: text(v) for k, v in r.items()} for r in answer.rows],
    )


def same_solutions(expected: list[Row], actual: list[Row], ordered: bool) -> bool:
    if len(expected) != len(actual):
        return False
    exp = [{k: _key(v) for k, v in r.items()} for r in expected]
    act = [{k: _key(v) for k, v in r.items()} for r in actual]
    has_bnodes = any(v[0] == "bnode" for r in exp + act for v in r.values() if isinstance(v, tuple))
    if not has_bnodes:
        if ordered:
            return exp == act
        return Counter(frozenset(r.items()) for r in exp) == Counter(
            frozenset(r.items()) for r in act
        )
    return _match(exp, act, 0, {}, set(), ordered)


def _match(
    exp: list[dict], act: list[dict], i: int, mapping: dict, used: set, ordered: bool
) -> bool:
    """Backtracking: pair expected rows with actual rows under one renaming of blank nodes."""
    if i == len(exp):
        return True
    candidates = [i] if ordered else range(len(act))
    for j in candidates:
        if j in used:
            continue
        extended = _unify(exp[i], act[j], mapping)
        if extended is not None and _match(exp, act, i + 1, extended, used | {j}, ordered):
            return True
    return False


def _unify(e: dict, a: dict, mapping: dict) -> dict | None:
    if e.keys() != a.keys():
        return None
    result = dict(mapping)
    for var, value in e.items():
        other = a[var]
        if isinstance(value, tuple) and value[0] == "bnode":
            if not (isinstance(other, tuple) and other[0] == "bnode"):
                return None
            if value in result and result[value] != other:
                return None
            if value not in result and other in result.values():
                return None
            result[value] = other
        elif value != other:
            return None
    return result


def same_answer(expected: Answer, actual: Answer, ordered: bool) -> bool:
    if expected.kind != actual.kind:
        return False
    if expected.kind == "boolean":
        return expected.boolean == actual.boolean
    if expected.kind == "graph":
        return isomorphic(expected.graph, actual.graph)
    return same_solutions(expected.rows, actual.rows, ordered)


def is_ordered(query: str) -> bool:
    return "ORDER BY" in " ".join(query.upper().split())
