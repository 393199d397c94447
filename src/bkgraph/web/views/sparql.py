"""`/sparql`: the SPARQL 1.1 Protocol (query operation), its service description and a form.

The three ways of sending a query (GET with `query=`, POST of a form, POST of
`application/sparql-query`) are read into one `QueryJob`; protocol errors get 4xx answers that
say which parameter is wrong. Updates are refused unless the server was started with an admin
token and the request presents it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from starlette.responses import PlainTextResponse, Response

from bkgraph.web.cache import Cached
from bkgraph.web.engine import QueryJob, QueryOutOfMemory, QueryTimeout, WorkerCrashed
from bkgraph.web.metadata import graph_sizes, service_description
from bkgraph.web.negotiation import GRAPH_FORMATS, HTML, RESULT_FORMATS, NotAcceptable, choose
from bkgraph.web.rendering import rdf_response

router = APIRouter()

_IGNORABLE = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\'|<[^<>"{}|^`\\\s]*>|#[^\n]*'
)
_SERVICE = re.compile(r"\bSERVICE\s+(?:SILENT\s+)?(<[^>]*>|\S+)", re.IGNORECASE)


class ProtocolError(Exception):
    def __init__(self, status: int, message: str) -> None:
        self.status = status
        self.message = message


def _params(raw: bytes | str) -> dict[str, list[str]]:
    text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    try:
        return parse_qs(text, keep_blank_values=True, strict_parsing=False, errors="strict")
    except UnicodeDecodeError as exc:
        raise ProtocolError(
            400, f"the parameters are not UTF-8 after percent-decoding: {exc}"
        ) from exc


def _one(params: dict[str, list[str]], name: str) -> str | None:
    values = params.get(name, [])
    if len(values) > 1:
        raise ProtocolError(
            400, f"the parameter '{name}' is given {len(values)} times; send it once"
        )
    return values[0] if values else None


def service_targets(query: str) -> list[str]:
    """The targets of SERVICE clauses, ignoring strings, IRIs and comments that mention it."""
    masked = _IGNORABLE.sub(lambda m: m.group(0) if m.group(0).startswith("<") else " ", query)
    return [m.group(1) for m in _SERVICE.finditer(masked)]


async def _read_request(
    request: Request, limit: int
) -> tuple[dict[str, list[str]], str | None, str | None]:
    """(parameters, query, update) from any of the protocol's request shapes."""
    url_params = _params(request.url.query)
    if request.method == "GET":
        if "update" in url_params:
            raise ProtocolError(400, "an update cannot be sent with GET; POST it")
        return url_params, _one(url_params, "query"), None
    body = await request.body()
    if len(body) > limit:
        raise ProtocolError(413, f"the request body has {len(body)} bytes; the limit is {limit}")
    header = request.headers.get("content-type", "")
    content_type = header.split(";")[0].strip().lower()
    charset = next(
        (
            p.split("=", 1)[1].strip().strip('"').lower()
            for p in header.split(";")[1:]
            if p.strip().lower().startswith("charset=")
        ),
        "utf-8",
    )
    if charset not in ("utf-8", "utf8"):
        raise ProtocolError(415, f"the body must be UTF-8 (SPARQL 1.1 Protocol), not {charset}")
    if content_type == "application/x-www-form-urlencoded":
        for name in ("query", "update"):
            if name in url_params:
                raise ProtocolError(
                    400, f"with a form POST, '{name}' belongs in the body, not the URL"
                )
        params = _params(body)
        query, update = _one(params, "query"), _one(params, "update")
        if query is not None and update is not None:
            raise ProtocolError(400, "send either 'query' or 'update', not both")
        return params, query, update
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ProtocolError(400, f"the request body is not UTF-8: {exc}") from exc
    if content_type == "application/sparql-query":
        return url_params, text, None
    if content_type == "application/sparql-update":
        return url_params, None, text
    raise ProtocolError(
        415,
        f"unsupported content type {content_type or '(none)'!r}; POST application/sparql-query, "
        "application/sparql-update or application/x-www-form-urlencoded",
    )


def _wants_html(request: Request, format_param: str | None) -> bool:
    try:
        fmt = choose(
            (*RESULT_FORMATS, *GRAPH_FORMATS, HTML), request.headers.get("accept"), format_param
        )
    except NotAcceptable:
        return False
    return fmt is HTML


@router.api_route("/sparql", methods=["GET", "POST"], summary="SPARQL 1.1 query endpoint")
async def sparql(request: Request) -> Response:
    state = request.app.state
    settings = state.settings
    try:
        params, query, update = await _read_request(request, settings.max_query_length)
        format_param = _one(params, "format")
        if update is not None:
            return await _update(request, update)
        if query is None:
            return _describe_service(request, format_param)
        if len(query) > settings.max_query_length:
            status = 414 if request.method == "GET" else 413
            raise ProtocolError(
                status,
                f"the query has {len(query)} characters; the limit is {settings.max_query_length}",
            )
        for target in service_targets(query):
            if target.strip("<>") not in settings.service_allow:
                raise ProtocolError(
                    400,
                    f"SERVICE {target} is not allowed: this endpoint does not call other endpoints "
                    "unless they are on its allow-list (bkgraph serve --allow-service IRI)",
                )
        html = _wants_html(request, format_param)
        if not html:  # refuse early what no answer could satisfy
            try:
                choose(
                    (*RESULT_FORMATS, *GRAPH_FORMATS), request.headers.get("accept"), format_param
                )
            except NotAcceptable as exc:
                raise ProtocolError(406, str(exc)) from exc
        job = QueryJob(
            query=query,
            accept=request.headers.get("accept"),
            format_param=format_param,
            default_graphs=tuple(params.get("default-graph-uri", [])),
            named_graphs=tuple(params.get("named-graph-uri", [])),
            union_default_graph=settings.union_default_graph,
            max_rows=settings.max_rows,
            for_html=html,
            base_iri=str(request.url.replace(query="")),
        )
    except ProtocolError as exc:
        return PlainTextResponse(exc.message + "\n", status_code=exc.status)
    _, version = state.handle.current()
    key = (job.query, job.accept, job.format_param, job.default_graphs, job.named_graphs, html)
    cached = state.cache.get(version, key)
    if cached is not None:
        if request.headers.get("if-none-match") == cached.etag:
            return Response(status_code=304, headers={"ETag": cached.etag, "Vary": "Accept"})
        headers = {**dict(cached.headers), "ETag": cached.etag, "X-Cache": "hit"}
        return Response(cached.body, cached.status, media_type=cached.media_type, headers=headers)
    try:
        reply = await state.pool.run(job)
    except QueryTimeout as exc:
        state.metrics.query_timeouts.inc()
        return PlainTextResponse(f"{exc}\n", status_code=503, headers={"Retry-After": "1"})
    except QueryOutOfMemory as exc:
        state.metrics.query_memory_stops.inc()
        return PlainTextResponse(f"{exc}\n", status_code=503)
    except WorkerCrashed as exc:
        return PlainTextResponse(
            f"{exc}; try again\n", status_code=503, headers={"Retry-After": "1"}
        )
    if "X-Result-Truncated" in reply.headers:
        state.metrics.truncated.inc()
    headers = {**reply.headers, "Vary": "Accept", "X-Store-Version": reply.store_version}
    if html and reply.kind != "error":
        return _results_page(request, query, reply, headers)
    if reply.status == 200 and reply.store_version == version:
        etag = state.cache.etag(version, key)
        headers["ETag"] = etag
        entry = Cached(200, reply.media_type, reply.body, tuple(headers.items()), etag)
        state.cache.put(version, key, entry)
    return Response(
        reply.body, status_code=reply.status, media_type=reply.media_type, headers=headers
    )


def _results_page(request: Request, query: str, reply, headers: dict[str, str]) -> Response:
    context = {"query": query, "examples": examples(request.app.state.settings.queries_dir)}
    if reply.kind == "graph":
        context["graph"] = reply.body.decode()
    else:
        data = json.loads(reply.body)
        context["boolean"] = data.get("boolean")
        context["variables"] = data.get("head", {}).get("vars", [])
        context["rows"] = data.get("results", {}).get("bindings", [])
    context["truncated"] = reply.headers.get("X-Result-Limit")
    return request.app.state.templates.TemplateResponse(
        request, "sparql.html", context, headers=headers
    )


def _describe_service(request: Request, format_param: str | None) -> Response:
    state = request.app.state
    if _wants_html(request, format_param):
        return state.templates.TemplateResponse(
            request,
            "sparql.html",
            {"query": None, "examples": examples(state.settings.queries_dir)},
        )
    try:
        fmt = choose(GRAPH_FORMATS, request.headers.get("accept"), format_param)
    except NotAcceptable as exc:
        return PlainTextResponse(str(exc) + "\n", status_code=406)
    store, version = state.handle.current()
    endpoint = str(request.url.replace(query=""))
    triples = service_description(
        endpoint,
        graph_sizes(store, version),
        state.settings.union_default_graph,
        update_enabled=state.settings.admin_token is not None,
    )
    return rdf_response(triples, fmt, headers={"Vary": "Accept"})


async def _update(request: Request, update: str) -> Response:
    state = request.app.state
    token = state.settings.admin_token
    if token is None:
        return PlainTextResponse(
            "this endpoint is read-only: SPARQL Update is refused (start the server with an "
            "admin token to enable it)\n",
            status_code=403,
        )
    if request.headers.get("authorization", "") != f"Bearer {token}":
        return PlainTextResponse(
            "SPARQL Update needs the admin token: send 'Authorization: Bearer <token>'\n",
            status_code=401,
            headers={"WWW-Authenticate": 'Bearer realm="bkgraph"'},
        )
    if len(update) > state.settings.max_query_length:
        return PlainTextResponse("the update is too long\n", status_code=413)
    try:
        await state.updater.apply(update, str(request.url.replace(query="")))
    except SyntaxError as exc:
        return PlainTextResponse(f"malformed update: {exc}\n", status_code=400)
    except (ValueError, OSError, RuntimeError) as exc:
        return PlainTextResponse(f"the update failed: {exc}\n", status_code=400)
    return Response(status_code=204)


def examples(folder: Path) -> list[dict[str, str]]:
    """The competency questions of queries/, with the first comment line as their title."""
    found = []
    for path in sorted(folder.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        comments = [ln.lstrip("# ").rstrip() for ln in text.splitlines() if ln.startswith("#")]
        found.append(
            {"name": path.stem, "title": comments[0] if comments else path.stem, "query": text}
        )
    return found
