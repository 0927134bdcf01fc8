"""CAMEO reference data shipped with thoisu (read through :mod:`thoisu.cameo.table`)."""
