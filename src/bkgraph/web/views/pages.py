"""The analyst's pages: home, qualification, concept, search, browse and compare.

Each page is server-rendered HTML from the queries of `bkgraph.web.pagedata`; it works
without JavaScript (the only scripts copy a URI and start the query editor). The qualification
and concept pages are the HTML representation of `/doc/...` (see views/resources.py).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from typing import TypeVar

from fastapi import APIRouter, Query, Request
from pyoxigraph import NamedNode, Store
from starlette.responses import Response

from bkgraph.parsing.text import slug
from bkgraph.web import charts, pagedata
from bkgraph.web.indexes import cached_index
from bkgraph.web.search import SearchIndex

T = TypeVar("T")

router = APIRouter()
PAGE_SIZE = 50
_CODE = re.compile(r"^BK-\d{4}-\d+$")
BK = "https://w3id.org/bkgraph/def#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
CONCEPT_TYPES = {
    BK + "KnowledgeElement",
    BK + "LanguageKnowledge",
    BK + "SkillType",
    BK + "KnowledgeLevel",
    BK + "Sector",
    BK + "VdabRegion",
    BK + "VdabSector",
    BK + "Domain",
    BK + "Profession",
    "http://data.europa.eu/esco/model#Occupation",
    "http://data.europa.eu/esco/model#Skill",
    BK + "RomeCode",
}


def render(request: Request, template: str, context: dict, status: int = 200) -> Response:
    return request.app.state.templates.TemplateResponse(
        request, template, context, status_code=status
    )


def types_of(store: Store, node: NamedNode) -> set[str]:
    rdf_type = NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    return {q.object.value for q in store.quads_for_pattern(node, rdf_type, None, None)}


def page_data(request: Request, version: str, key: tuple, compute: Callable[[], T]) -> T:
    """The rows of a page, from the cache of this store version or computed once."""
    return request.app.state.page_data.get(version, key, compute)


def special_page(
    request: Request, store: Store, version: str, node: NamedNode, common: dict
) -> Response | None:
    """The page for a qualification or a concept, or None for the generic resource page."""
    kinds = types_of(store, node)
    if BK + "QualificationVersion" in kinds:
        return qualification_page(request, store, version, node, common)
    if kinds & CONCEPT_TYPES:
        return concept_page(request, store, version, node, common)
    return None


def qualification_page(
    request: Request, store: Store, version: str, node: NamedNode, common: dict
) -> Response:
    code = node.value.rsplit("/", 1)[1]
    data = page_data(
        request,
        version,
        ("qualification", node.value),
        lambda: pagedata.qualification(store, node.value, code),
    )
    blocks: dict[int, dict] = {}
    for row in data["activities"].rows:
        block = blocks.setdefault(
            row["blockPosition"], {"title": row["blockTitle"], "iri": row["block"], "rows": []}
        )
        block["rows"].append(row)
    knowledge: dict[str, list[dict]] = defaultdict(list)
    for row in data["knowledge"].rows:
        knowledge[str(row["level"] or "niveau niet vermeld")].append(row)
    statements: dict[str, list[dict]] = defaultdict(list)
    for row in data["statements"].rows:
        statements[str(row["kind"])].append(row)
    grid = data["grid"].rows
    esco_by_title = {r["title"]: r for r in data["grid_esco"].rows}
    links = {}
    for cell in grid:
        if cell.get("qualification"):
            links[str(cell["title"])] = f"/doc/qualification/{cell['qualification']}"
        else:
            links[str(cell["title"])] = "/doc/profession/" + slug(str(cell["title"]))
    charts_ = {}
    if data["regions"].rows:
        charts_["regions"] = charts.bar_chart(
            "Received vacancies 2020 per VDAB region",
            [(str(r["region"]), float(r["vacancies"])) for r in data["regions"].rows],
        )
    if data["sectors_vacancies"].rows:
        charts_["sectors"] = charts.bar_chart(
            "Received vacancies 2020 per sector (top 10)",
            [
                (str(r["sector"])[:34], float(r["vacancies"]))
                for r in data["sectors_vacancies"].rows
            ],
        )
    if data["evolution"].rows:
        series: dict[str, list[tuple[str, float]]] = defaultdict(list)
        for r in data["evolution"].rows:
            series[str(r["channelLabel"])].append((str(r["period"]), float(r["vacancies"])))
        charts_["evolution"] = charts.line_chart(
            "Open vacancies in December, 2013-2020, per channel", dict(series)
        )
    context = {
        **common,
        "code": code,
        "data": data,
        "general": data["general"].rows[0] if data["general"].rows else {},
        "blocks": [blocks[k] for k in sorted(blocks)],
        "knowledge": dict(knowledge),
        "statements": dict(statements),
        "grid_svg": charts.career_grid(grid, links) if grid else None,
        "grid_esco": esco_by_title,
        "charts": charts_,
    }
    return render(request, "qualification.html", context)


def concept_page(
    request: Request, store: Store, version: str, node: NamedNode, common: dict
) -> Response:
    raw = request.query_params.get("page", "1")
    page = max(1, int(raw)) if raw.isascii() and raw.isdigit() and len(raw) < 7 else 1
    offset = (page - 1) * PAGE_SIZE
    data = page_data(
        request,
        version,
        ("concept", node.value, offset),
        lambda: pagedata.concept(store, node.value, offset, PAGE_SIZE),
    )
    total = data["total"].rows[0]["n"] if data["total"].rows else 0
    return render(
        request,
        "concept.html",
        {**common, "data": data, "page": page, "page_size": PAGE_SIZE, "total": total},
    )


@router.get("/", summary="Home page")
def home(request: Request) -> Response:
    store, version = request.app.state.handle.current()
    data = page_data(request, version, ("home",), lambda: pagedata.home(store))
    return render(request, "home.html", {"data": data, "counts": data["counts"].rows[0]})


@router.get("/search", summary="Search by label (qualifications, activities, knowledge, ESCO)")
async def search(request: Request, q: str = Query("", max_length=200)) -> Response:
    results = {}
    if q.strip():
        index = await cached_index(request, "search", SearchIndex.from_store)
        results = index.search(q)
    return render(request, "search.html", {"q": q, "results": results})


@router.get("/browse", summary="All qualifications by VKS level and domain")
def browse(
    request: Request,
    sort: str = Query("code", pattern="^(code|title|level|domain|activities)$"),
) -> Response:
    store, version = request.app.state.handle.current()
    data = page_data(request, version, ("browse", sort), lambda: pagedata.browse(store, sort))
    return render(request, "browse.html", {"data": data, "sort": sort})


@router.get("/compare", summary="Two qualifications side by side")
def compare(
    request: Request,
    a: str = Query("BK-0390-2", pattern=_CODE.pattern),
    b: str = Query("BK-0568-1", pattern=_CODE.pattern),
) -> Response:
    store, version = request.app.state.handle.current()
    data = page_data(request, version, ("compare", a, b), lambda: pagedata.compare(store, a, b))
    titles = {r["code"]: r for r in data["titles"].rows}
    missing = [c for c in (a, b) if c not in titles]
    if missing:
        return render(
            request,
            "error.html",
            {"status": 404, "message": f"No qualification {', '.join(missing)}."},
            status=404,
        )
    rows = data["knowledge"].rows
    groups = {
        "shared": [r for r in rows if r["a"] and r["b"]],
        "only_a": [r for r in rows if r["a"] and not r["b"]],
        "only_b": [r for r in rows if r["b"] and not r["a"]],
    }
    return render(
        request,
        "compare.html",
        {"a": titles[a], "b": titles[b], "groups": groups, "data": data},
    )
