"""The CAMEO event ontology: codes, labels, Goldstein values, quad classes and PLOVER categories."""

from thoisu.cameo.table import CameoCode, CameoTable, load_cameo, parse_cameo

__all__ = ["CameoCode", "CameoTable", "load_cameo", "parse_cameo"]
