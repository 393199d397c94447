"""Linked Data: `/id/...` things redirect (303) to `/doc/...` documents about them.

A document is the resource's description (see `bkgraph.store.describe`) in Turtle, JSON-LD,
RDF/XML, N-Triples or HTML, chosen by the `Accept` header or by a file extension
(`/doc/qualification/BK-0568-1.ttl`). IRIs outside our base are described at
`/resource?iri=...`; the ontology at `/def`.
"""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from pyoxigraph import NamedNode
from starlette.responses import PlainTextResponse, RedirectResponse, Response

from bkgraph.config import ONTOLOGY_IRI
from bkgraph.store.describe import describe, exists, inbound, label_of
from bkgraph.web.negotiation import GRAPH_FORMATS, HTML, NotAcceptable, by_extension, choose
from bkgraph.web.rendering import rdf_response
from bkgraph.web.views.pages import special_page

router = APIRouter()

DOCUMENT_FORMATS = (
    GRAPH_FORMATS[0],  # Turtle first: what `Accept: */*` gets
    GRAPH_FORMATS[4],  # JSON-LD
    GRAPH_FORMATS[5],  # RDF/XML
    GRAPH_FORMATS[1],  # N-Triples
    HTML,
)
INBOUND_LIMIT = 200


def _split_extension(path: str) -> tuple[str, str | None]:
    stem, dot, extension = path.rpartition(".")
    if dot and "/" not in extension and by_extension(DOCUMENT_FORMATS, extension):
        return stem, extension
    return path, None


def _iri(text: str) -> NamedNode | None:
    try:
        return NamedNode(text)
    except ValueError:
        return None


def _not_found(request: Request, iri: str) -> Response:
    if _prefers_html(request):
        return request.app.state.templates.TemplateResponse(
            request,
            "error.html",
            {"status": 404, "message": f"Nothing is known about {iri}."},
            status_code=404,
        )
    return PlainTextResponse(f"nothing is known about <{iri}>\n", status_code=404)


def _prefers_html(request: Request) -> bool:
    try:
        return choose(DOCUMENT_FORMATS, request.headers.get("accept")) is HTML
    except NotAcceptable:
        return False


def document(
    request: Request, iri: str, extension: str | None, format_param: str | None
) -> Response:
    state = request.app.state
    store, version = state.handle.current()
    node = _iri(iri)
    if node is None:
        return PlainTextResponse(f"{iri!r} is not a valid IRI\n", status_code=400)
    if not exists(store, node):
        return _not_found(request, iri)
    try:
        if extension:
            fmt = by_extension(DOCUMENT_FORMATS, extension)
        else:
            fmt = choose(DOCUMENT_FORMATS, request.headers.get("accept"), format_param)
    except NotAcceptable as exc:
        return PlainTextResponse(str(exc) + "\n", status_code=406)
    headers = {"Vary": "Accept", "X-Store-Version": version}
    if fmt is not HTML:
        return rdf_response(describe(store, node), fmt, headers)
    common = {
        "iri": iri,
        "label": label_of(store, node) or iri,
        "formats": [f for f in DOCUMENT_FORMATS if f is not HTML],
        "doc_path": request.url.path,
        "describe_query": f"DESCRIBE <{iri}>",
    }
    page = special_page(request, store, version, node, common)
    if page is not None:
        page.headers.update(headers)
        return page
    triples = describe(store, node)  # the generic page lists them; the special pages do not
    incoming, more = inbound(store, node, INBOUND_LIMIT)
    labels = {}
    for t in (*triples, *incoming):
        for term in (t.subject, t.object):
            if isinstance(term, NamedNode) and term.value not in labels:
                labels[term.value] = label_of(store, term)
    context = {
        **common,
        "outgoing": [t for t in triples if t.subject == node],
        "incoming": incoming,
        "more_incoming": more,
        "labels": labels,
    }
    return state.templates.TemplateResponse(request, "resource.html", context, headers=headers)


@router.get("/id/{path:path}", summary="A thing: 303 See Other to the document about it")
async def thing(request: Request, path: str) -> Response:
    iri = request.app.state.settings.base + "id/" + path
    store, _ = request.app.state.handle.current()
    node = _iri(iri)
    if node is None or not exists(store, node):
        return _not_found(request, iri)
    location = "/doc/" + path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(location, status_code=303, headers={"Vary": "Accept"})


@router.get("/doc/{path:path}", summary="The document about a thing, by content negotiation")
def doc(request: Request, path: str, format: str | None = None) -> Response:
    stem, extension = _split_extension(path)
    return document(request, request.app.state.settings.base + "id/" + stem, extension, format)


@router.get("/resource", summary="The description of any IRI, ours or not (ESCO, ISCO)")
def resource(
    request: Request, iri: str = Query(min_length=1), format: str | None = None
) -> Response:
    return document(request, iri, None, format)


@router.get("/def", summary="The ontology")
@router.get("/def.{extension}", summary="The ontology in one format")
async def ontology(
    request: Request, extension: str | None = None, format: str | None = None
) -> Response:
    if extension and not by_extension(DOCUMENT_FORMATS, extension):
        return PlainTextResponse(f"unknown extension .{extension}\n", status_code=404)
    state = request.app.state
    store, version = state.handle.current()
    graph = NamedNode(ONTOLOGY_IRI)
    try:
        fmt = (
            by_extension(DOCUMENT_FORMATS, extension)
            if extension
            else choose(DOCUMENT_FORMATS, request.headers.get("accept"), format)
        )
    except NotAcceptable as exc:
        return PlainTextResponse(str(exc) + "\n", status_code=406)
    if fmt is HTML:
        return document(request, ONTOLOGY_IRI, "html", None)
    triples = [q.triple for q in store.quads_for_pattern(None, None, None, graph)]
    return rdf_response(triples, fmt, {"Vary": "Accept", "X-Store-Version": version})


@router.get("/context.jsonld", summary="A JSON-LD context for the bkgraph vocabulary")
async def context(request: Request) -> Response:
    from bkgraph.web.jsonld_context import build_context

    store, version = request.app.state.handle.current()
    body = build_context(store, version)
    return Response(body, media_type="application/ld+json")
