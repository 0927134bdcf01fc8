"""Persistence: the DuckDB store and the pipeline stage that writes to it."""

from thoisu.store.migrations import Migration
from thoisu.store.stage import PrepareStage, StoreStage
from thoisu.store.store import Store

__all__ = ["Migration", "PrepareStage", "Store", "StoreStage"]
