"""The FastAPI application: routes from `views/`, the query pool, metrics, security headers."""

from __future__ import annotations

from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import PlainTextResponse, Response

from bkgraph import __version__
from bkgraph.store.handle import StoreHandle
from bkgraph.store.layout import StoreLayoutError
from bkgraph.store.update import Updater
from bkgraph.web.cache import AnswerCache, PageDataCache
from bkgraph.web.engine import QueryPool
from bkgraph.web.headers import SecurityHeadersMiddleware
from bkgraph.web.observability import AccessLogMiddleware, Metrics, configure_logging
from bkgraph.web.rendering import TEMPLATES_DIR, make_templates
from bkgraph.web.settings import ServerSettings
from bkgraph.web.views import meta, pages, reconcile, resources, sparql


def create_app(settings: ServerSettings) -> FastAPI:
    configure_logging()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        app.state.pool = QueryPool(
            app.state.handle, settings.workers, settings.timeout, settings.worker_memory_mib
        )
        await app.state.pool.start()
        try:
            yield
        finally:
            await app.state.pool.close()

    app = FastAPI(
        title="bkgraph",
        version=__version__,
        description="Flemish professional qualifications as Linked Data, with a SPARQL 1.1 endpoint.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.handle = StoreHandle(settings.store)
    app.state.templates = make_templates(settings.base)
    app.state.metrics = Metrics()
    app.state.updater = Updater(settings.store)
    app.state.cache = AnswerCache(max_bytes=settings.cache_mib * 1024 * 1024)
    app.state.page_data = PageDataCache()

    app.include_router(pages.router)
    app.include_router(meta.router)
    app.include_router(sparql.router)
    app.include_router(resources.router)
    app.include_router(reconcile.router)
    app.mount("/static", StaticFiles(directory=str(TEMPLATES_DIR.parent / "static")), name="static")
    if settings.assets_dir is not None:  # missing files are 404s; the pages work without them
        vendor = StaticFiles(directory=str(settings.assets_dir), check_dir=False)
        app.mount("/vendor", vendor, name="vendor")

    @app.exception_handler(StoreLayoutError)
    async def no_store(request: Request, exc: StoreLayoutError) -> Response:
        return PlainTextResponse(f"{exc}\n", status_code=503)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return PlainTextResponse(
            f"{exc.detail}\n", status_code=exc.status_code, headers=exc.headers
        )

    app.add_middleware(SecurityHeadersMiddleware)
    app.add_middleware(
        CORSMiddleware,
        allow_origins=["*"],
        allow_methods=["GET", "POST"],
        allow_headers=["*"],
        expose_headers=["X-Result-Truncated", "X-Result-Limit", "X-Store-Version", "Warning"],
    )
    app.add_middleware(AccessLogMiddleware, metrics=app.state.metrics)
    return app


def app_from_environment() -> FastAPI:
    """The app for `uvicorn --factory` with several HTTP worker processes: each builds its own
    app (and query pool) from the settings `bkgraph serve` put in the environment."""
    import json
    import os
    from pathlib import Path

    raw = json.loads(os.environ["BKGRAPH_SERVE_SETTINGS"])
    for name in ("store", "ontology_dir", "queries_dir", "dumps_dir"):
        raw[name] = Path(raw[name])
    raw["service_allow"] = tuple(raw["service_allow"])
    raw["assets_dir"] = Path(raw["assets_dir"]) if raw.get("assets_dir") else None
    return create_app(ServerSettings(**raw))
