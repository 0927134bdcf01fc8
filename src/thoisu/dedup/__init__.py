"""Near-duplicate articles: MinHash fingerprints of article bodies and their LSH band keys."""

from thoisu.dedup.fingerprint import DEFAULT_PARAMS, Fingerprint, FingerprintParams, fingerprint, shingles

__all__ = ["DEFAULT_PARAMS", "Fingerprint", "FingerprintParams", "fingerprint", "shingles"]
