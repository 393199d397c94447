"""The service's own surface: home, health, version, metrics, VoID/DCAT and the dumps."""

from __future__ import annotations

import asyncio
import gzip
import os
from pathlib import Path

from fastapi import APIRouter, Request
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from pyoxigraph import Store
from starlette.responses import FileResponse, JSONResponse, PlainTextResponse, Response

from bkgraph import __version__
from bkgraph.store.reading import export
from bkgraph.web.metadata import graph_sizes, void_description
from bkgraph.web.negotiation import GRAPH_FORMATS, NotAcceptable, choose
from bkgraph.web.rendering import rdf_response

router = APIRouter()
DUMPS = {
    "bkgraph.nq.gz": ("nquads", "application/n-quads"),
    "bkgraph.ttl": ("turtle", "text/turtle"),
}
_dump_lock = asyncio.Lock()


@router.get("/healthz", summary="Liveness: the store opens and answers")
async def healthz(request: Request) -> JSONResponse:
    store, version = request.app.state.handle.current()
    return JSONResponse({"status": "ok", "store_version": version, "quads": len(store)})


@router.get("/version", summary="Software, ontology and data versions")
async def version(request: Request) -> JSONResponse:
    _, store_version = request.app.state.handle.current()
    return JSONResponse(
        {
            "bkgraph": __version__,
            "ontology": "0.1.0",
            "store_version": store_version,
            "base": request.app.state.settings.base,
        }
    )


@router.get("/metrics", summary="Prometheus metrics")
async def metrics(request: Request) -> Response:
    return Response(
        generate_latest(request.app.state.metrics.registry), media_type=CONTENT_TYPE_LATEST
    )


@router.get("/.well-known/void", summary="VoID and DCAT description of the dataset")
async def void(request: Request, format: str | None = None) -> Response:
    try:
        fmt = choose(GRAPH_FORMATS, request.headers.get("accept"), format)
    except NotAcceptable as exc:
        return PlainTextResponse(str(exc) + "\n", status_code=406)
    store, version = request.app.state.handle.current()
    triples = void_description(request.app.state.settings.base, graph_sizes(store, version))
    return rdf_response(triples, fmt, {"Vary": "Accept", "X-Store-Version": version})


def _write_dump(store: Store, name: str, path: Path) -> None:
    fmt, _ = DUMPS[name]
    tmp = path.with_suffix(path.suffix + f".{os.getpid()}.tmp")
    if name.endswith(".gz"):
        with gzip.open(tmp, "wb") as handle:
            export(store, fmt, handle)
    else:
        with tmp.open("wb") as handle:
            export(store, fmt, handle)
    os.replace(tmp, path)


@router.get("/dumps/{name}", summary="The whole dataset: N-Quads (gzip) or Turtle")
async def dump(request: Request, name: str) -> Response:
    if name not in DUMPS:
        return PlainTextResponse(
            f"no dump {name!r}; there are: {', '.join(DUMPS)}\n", status_code=404
        )
    state = request.app.state
    store, version = state.handle.current()
    path = state.settings.dumps_dir / version / name
    if not path.exists():
        async with _dump_lock:
            if not path.exists():
                path.parent.mkdir(parents=True, exist_ok=True)
                await asyncio.get_running_loop().run_in_executor(
                    None, _write_dump, store, name, path
                )
    _, media = DUMPS[name]
    headers = {"Content-Disposition": f'attachment; filename="{name}"', "X-Store-Version": version}
    if name.endswith(".gz"):
        return FileResponse(path, media_type="application/gzip", headers=headers)
    return FileResponse(path, media_type=media, headers=headers)
