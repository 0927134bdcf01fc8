"""MinHash fingerprints of article bodies, for finding wire copies and re-crawls.

Ten outlets carrying the same TTXVN wire differ in menus, bylines and
sometimes a rewritten lead; their bodies share most of their wording. The
Jaccard similarity of the bodies' shingle sets measures that, and MinHash
estimates it from a fixed-size signature, so a store can keep one signature
per article instead of its text, and LSH bands find the candidates without
comparing a new page with every stored one.

Choices, measured on the team's example pages (``examples/pages`` e25-e28):

* **Normalisation keeps the diacritics.** Vietnamese tone marks separate
  words (bán, bạn, bàn); stripping them would make unrelated texts about the
  same subject look alike. The normaliser has already put every text into NFC
  with one tone placement, so only case, punctuation and spacing are dropped
  here; a page fixed from a legacy encoding fingerprints like its Unicode twin.
* **Shingles are five syllables.** Vietnamese words have one to three
  syllables, so a shingle spans two or three words: the stock phrases every
  report of an event repeats ("Bộ trưởng Ngoại giao Bùi Thanh Sơn") are too
  short to make two independent reports similar, and one changed word breaks
  only five shingles. A wire copy with a new title and lead and a dropped
  paragraph (e26 of e25) scores 0.71; another outlet's rewrite of the same wire
  (e28) 0.19; independent reports of the same talks 0.06 or less.
* **Shingles are hashed with CRC-32** before datasketch permutes them: a
  stable 32-bit hash computed in C, twice as fast as the SHA-1 datasketch
  uses by default, and as good for this purpose (distinct shingles of one body
  collide with a probability of about 10^-5; datasketch's permutations do the
  mixing).
* **The signature is datasketch's, computed without datasketch's loop.**
  Each shingle's CRC-32 is mixed and permuted by the same affine maps
  (:func:`_permutations` takes them from datasketch), in NumPy over all the
  body's distinct shingles at once; the shingles are never built as strings:
  they are slices of the body's words joined by single spaces, hashed where
  they lie. MinHash is a minimum, so a repeated shingle changes nothing and
  distinct shingles need only be counted (exactly: hashes that collide are
  told apart by their bytes).
* **LSH at a threshold of 0.5 with 128 permutations.** datasketch chooses the
  bands and rows that minimise false positives plus false negatives there
  (25 bands of 5 rows). Candidates are then checked on the full signatures,
  so a chance band collision never links two articles.

The parameters are recorded in the store (:meth:`FingerprintParams.describe`):
signatures made with other parameters are not comparable, and the store
refuses to mix them.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
import zlib
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from datasketch import MinHash, MinHashLSH  # type: ignore[import-untyped, unused-ignore]

#: MinHash hash values are 32-bit in datasketch's ``affine32`` scheme.
_SIGNATURE_DTYPE = np.dtype("<u4")
_WORD = re.compile(r"\w+")
#: Punctuation that most often clings to words in news text: turned into spaces before the
#: whitespace split, so that most pieces are whole words and the regex runs on the rest only.
_CLINGING = (",", ".", '"', "/", "-")
#: Constants of the MurmurHash3 32-bit finalizer datasketch applies to every input hash.
_FMIX = (np.uint32(16), np.uint32(0x85EBCA6B), np.uint32(13), np.uint32(0xC2B2AE35))
_SPACE = 0x20


@lru_cache(maxsize=8)
def _lsh_shape(threshold: float, num_perm: int) -> tuple[int, int]:
    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return int(lsh.b), int(lsh.r)


@dataclass(frozen=True, slots=True)
class FingerprintParams:
    """How fingerprints are made and compared.

    Attributes:
        num_perm: Hash functions in a signature.
        seed: Seed of the permutations (fixed: stored signatures must stay comparable).
        shingle: Syllables per shingle.
        threshold: Estimated Jaccard similarity from which two bodies are copies.
        min_shingles: Bodies with fewer shingles get no fingerprint: a two-line brief shares
            too much with any other brief on the same subject to be called a copy.
        bands: LSH bands (derived from ``threshold`` and ``num_perm``).
        rows: Hash values per band.
    """

    num_perm: int = 128
    seed: int = 1
    shingle: int = 5
    threshold: float = 0.5
    min_shingles: int = 20
    bands: int = field(init=False)
    rows: int = field(init=False)

    def __post_init__(self) -> None:
        if self.num_perm < 8 or self.shingle < 1 or not 0.0 < self.threshold < 1.0:
            raise ValueError(
                f"unusable fingerprint parameters: num_perm={self.num_perm}, shingle={self.shingle}, "
                f"threshold={self.threshold}"
            )
        bands, rows = _lsh_shape(self.threshold, self.num_perm)
        object.__setattr__(self, "bands", bands)
        object.__setattr__(self, "rows", rows)

    def describe(self) -> str:
        """A one-line description stored with the signatures (``minhash/affine32/crc32/...``)."""
        return (
            f"minhash/affine32/crc32/perm={self.num_perm}/seed={self.seed}/shingle={self.shingle}/"
            f"bands={self.bands}x{self.rows}"
        )


DEFAULT_PARAMS = FingerprintParams()


@lru_cache(maxsize=8)
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """The affine maps ``h -> a*h + b (mod 2**32)`` of datasketch's ``affine32`` MinHash, as columns.

    Taken from datasketch itself, so the signatures stay those of the stores already written.
    """
    minhash = MinHash(num_perm=num_perm, seed=seed, scheme="affine32", hashfunc=zlib.crc32)
    a, b = (np.array(values, dtype=np.uint32) for values in minhash.permutations)
    a.flags.writeable = b.flags.writeable = False
    return a[:, np.newaxis], b[:, np.newaxis]


@lru_cache(maxsize=8)
def _band_persons(bands: int) -> tuple[bytes, ...]:
    """The personalisation of each band's BLAKE2b (the band number, so equal rows in two bands differ)."""
    return tuple(band.to_bytes(2, "little") for band in range(bands))


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What the store keeps of an article body to recognise its copies.

    Attributes:
        body_hash: SHA-256 of the normalised word sequence: equal for bodies that differ only
            in case, punctuation or spacing (an exact copy).
        shingles: Distinct shingles in the body.
        signature: The MinHash values, ``num_perm`` little-endian unsigned 32-bit integers.
    """

    body_hash: str
    shingles: int
    signature: bytes

    def __reduce__(self) -> tuple[type[Fingerprint], tuple[str, int, bytes]]:
        # Explicit, because a frozen dataclass compiled by mypyc cannot be unpickled otherwise,
        # and fingerprints travel from worker processes inside prepared articles.
        return (Fingerprint, (self.body_hash, self.shingles, self.signature))

    def values(self) -> np.ndarray:
        """The signature as an array of hash values."""
        return np.frombuffer(self.signature, dtype=_SIGNATURE_DTYPE)

    def similarity(self, other: Fingerprint) -> float:
        """Estimated Jaccard similarity of the two bodies (1.0 for an exact copy).

        Raises:
            ValueError: When the signatures have different lengths (other parameters).
        """
        if self.body_hash == other.body_hash:
            return 1.0
        mine, theirs = self.values(), other.values()
        if mine.shape != theirs.shape:
            raise ValueError("fingerprints made with different parameters cannot be compared")
        return float(np.count_nonzero(mine == theirs)) / len(mine)

    def band_keys(self, params: FingerprintParams = DEFAULT_PARAMS) -> tuple[int, ...]:
        """One signed 64-bit key per LSH band (the band number is part of the key)."""
        signature = self.signature
        width = params.rows * _SIGNATURE_DTYPE.itemsize
        return tuple(
            int.from_bytes(
                hashlib.blake2b(signature[start : start + width], digest_size=8, person=person).digest(),
                "little",
                signed=True,
            )
            for start, person in zip(
                range(0, params.bands * width, width), _band_persons(params.bands), strict=True
            )
        )


def words(text: str) -> list[str]:
    """The body's words, case-folded, diacritics kept, punctuation dropped."""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    return _WORD.findall(text.casefold())


def shingles(text: str, size: int = DEFAULT_PARAMS.shingle) -> set[str]:
    """The distinct runs of ``size`` consecutive words (the whole text when it is shorter)."""
    tokens = words(text)
    if len(tokens) <= size:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + size]) for i in range(len(tokens) - size + 1)}


def joined_words(text: str) -> str:
    """The body's words joined by single spaces: ``" ".join(words(text))``, computed faster.

    Splitting at whitespace is several times faster than the word regex; the
    pieces that are not one whole word (punctuation inside, "(TTXVN)") go
    through the regex. A word is a run of word characters (letters, digits,
    the underscore): the punctuation turned into spaces first is none of them,
    and neither is whitespace, so the words found are the same.
    """
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = text.casefold()
    for mark in _CLINGING:
        text = text.replace(mark, " ")
    pieces = text.split()
    flags = list(map(str.isalnum, pieces))
    if not all(flags):
        for index, whole in enumerate(flags):
            if not whole:
                pieces[index] = " ".join(_WORD.findall(pieces[index]))
        return " ".join(filter(None, pieces))
    return " ".join(pieces)


def _fmix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's 32-bit finalizer, in place: datasketch's pre-mix of every input hash."""
    shift1, multiply1, shift2, multiply2 = _FMIX
    values ^= values >> shift1
    values *= multiply1
    values ^= values >> shift2
    values *= multiply2
    values ^= values >> shift1
    return values


def fingerprint(text: str, params: FingerprintParams = DEFAULT_PARAMS) -> Fingerprint | None:
    """The fingerprint of an article body, or None when it is too short to tell copies apart.

    The same as datasketch's ``MinHash(scheme="affine32", hashfunc=zlib.crc32)`` updated with
    the UTF-8 bytes of every distinct shingle (the tests hold the two to each other).
    """
    data = joined_words(text).encode("utf-8")
    size = params.shingle
    # Word boundaries in the joined bytes: shingle i runs from the start of word i to the end
    # of word i + size - 1.
    gaps = np.flatnonzero(np.frombuffer(data, dtype=np.uint8) == _SPACE)
    count = len(gaps) + 2 - size if data else 0
    if count < 1:
        return None
    begins = np.empty(count, dtype=np.int64)
    begins[0] = 0
    begins[1:] = gaps[: count - 1] + 1
    ends = np.empty(count, dtype=np.int64)
    ends[:-1] = gaps[size - 1 :]
    ends[-1] = len(data)
    hashes = np.fromiter(
        map(zlib.crc32, map(data.__getitem__, map(slice, begins.tolist(), ends.tolist()))),
        dtype=np.uint32,
        count=count,
    )
    unique, repeats = np.unique(hashes, return_counts=True)
    distinct = len(unique)
    for value in unique[repeats > 1].tolist():
        # Shingles with one hash: usually one phrase repeated; a CRC collision is told apart here.
        where = np.flatnonzero(hashes == value).tolist()
        distinct += len({data[begins[index] : ends[index]] for index in where}) - 1
    if distinct < params.min_shingles:
        return None
    a, b = _permutations(params.num_perm, params.seed)
    # One row per permutation: a * h + b over every distinct hash (wrapping mod 2**32), then the minimum.
    permuted = a * _fmix32(unique)
    permuted += b
    signature = permuted.min(axis=1).astype(_SIGNATURE_DTYPE).tobytes()
    return Fingerprint(hashlib.sha256(data).hexdigest(), distinct, signature)
