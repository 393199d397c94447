"""SPARQL 1.1 query results as JSON, XML, CSV and TSV (W3C Recommendations of 2013).

Written here rather than taken from pyoxigraph because the server must be able to stop after
the row limit and say so; pyoxigraph serialises a whole result or nothing.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from xml.sax.saxutils import escape, quoteattr

import orjson
from pyoxigraph import BlankNode, Literal, NamedNode, Triple

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"
Row = Sequence[object | None]


def _json_term(term: object) -> dict:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, Literal):
        out: dict = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value != XSD_STRING:
            out["datatype"] = term.datatype.value
        return out
    if isinstance(term, Triple):
        return {
            "type": "triple",
            "value": {
                "subject": _json_term(term.subject),
                "predicate": _json_term(term.predicate),
                "object": _json_term(term.object),
            },
        }
    raise TypeError(f"not an RDF term: {term!r}")


def json_solutions(variables: Sequence[str], rows: Iterable[Row]) -> bytes:
    bindings = [
        {v: _json_term(t) for v, t in zip(variables, row, strict=True) if t is not None}
        for row in rows
    ]
    return orjson.dumps({"head": {"vars": list(variables)}, "results": {"bindings": bindings}})


def json_boolean(value: bool) -> bytes:
    return orjson.dumps({"head": {}, "boolean": value})


def _xml_term(term: object) -> str:
    if isinstance(term, NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if isinstance(term, Literal):
        if term.language:
            return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
        if term.datatype.value != XSD_STRING:
            return (
                f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
            )
        return f"<literal>{escape(term.value)}</literal>"
    if isinstance(term, Triple):
        return (
            f"<triple><subject>{_xml_term(term.subject)}</subject>"
            f"<predicate>{_xml_term(term.predicate)}</predicate>"
            f"<object>{_xml_term(term.object)}</object></triple>"
        )
    raise TypeError(f"not an RDF term: {term!r}")


_XML_HEAD = '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n'


def xml_solutions(variables: Sequence[str], rows: Iterable[Row]) -> bytes:
    out = [_XML_HEAD, "<head>"]
    out += [f"<variable name={quoteattr(v)}/>" for v in variables]
    out.append("</head>\n<results>\n")
    for row in rows:
        out.append("<result>")
        for v, t in zip(variables, row, strict=True):
            if t is not None:
                out.append(f"<binding name={quoteattr(v)}>{_xml_term(t)}</binding>")
        out.append("</result>\n")
    out.append("</results>\n</sparql>\n")
    return "".join(out).encode()


def xml_boolean(value: bool) -> bytes:
    return f"{_XML_HEAD}<head/>\n<boolean>{str(value).lower()}</boolean>\n</sparql>\n".encode()


def _csv_value(term: object) -> str:
    if term is None:
        return ""
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    if isinstance(term, NamedNode | Literal):
        return term.value
    return str(term)


def csv_solutions(variables: Sequence[str], rows: Iterable[Row]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(variables)
    for row in rows:
        writer.writerow([_csv_value(t) for t in row])
    return buffer.getvalue().encode()


def _tsv_value(term: object) -> str:
    """A term in Turtle syntax, the one TSV prescribes; numbers in their short form."""
    if term is None:
        return ""
    bare = isinstance(term, Literal) and term.datatype.value in _TSV_BARE and not term.language
    if bare and _looks_canonical(term):
        return term.value
    return str(term).replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")


_TSV_BARE = {
    "http://www.w3.org/2001/XMLSchema#integer",
    "http://www.w3.org/2001/XMLSchema#decimal",
    "http://www.w3.org/2001/XMLSchema#double",
    "http://www.w3.org/2001/XMLSchema#boolean",
}


def _looks_canonical(term: Literal) -> bool:
    """Whether Turtle's short form reads the same literal back (e.g. 12, 1.5, 1.0E2, true)."""
    patterns = {
        "integer": r"[+-]?\d+",
        "decimal": r"[+-]?\d*\.\d+",
        "double": r"[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+",
        "boolean": r"true|false",
    }
    kind = term.datatype.value.rsplit("#", 1)[1]
    return re.fullmatch(patterns[kind], term.value) is not None


def tsv_solutions(variables: Sequence[str], rows: Iterable[Row]) -> bytes:
    lines = ["\t".join(f"?{v}" for v in variables)]
    lines += ["\t".join(_tsv_value(t) for t in row) for row in rows]
    return ("\n".join(lines) + "\n").encode()


def text_boolean(value: bool) -> bytes:
    """CSV and TSV define no boolean form; like pyoxigraph and Jena, write the word."""
    return str(value).lower().encode()


SOLUTION_WRITERS = {
    "json": json_solutions,
    "xml": xml_solutions,
    "csv": csv_solutions,
    "tsv": tsv_solutions,
}
BOOLEAN_WRITERS = {
    "json": json_boolean,
    "xml": xml_boolean,
    "csv": text_boolean,
    "tsv": text_boolean,
}
