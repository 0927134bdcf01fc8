"""The application: JSON endpoints, the dashboard at ``/``, OpenAPI docs, limits and error replies.

Everything is served from installed packages, nothing from a CDN: the
dashboard's files ship with thoisu, its charts use the ``plotly.min.js`` of the
``plotly`` wheel, and ``/docs`` uses Swagger UI's files from the
``swagger-ui-py`` wheel when it is installed (without it, FastAPI's default
page, which loads Swagger UI from a CDN; ``/openapi.json`` works either way).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles

from thoisu import __version__
from thoisu.api import routes
from thoisu.api.access import StoreAccess, Unavailable, message_of
from thoisu.api.assets import dashboard_dir, plotly_js, swagger_dir
from thoisu.api.ingest import Ingestor
from thoisu.api.limits import BodyLimit
from thoisu.api.settings import Settings
from thoisu.errors import StoreError
from thoisu.execute.worker import default_pipeline
from thoisu.pipeline import Pipeline

_DESCRIPTION = """
International-relations events (CAMEO) extracted from Vietnamese news pages, with their provenance.

An **event** is one real-world event however many outlets report it; a **mention** is one article's
report of it, with the sentences (and their character spans in the article's text) that support it.
Reads need no credentials. `POST /ingest` needs the server's token as `Authorization: Bearer TOKEN`.
The dashboard is at [/](/).
"""

_TAGS = [
    {"name": "events", "description": "Search events; an event with its provenance."},
    {"name": "dyads", "description": "A pair of actors: timeline and trend of their relation."},
    {"name": "actors", "description": "Actors in most events; the actor network."},
    {"name": "articles", "description": "Stored articles with their entities, reports and events."},
    {"name": "store", "description": "Health, what the store holds, display names."},
    {"name": "ingest", "description": "Run the pipeline on posted pages (needs the token)."},
]


def create_app(settings: Settings, *, pipeline: Callable[[], Pipeline] = default_pipeline) -> FastAPI:
    """The API and dashboard over the store ``settings.db``.

    Args:
        settings: The store, the token and the limits.
        pipeline: Builds the extraction pipeline (without a store stage) for ``POST /ingest``; it is
            called on the first ingest, so a server that only reads never loads the language resources.
    """
    swagger = swagger_dir()
    app = FastAPI(
        title="thoisu",
        version=__version__,
        description=_DESCRIPTION,
        openapi_tags=_TAGS,
        docs_url=None if swagger else "/docs",
        redoc_url=None,
        # Operation ids are the endpoint names (search_events, event, trend...): what client
        # generators turn into method names.
        generate_unique_id_function=lambda route: route.name,
    )
    access = StoreAccess(
        settings.db, read_wait=settings.read_wait_seconds, write_wait=settings.write_wait_seconds
    )
    context = routes.Context(
        settings, access, Ingestor(access, pipeline, wait_seconds=settings.write_wait_seconds)
    )
    app.add_middleware(BodyLimit, max_bytes=settings.max_body_bytes)
    app.add_exception_handler(Unavailable, _unavailable)
    app.add_exception_handler(StoreError, _unavailable)
    routes.register(app, context)
    _static(app, swagger)
    return app


async def _unavailable(request: Request, exc: Exception) -> Response:
    """503 with the reason: a store that cannot be read now is not a server bug."""
    return JSONResponse({"detail": message_of(exc)}, status_code=503, headers={"Retry-After": "5"})


def _static(app: FastAPI, swagger: Path | None) -> None:
    """The dashboard, the vendored browser libraries and (when available) local Swagger UI."""
    dashboard = dashboard_dir()

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(dashboard / "index.html", media_type="text/html")

    @app.get("/static/vendor/plotly.min.js", include_in_schema=False)
    def plotly() -> Response:
        path = plotly_js()
        if path is None:
            return JSONResponse(
                {"detail": "charts need the plotly package: pip install 'thoisu[api]'"}, status_code=404
            )
        return FileResponse(path, media_type="text/javascript")

    if swagger is not None:
        app.mount("/static/vendor/swagger-ui", StaticFiles(directory=swagger), name="swagger-ui")

        @app.get("/docs", include_in_schema=False)
        def docs() -> HTMLResponse:
            return get_swagger_ui_html(
                openapi_url=app.openapi_url or "/openapi.json",
                title="thoisu API",
                swagger_js_url="/static/vendor/swagger-ui/swagger-ui-bundle.js",
                swagger_css_url="/static/vendor/swagger-ui/swagger-ui.css",
                swagger_favicon_url="/static/vendor/swagger-ui/favicon-32x32.png",
            )

    app.mount("/static", StaticFiles(directory=dashboard), name="static")
