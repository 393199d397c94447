"""The queries behind the analyst's pages, one function per page, each returning Tables.

Kept apart from the views so that a page's data can be read (and tested) as SPARQL: what the
page shows is what these queries answer, nothing computed on the side.
"""

from __future__ import annotations

from pyoxigraph import Store

from bkgraph.web.tables import PREFIXES, Table, run, stored_query


def _q(body: str, **values: str) -> str:
    text = PREFIXES + body
    for name, literal in values.items():
        text = text.replace("$" + name, literal.replace("\\", "\\\\").replace('"', '\\"'))
    return text


def home(store: Store) -> dict[str, Table]:
    return {
        "qualifications": run(
            store,
            _q("""SELECT ?q ?code ?title ?level WHERE {
  ?q a bk:QualificationVersion ; dct:identifier ?code ; dct:title ?title .
  OPTIONAL { ?q bk:vksLevel ?level }
} ORDER BY ?code"""),
        ),
        "counts": run(
            store,
            _q("""SELECT
  (COUNT(DISTINCT ?q) AS ?qualifications) (COUNT(DISTINCT ?a) AS ?activities)
  (COUNT(DISTINCT ?k) AS ?knowledge) (COUNT(DISTINCT ?m) AS ?links)
WHERE {
  { ?q a bk:QualificationVersion } UNION { ?a a bk:Activity }
  UNION { ?k a bk:KnowledgeElement } UNION { ?m a bk:Mapping ; bk:mappingObject [] }
}"""),
        ),
    }


def qualification(store: Store, iri: str, code: str) -> dict[str, Table]:
    one = {"iri": f"<{iri}>"}
    return {
        "general": run(
            store,
            _q(
                """SELECT ?title ?code ?definition ?level ?status ?summary WHERE {
  $iri dct:title ?title ; dct:identifier ?code .
  OPTIONAL { $iri skos:definition ?definition }
  OPTIONAL { $iri bk:vksLevel ?level }
  OPTIONAL { $iri bk:status ?status }
  OPTIONAL { $iri dct:abstract ?summary }
} LIMIT 1""",
                **one,
            ),
        ),
        "sectors": run(
            store,
            _q(
                """SELECT DISTINCT ?sector ?label ?committee WHERE {
  $iri bk:sector ?sector . ?sector skos:prefLabel ?label .
  OPTIONAL { ?sector bk:jointCommittee/skos:notation ?committee }
} ORDER BY ?label""",
                **one,
            ),
        ),
        "organisations": run(
            store,
            _q(
                """SELECT DISTINCT ?organisation ?name ?role WHERE {
  { $iri bk:mainSubmitter ?organisation BIND("main submitter" AS ?role) }
  UNION { $iri bk:coSubmitter ?organisation BIND("co-submitter" AS ?role) }
  ?organisation skos:prefLabel ?name .
} ORDER BY ?role ?name""",
                **one,
            ),
        ),
        "frameworks": run(
            store,
            _q(
                """SELECT DISTINCT ?framework ?notation ?title ?kind ?rome ?romeCode ?romeLabel ?esco ?escoLabel ?match WHERE {
  $iri bk:referenceFramework ?framework .
  ?framework skos:notation ?notation ; bk:frameworkKind ?kind .
  OPTIONAL { ?framework dct:title ?title }
  OPTIONAL { ?framework skos:broadMatch ?rome . ?rome a bk:RomeCode ; skos:notation ?romeCode .
             OPTIONAL { ?rome skos:prefLabel ?romeLabel } }
  OPTIONAL { ?m bk:mappingSubject ?framework ; bk:mappingObject ?esco ; bk:matchType ?match .
             ?esco skos:prefLabel ?escoLabel . FILTER(LANG(?escoLabel) = "en") }
} ORDER BY ?notation""",
                **one,
            ),
        ),
        "esco": run(
            store,
            _q(
                """SELECT DISTINCT ?occupation ?label ?match ?confidence ?reason ?isco ?iscoCode ?iscoLabel WHERE {
  ?m bk:mappingSubject $iri ; bk:mappingObject ?occupation ; bk:matchType ?match ;
     rdfs:comment ?reason .
  OPTIONAL { ?m bk:confidence ?confidence }
  OPTIONAL { ?occupation skos:prefLabel ?label . FILTER(LANG(?label) = "en") }
  OPTIONAL { ?occupation esco:memberOfISCOGroup ?isco . ?isco skos:notation ?iscoCode ;
             skos:prefLabel ?iscoLabel }
}""",
                **one,
            ),
        ),
        "activities": run(
            store,
            _q(
                """SELECT ?block ?blockPosition ?blockTitle ?activity ?position ?text ?skillType WHERE {
  $iri bk:hasActivityBlock ?block . ?block bk:position ?blockPosition ; rdfs:label ?blockTitle ;
     bk:hasActivity ?activity . ?activity bk:position ?position ; rdfs:label ?text .
  OPTIONAL { ?activity bk:skillType ?st . BIND(STRAFTER(STR(?st), "/skill-type/") AS ?skillType) }
} ORDER BY ?blockPosition ?position""",
                **one,
            ),
        ),
        "knowledge": run(
            store,
            _q(
                """SELECT ?knowledge ?label ?level (COUNT(DISTINCT ?block) AS ?blocks)
  (SAMPLE(?skill) AS ?esco) (SAMPLE(?skillLabel) AS ?escoLabel) WHERE {
  $iri bk:hasActivityBlock ?block . ?block bk:hasKnowledgeRequirement ?r .
  ?r bk:requiresKnowledge ?knowledge . ?knowledge skos:prefLabel ?label .
  OPTIONAL { ?r bk:knowledgeLevel/skos:prefLabel ?level . FILTER(LANG(?level) = "nl") }
  OPTIONAL { ?m bk:mappingSubject ?knowledge ; bk:mappingObject ?skill .
             OPTIONAL { ?skill skos:prefLabel ?skillLabel . FILTER(LANG(?skillLabel) = "en") } }
} GROUP BY ?knowledge ?label ?level ORDER BY ?level ?label""",
                **one,
            ),
        ),
        "statements": run(
            store,
            _q(
                """SELECT ?kind ?position ?text WHERE {
  VALUES (?p ?kind) { (bk:environmentContext "Omgevingscontext") (bk:actionContext "Handelingscontext")
                      (bk:autonomy "Autonomie") (bk:responsibility "Verantwoordelijkheid") }
  $iri ?p ?s . ?s bk:position ?position ; bk:text ?text .
} ORDER BY ?kind ?position""",
                **one,
            ),
        ),
        "findings": run(
            store,
            _q(
                """SELECT ?finding ?kind ?severity ?message ?line ?path WHERE {
  $iri bk:hasFinding ?finding . ?finding bk:findingKind ?kind ; bk:severity ?severity ;
     rdfs:comment ?message .
  OPTIONAL { ?finding bk:sourceLine ?line }
  OPTIONAL { ?finding bk:sourcePath ?path }
} ORDER BY ?line ?path""",
                **one,
            ),
        ),
        "grid": run(store, stored_query("q-career-grid-with-levels.rq", code)),
        "grid_esco": run(store, stored_query("v-related-professions-esco.rq", code)),
        "regions": run(store, stored_query("h-received-vacancies-by-region.rq", code)),
        "sectors_vacancies": run(store, stored_query("j-sectors-most-vacancies.rq", code)),
        "evolution": run(store, stored_query("i-open-vacancies-evolution.rq", code)),
    }


def concept(store: Store, iri: str, offset: int, limit: int) -> dict[str, Table]:
    one = {"iri": f"<{iri}>"}
    return {
        "labels": run(
            store,
            _q(
                """SELECT DISTINCT ?kind ?label WHERE {
  VALUES (?p ?kind) { (skos:prefLabel "preferred") (skos:altLabel "alternative")
                      (skos:hiddenLabel "hidden (a merged spelling variant)") (dct:title "title") }
  $iri ?p ?label .
} ORDER BY ?kind ?label""",
                **one,
            ),
        ),
        "definition": run(
            store,
            _q("SELECT DISTINCT ?text WHERE { $iri skos:definition|dct:description ?text }", **one),
        ),
        "links": run(
            store,
            _q(
                """SELECT DISTINCT ?match ?target ?label ?reason WHERE {
  ?m bk:mappingSubject $iri ; bk:matchType ?match .
  OPTIONAL { ?m bk:mappingObject ?target .
             OPTIONAL { ?target skos:prefLabel ?label . FILTER(LANG(?label) = "en") } }
  OPTIONAL { ?m rdfs:comment ?reason }
}""",
                **one,
            ),
        ),
        "linked_from": run(
            store,
            _q(
                """SELECT DISTINCT ?match ?subject ?label ?reason WHERE {
  { ?m bk:mappingObject $iri ; bk:mappingSubject ?subject ; bk:matchType ?match .
    OPTIONAL { ?m rdfs:comment ?reason } }
  UNION { ?subject skos:broadMatch $iri . BIND(skos:broadMatch AS ?match) }
  ?subject dct:title|skos:prefLabel|rdfs:label ?label .
} ORDER BY ?label""",
                **one,
            ),
        ),
        "users": run(
            store,
            _q(
                f"""SELECT ?q ?code ?title (GROUP_CONCAT(DISTINCT ?level; separator=", ") AS ?levels)
  (COUNT(DISTINCT ?block) AS ?blocks) WHERE {{
  ?r bk:requiresKnowledge $iri . ?block bk:hasKnowledgeRequirement ?r .
  ?q bk:hasActivityBlock ?block ; dct:identifier ?code ; dct:title ?title .
  OPTIONAL {{ ?r bk:knowledgeLevel/skos:prefLabel ?level . FILTER(LANG(?level) = "nl") }}
}} GROUP BY ?q ?code ?title ORDER BY DESC(?blocks) ?code LIMIT {limit} OFFSET {offset}""",
                **one,
            ),
        ),
        "total": run(
            store,
            _q(
                """SELECT (COUNT(DISTINCT ?q) AS ?n) WHERE {
  ?r bk:requiresKnowledge $iri . ?q bk:hasActivityBlock/bk:hasKnowledgeRequirement ?r }""",
                **one,
            ),
        ),
        "activities": run(
            store,
            _q(
                f"""SELECT ?activity ?text ?code WHERE {{
  ?activity bk:skillType $iri ; rdfs:label ?text .
  ?block bk:hasActivity ?activity . ?q bk:hasActivityBlock ?block ; dct:identifier ?code .
}} ORDER BY ?code ?activity LIMIT {limit} OFFSET {offset}""",
                **one,
            ),
        ),
    }


def browse(store: Store, order: str) -> dict[str, Table]:
    sort = {
        "code": "?code",
        "title": "?title",
        "level": "?level ?code",
        "domain": "?domains ?code",
        "activities": "DESC(?activities) ?code",
    }.get(order, "?code")
    return {
        "qualifications": run(
            store,
            _q(f"""SELECT ?q ?code ?title ?level (GROUP_CONCAT(DISTINCT ?domain; separator="; ") AS ?domains)
  (COUNT(DISTINCT ?a) AS ?activities) WHERE {{
  ?q a bk:QualificationVersion ; dct:identifier ?code ; dct:title ?title ;
     bk:hasActivityBlock/bk:hasActivity ?a .
  OPTIONAL {{ ?q bk:vksLevel ?level }}
  OPTIONAL {{ ?q bk:domain/skos:broader* ?top . FILTER NOT EXISTS {{ ?top skos:broader [] }}
              ?top skos:prefLabel ?domain }}
}} GROUP BY ?q ?code ?title ?level ORDER BY {sort}"""),
        ),
        "levels": run(
            store,
            _q("""SELECT ?level (COUNT(DISTINCT ?q) AS ?n) WHERE {
  ?q a bk:QualificationVersion . OPTIONAL { ?q bk:vksLevel ?level }
} GROUP BY ?level ORDER BY ?level"""),
        ),
    }


def compare(store: Store, a: str, b: str) -> dict[str, Table]:
    pair = {"a": a, "b": b}
    return {
        "knowledge": run(
            store,
            _q(
                """SELECT ?knowledge ?label (MAX(?inA) AS ?a) (MAX(?inB) AS ?b)
  (GROUP_CONCAT(DISTINCT ?la; separator=", ") AS ?levelA)
  (GROUP_CONCAT(DISTINCT ?lb; separator=", ") AS ?levelB) WHERE {
  { SELECT DISTINCT ?knowledge WHERE {
      VALUES ?code { "$a" "$b" }
      ?q dct:identifier ?code ; bk:hasActivityBlock/bk:hasKnowledgeRequirement/bk:requiresKnowledge ?knowledge } }
  ?knowledge skos:prefLabel ?label .
  OPTIONAL { ?qa dct:identifier "$a" ; bk:hasActivityBlock/bk:hasKnowledgeRequirement ?ra .
             ?ra bk:requiresKnowledge ?knowledge . BIND(1 AS ?inA)
             OPTIONAL { ?ra bk:knowledgeLevel/skos:prefLabel ?la . FILTER(LANG(?la) = "nl") } }
  OPTIONAL { ?qb dct:identifier "$b" ; bk:hasActivityBlock/bk:hasKnowledgeRequirement ?rb .
             ?rb bk:requiresKnowledge ?knowledge . BIND(1 AS ?inB)
             OPTIONAL { ?rb bk:knowledgeLevel/skos:prefLabel ?lb . FILTER(LANG(?lb) = "nl") } }
} GROUP BY ?knowledge ?label ORDER BY ?label""",
                **pair,
            ),
        ),
        "titles": run(
            store,
            _q(
                """SELECT ?code ?title ?level WHERE {
  VALUES ?code { "$a" "$b" } ?q dct:identifier ?code ; dct:title ?title .
  OPTIONAL { ?q bk:vksLevel ?level } }""",
                **pair,
            ),
        ),
        "grid": run(
            store,
            _q(
                """SELECT ?grid ?owner ?rowA ?rowB WHERE {
  ?qa dct:identifier "$a" . ?qb dct:identifier "$b" .
  ?ca bk:qualification ?qa . ?grid bk:gridCell ?ca .
  ?grid bk:gridCell ?cb . ?cb bk:qualification ?qb .
  ?ca bk:gridRow ?rowA . ?cb bk:gridRow ?rowB .
  ?dossier bk:careerPathGrid ?grid ; dct:identifier ?owner .
} LIMIT 1""",
                **pair,
            ),
        ),
    }
