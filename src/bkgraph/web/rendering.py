"""Turning triples into responses: RDF serialisations, and HTML pages through jinja2 templates.

HTML links to resources of our base go to local paths (`/id/...`), so a graph built for
`https://example.org/` is browsable on 127.0.0.1; every other IRI links to `/resource?iri=`.
RDF answers always keep the canonical IRIs.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from fastapi.templating import Jinja2Templates
from pyoxigraph import BlankNode, Literal, NamedNode, Triple
from starlette.responses import Response

from bkgraph.rdf.namespaces import PREFIXES
from bkgraph.rdf.serialize import triples_to_bytes
from bkgraph.web.negotiation import Format

TEMPLATES_DIR = Path(__file__).parent / "templates"
CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
)


def rdf_response(
    triples: list[Triple], fmt: Format, headers: dict[str, str] | None = None
) -> Response:
    return Response(triples_to_bytes(triples, fmt.name), media_type=fmt.media_type, headers=headers)


def make_templates(base: str) -> Jinja2Templates:
    templates = Jinja2Templates(directory=str(TEMPLATES_DIR), context_processors=[interface])
    env = templates.env
    env.filters["local"] = lambda iri: local_link(iri, base)
    env.filters["term"] = term_text
    env.filters["curie"] = curie
    env.tests["iri"] = lambda t: isinstance(t, NamedNode)
    env.tests["literal"] = lambda t: isinstance(t, Literal)
    env.globals["UI"] = UI
    return templates


def interface(request) -> dict:
    """What every page knows: its language (Dutch unless `?lang=en`), words, and path."""
    lang = "en" if request.query_params.get("lang") == "en" else "nl"
    return {"lang": lang, "ui": UI[lang], "path": request.url.path}


# The interface's own words, Dutch first (the sources are Dutch), English on `?lang=en`.
UI = {
    "nl": {
        "search": "Zoeken",
        "browse": "Bladeren",
        "compare": "Vergelijken",
        "ontology": "Ontologie",
        "query": "toon de query",
        "csv": "CSV",
        "copy_uri": "Kopieer URI",
        "also_as": "Ook als",
        "other_lang": "English",
        "qualifications": "Beroepskwalificaties",
        "activities": "Activiteiten",
        "knowledge": "Kenniselementen",
        "links": "ESCO-koppelingen",
        "definition": "Definitie",
        "blocks": "Activiteitenblokken",
        "career": "Loopbaanpaden (Samenhang)",
        "labour": "Arbeidsmarkt",
        "findings": "Bevindingen over de bron",
        "frameworks": "Referentiekaders",
        "context": "Context, autonomie en verantwoordelijkheid",
        "sectors": "Sectoren",
        "organisations": "Indieners",
        "used_by": "Gebruikt door",
        "labels": "Labels",
        "results": "Resultaten",
        "previous": "vorige",
        "next": "volgende",
    },
    "en": {
        "search": "Search",
        "browse": "Browse",
        "compare": "Compare",
        "ontology": "Ontology",
        "query": "show the query",
        "csv": "CSV",
        "copy_uri": "Copy URI",
        "also_as": "Also as",
        "other_lang": "Nederlands",
        "qualifications": "Qualifications",
        "activities": "Activities",
        "knowledge": "Knowledge elements",
        "links": "ESCO links",
        "definition": "Definition",
        "blocks": "Activity blocks",
        "career": "Career paths (Samenhang)",
        "labour": "Labour market",
        "findings": "Findings about the source",
        "frameworks": "Reference frameworks",
        "context": "Context, autonomy and responsibility",
        "sectors": "Sectors",
        "organisations": "Submitted by",
        "used_by": "Used by",
        "labels": "Labels",
        "results": "Results",
        "previous": "previous",
        "next": "next",
    },
}


def local_link(iri: str, base: str) -> str:
    if iri.startswith(base):
        return "/" + iri[len(base) :]
    return "/resource?iri=" + quote(iri, safe="")


def curie(iri: str) -> str:
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def term_text(term: object) -> str:
    if isinstance(term, NamedNode):
        return term.value
    if isinstance(term, BlankNode):
        return f"_:{term.value}"
    if isinstance(term, Literal):
        return term.value
    return str(term)
