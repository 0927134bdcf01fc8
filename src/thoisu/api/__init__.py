"""The HTTP API and the dashboard server: FastAPI over :mod:`thoisu.service`.

``create_app(Settings(db=Path("events.duckdb")))`` builds the application that
``thoisu serve`` runs with uvicorn. FastAPI is an optional dependency (the
``api`` extra); nothing else in thoisu imports this package.
"""

from thoisu.api.app import create_app
from thoisu.api.settings import Settings

__all__ = ["Settings", "create_app"]
