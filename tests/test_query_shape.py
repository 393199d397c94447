"""Which queries count as lookups, the ones the server answers in its own process.

A query taken for a lookup must be bounded by the triples of one resource: one triple pattern
with a fixed subject or object, nothing that makes oxigraph read more than that. Everything else
must go to a worker, where a runaway can be stopped.
"""

from __future__ import annotations

import pytest

from bkgraph.web.query_shape import is_lookup

ID = "<https://w3id.org/bkgraph/id/qualification/BK-0568-1>"

LOOKUPS = [
    f"SELECT ?p ?o WHERE {{ {ID} ?p ?o }}",
    f"SELECT ?p ?o WHERE {{ {ID} ?p ?o }} #a comment, as the benchmark appends",
    f"select * {{ {ID} ?p ?o . }} LIMIT 10",
    "PREFIX bk: <https://w3id.org/bkgraph/def#>\nSELECT ?a WHERE { ?a a bk:Activity }",
    f"CONSTRUCT {{ {ID} ?p ?o }} WHERE {{ {ID} ?p ?o }}",
    f"CONSTRUCT {{ {ID} ?p ?o . ?o <x:seen> true }} WHERE {{ {ID} ?p ?o }}",
    f"CONSTRUCT WHERE {{ {ID} ?p ?o }}",
    'ASK { ?q <http://purl.org/dc/terms/title> "Office manager"@nl }',
    "SELECT ?s WHERE { ?s ?p 'x'^^<http://www.w3.org/2001/XMLSchema#string> }",
    "BASE <http://e/> PREFIX : <http://e/> SELECT ?o WHERE { :a :b ?o }",
]

NOT_LOOKUPS = {
    "no fixed subject or object": "SELECT * WHERE { ?s ?p ?o }",
    "only the predicate fixed": "SELECT * WHERE { ?s <x:p> ?o }",
    "a join": "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }",
    "two patterns": f"SELECT ?o WHERE {{ {ID} ?p ?o . ?o ?q ?r }}",
    "a predicate list": f"SELECT ?o WHERE {{ {ID} ?p ?o ; ?q ?r }}",
    "an object list": f"SELECT ?p WHERE {{ {ID} ?p <x:a> , <x:b> }}",
    "a property path": f"SELECT ?o WHERE {{ {ID} <x:p>* ?o }}",
    "a negated path": "SELECT (COUNT(*) AS ?n) WHERE { ?a (<x:p>|!<x:q>)* ?b }",
    "a filter": f"SELECT ?o WHERE {{ {ID} ?p ?o FILTER(isLiteral(?o)) }}",
    "distinct": f"SELECT DISTINCT ?o WHERE {{ {ID} ?p ?o }}",
    "order by": f"SELECT ?o WHERE {{ {ID} ?p ?o }} ORDER BY ?o",
    "offset": f"SELECT ?o WHERE {{ {ID} ?p ?o }} OFFSET 5",
    "an aggregate": f"SELECT (COUNT(?o) AS ?n) WHERE {{ {ID} ?p ?o }}",
    "a variable used twice": f"SELECT ?o WHERE {{ {ID} ?o ?o }}",
    "a FROM clause": f"SELECT ?o FROM <x:g> WHERE {{ {ID} ?p ?o }}",
    "a GRAPH pattern": f"SELECT ?o WHERE {{ GRAPH ?g {{ {ID} ?p ?o }} }}",
    "a blank node": "SELECT ?o WHERE { _:b ?p ?o }",
    "a long string": f'SELECT ?p WHERE {{ {ID} ?p """x""" }}',
    "DESCRIBE": f"DESCRIBE {ID}",
    "a CONSTRUCT over everything": "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }",
    "a truncated query": "SELECT * WHERE { ?s ?p ",
    "a LIMIT without a number": f"SELECT ?o WHERE {{ {ID} ?p ?o }} LIMIT",
    "text after the query": f"SELECT ?o WHERE {{ {ID} ?p ?o }} }}",
    "an update": f"DELETE WHERE {{ {ID} ?p ?o }}",
}


@pytest.mark.parametrize("query", LOOKUPS)
def test_lookups_are_recognised(query: str) -> None:
    assert is_lookup(query)


@pytest.mark.parametrize("query", NOT_LOOKUPS.values(), ids=NOT_LOOKUPS.keys())
def test_everything_else_goes_to_a_worker(query: str) -> None:
    assert not is_lookup(query)
