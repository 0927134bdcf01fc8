"""thoisu: Vietnamese news pages to a deduplicated, source-attributed database of CAMEO events."""

__version__ = "0.1.0"
