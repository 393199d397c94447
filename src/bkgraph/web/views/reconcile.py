"""The W3C Entity Reconciliation API at /reconcile (the protocol OpenRefine speaks).

Without `queries` the endpoint returns the service manifest; with `queries` (a JSON object of
named queries, sent as a form field or a query parameter) it returns candidates per query.
The shapes follow the Reconciliation Service API v0.2 (https://reconciliation-api.github.io/specs/0.2/).
"""

from __future__ import annotations

import json

from fastapi import APIRouter, Request
from starlette.responses import JSONResponse

from bkgraph.linking.reconcile import TYPES, ReconciliationIndex
from bkgraph.web.indexes import cached_index

router = APIRouter()
MAX_QUERIES = 100
MAX_LIMIT = 100


class BadReconciliation(ValueError):
    pass


def manifest(base: str) -> dict:
    return {
        "versions": ["0.2"],
        "name": "bkgraph: Flemish professional qualifications",
        "identifierSpace": base + "id/",
        "schemaSpace": "https://w3id.org/bkgraph/def#",
        "defaultTypes": [{"id": t, "name": name} for t, name in TYPES.items()],
        "view": {"url": "{{id}}"},
        "documentation": base + "doc/",
        "batchSize": MAX_QUERIES,
    }


def parse_queries(raw: str) -> dict[str, tuple[str, str | None, int]]:
    try:
        queries = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise BadReconciliation(
            f"parameter 'queries' is not JSON: {exc.msg} at position {exc.pos}"
        ) from exc
    if not isinstance(queries, dict) or not queries:
        raise BadReconciliation("parameter 'queries' must be a non-empty JSON object")
    if len(queries) > MAX_QUERIES:
        raise BadReconciliation(f"at most {MAX_QUERIES} queries per request")
    parsed = {}
    for key, q in queries.items():
        if not isinstance(q, dict) or not isinstance(q.get("query"), str) or not q["query"].strip():
            raise BadReconciliation(f"queries.{key}: expected an object with a text 'query'")
        type_ = q.get("type")
        if type_ is not None and type_ not in TYPES:
            raise BadReconciliation(
                f"queries.{key}.type: unknown type {type_!r} (known: {', '.join(TYPES)})"
            )
        limit = q.get("limit", 5)
        if not isinstance(limit, int) or isinstance(limit, bool) or not 1 <= limit <= MAX_LIMIT:
            raise BadReconciliation(f"queries.{key}.limit: expected an integer 1-{MAX_LIMIT}")
        parsed[key] = (q["query"], type_, limit)
    return parsed


async def _answer(request: Request, raw: str | None) -> JSONResponse:
    base = request.app.state.settings.base
    if raw is None:
        return JSONResponse(manifest(base))
    try:
        queries = parse_queries(raw)
    except BadReconciliation as exc:
        return JSONResponse({"error": str(exc)}, status_code=400)
    index = await cached_index(request, "reconcile", ReconciliationIndex.from_store)
    return JSONResponse(
        {
            key: {"result": [c.as_json() for c in index.reconcile(text, type_, limit)]}
            for key, (text, type_, limit) in queries.items()
        }
    )


@router.get("/reconcile", summary="Entity reconciliation (W3C draft, v0.2)")
async def reconcile_get(request: Request, queries: str | None = None) -> JSONResponse:
    return await _answer(request, queries)


@router.post("/reconcile", summary="Entity reconciliation, queries as a form field")
async def reconcile_post(request: Request) -> JSONResponse:
    form = await request.form()
    raw = form.get("queries")
    return await _answer(request, raw if isinstance(raw, str) else None)
