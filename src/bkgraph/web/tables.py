"""Every table on a page is the answer to a SPARQL query, and says so.

A page runs its queries in process on the store and renders the rows; the same query text
gives the table's "show the query" link (the editor, pre-filled) and its CSV download (the
SPARQL endpoint with `format=csv`). An analyst can therefore always get from a page to the
data behind it, and a researcher from a page to a query to adapt.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from urllib.parse import urlencode

from pyoxigraph import Literal, NamedNode, Store

from bkgraph.config import PROJECT_ROOT

QUERIES = PROJECT_ROOT / "queries"
PREFIXES = """PREFIX bk: <https://w3id.org/bkgraph/def#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX esco: <http://data.europa.eu/esco/model#>
PREFIX qb: <http://purl.org/linked-data/cube#>
"""


def value(term: object) -> object:
    """A term as Python: numbers as numbers, other literals as text, IRIs as text."""
    if isinstance(term, Literal):
        kind = term.datatype.value.rsplit("#", 1)[-1]
        if kind in ("integer", "int", "long", "decimal"):
            return int(term.value) if kind != "decimal" else float(term.value)
        return term.value
    if isinstance(term, NamedNode):
        return term.value
    return None if term is None else str(term)


@dataclass
class Table:
    """The rows of one query, with the links a page shows beside them."""

    query: str
    rows: list[dict[str, object]] = field(default_factory=list)

    @property
    def editor_link(self) -> str:
        return "/sparql?" + urlencode({"query": self.query, "editor": "1"})

    @property
    def csv_link(self) -> str:
        return "/sparql?" + urlencode({"query": self.query, "format": "csv"})


def run(store: Store, query: str) -> Table:
    solutions = store.query(query, use_default_graph_as_union=True)
    names = [v.value for v in solutions.variables]
    rows = [{n: value(s[n]) for n in names} for s in solutions]
    return Table(query, rows)


@functools.cache
def _query_text(name: str) -> str:
    return (QUERIES / name).read_text(encoding="utf-8")


def stored_query(name: str, code: str | None = None) -> str:
    """A competency question of queries/, for one qualification where it has a VALUES line
    (read from disk once per process, not on every page view)."""
    text = _query_text(name)
    if code is not None:
        text = text.replace('"BK-0568-1"', f'"{code}"')
    return text
