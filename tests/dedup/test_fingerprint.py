from __future__ import annotations

import hashlib
import pickle
import zlib

import numpy as np
import pytest
from datasketch import MinHash  # type: ignore[import-untyped, unused-ignore]
from hypothesis import given, settings
from hypothesis import strategies as st

from thoisu.dedup import DEFAULT_PARAMS, Fingerprint, FingerprintParams, fingerprint, shingles
from thoisu.dedup.fingerprint import joined_words, words

# A hand-written wire story and the ways other outlets carry or retell it.
WIRE = (
    "Chiều 9/5, tại Thủ đô Viêng Chăn, Bộ trưởng Ngoại giao Lào Xa-lơm-xay Côm-ma-sít đã hội đàm với "
    "Bộ trưởng Ngoại giao Thái Lan nhân dịp chuyến thăm chính thức Lào từ ngày 8 đến 10/5. "
    "Hai bên nhất trí tăng cường trao đổi đoàn các cấp, thúc đẩy thương mại biên giới, kết nối giao thông "
    "và hợp tác quản lý nguồn nước sông Mê Công. "
    "Bộ trưởng Thái Lan khẳng định Băng Cốc coi trọng quan hệ láng giềng tốt đẹp và sẵn sàng hỗ trợ Lào "
    "phát triển hạ tầng logistics dọc hành lang kinh tế Đông - Tây. "
    "Hai bộ trưởng cũng trao đổi về tình hình khu vực, nhấn mạnh vai trò trung tâm của ASEAN và sự cần "
    "thiết duy trì hòa bình, ổn định ở Đông Nam Á."
)
# Another outlet's copy: its own lead sentence, one word changed, the last paragraph dropped.
COPY = (
    "Lào và Thái Lan nhất trí đẩy mạnh hợp tác kinh tế, thương mại. "
    "Chiều 9/5, tại Thủ đô Viêng Chăn, Bộ trưởng Ngoại giao Lào Xa-lơm-xay Côm-ma-sít đã hội đàm với "
    "Bộ trưởng Ngoại giao Thái Lan nhân dịp chuyến thăm chính thức Lào từ ngày 8 đến 10/5. "
    "Hai bên nhất trí tăng cường trao đổi đoàn các cấp, đẩy mạnh thương mại biên giới, kết nối giao thông "
    "và hợp tác quản lý nguồn nước sông Mê Công. "
    "Bộ trưởng Thái Lan khẳng định Băng Cốc coi trọng quan hệ láng giềng tốt đẹp và sẵn sàng hỗ trợ Lào "
    "phát triển hạ tầng logistics dọc hành lang kinh tế Đông - Tây."
)
# An independent report of the same talks: same facts and names, its own wording.
RETOLD = (
    "Ngoại trưởng Thái Lan đang ở thăm Lào. Trong cuộc gặp người đồng cấp Xa-lơm-xay Côm-ma-sít chiều 9/5 "
    "ở Viêng Chăn, ông cho biết Thái Lan muốn mở thêm cửa khẩu, tăng chuyến tàu hàng qua cầu Hữu Nghị và "
    "cùng Lào giám sát mực nước sông Mê Công trong mùa khô. Phía Lào đề nghị Thái Lan tạo điều kiện cho "
    "lao động Lào và mở rộng đầu tư vào các đặc khu kinh tế. Chuyến thăm kết thúc ngày 10/5."
)


def test_words_keep_diacritics_and_drop_case_and_punctuation() -> None:
    assert words("Bán, BẠN; bàn!") == ["bán", "bạn", "bàn"]
    assert words("Hòa bình.") == words("hòa   bình")


def test_tone_marks_separate_shingles() -> None:
    # Without diacritics these three would be one word; with them they are three.
    assert (
        len(shingles("bán hàng", size=2) | shingles("bạn hàng", size=2) | shingles("bàn hàng", size=2)) == 3
    )


def test_short_text_is_one_shingle_and_too_short_for_a_fingerprint() -> None:
    assert shingles("hai bên hội đàm", size=5) == {"hai bên hội đàm"}
    assert shingles("") == set()
    assert fingerprint("Hai bên hội đàm tại Hà Nội.") is None


def test_exact_copy_differing_in_case_and_punctuation() -> None:
    first = fingerprint(WIRE)
    second = fingerprint(WIRE.upper().replace(",", " ,").replace(".", " ."))
    assert first is not None and second is not None
    assert first.body_hash == second.body_hash
    assert first.similarity(second) == 1.0


def test_wire_copy_is_similar_and_a_retelling_is_not() -> None:
    wire, copy, retold = fingerprint(WIRE), fingerprint(COPY), fingerprint(RETOLD)
    assert wire is not None and copy is not None and retold is not None
    assert wire.body_hash != copy.body_hash
    assert wire.similarity(copy) >= DEFAULT_PARAMS.threshold
    assert wire.similarity(retold) < 0.2
    # The copy shares an LSH band with its original, so a lookup finds it.
    assert set(wire.band_keys()) & set(copy.band_keys())
    assert not set(wire.band_keys()) & set(retold.band_keys())


def test_fingerprints_are_deterministic() -> None:
    first, second = fingerprint(WIRE), fingerprint(WIRE)
    assert first is not None and second is not None
    assert first.signature == second.signature
    assert first.band_keys() == second.band_keys()
    assert len(first.signature) == 4 * DEFAULT_PARAMS.num_perm
    assert len(first.band_keys()) == DEFAULT_PARAMS.bands


def test_params_describe_their_shape() -> None:
    params = FingerprintParams(num_perm=64, threshold=0.6)
    assert params.bands * params.rows <= params.num_perm
    assert "perm=64" in params.describe() and f"bands={params.bands}x{params.rows}" in params.describe()
    assert params.describe() != DEFAULT_PARAMS.describe()
    with pytest.raises(ValueError):
        FingerprintParams(threshold=1.5)


def test_signatures_of_other_parameters_cannot_be_compared() -> None:
    small = fingerprint(WIRE, FingerprintParams(num_perm=64))
    large = fingerprint(COPY)
    assert small is not None and large is not None
    with pytest.raises(ValueError, match="different parameters"):
        small.similarity(large)


# ---------------------------------------------------------------- the fast path against the reference

VOCAB = [
    "hội",
    "đàm",
    "Hà",
    "Nội",
    "TTXVN",
    "ngày",
    "9/5",
    "hòa",
    "bình",
    "x_y",
    "2024",
    "Mê",
    "Công",
    "ASEAN",
]
GLUE = [" ", "  ", "\n", ", ", ". ", "\u00a0", "-", "_", "", " (", ") ", '"', "/", "–", "…", "\t"]


def reference(text: str, params: FingerprintParams) -> Fingerprint | None:
    """The fingerprint as datasketch makes it from the shingle strings (the definition)."""
    tokens = words(text)
    if len(tokens) < params.shingle:
        return None
    distinct = shingles(text, params.shingle)
    if len(distinct) < params.min_shingles:
        return None
    minhash = MinHash(num_perm=params.num_perm, seed=params.seed, scheme="affine32", hashfunc=zlib.crc32)
    minhash.update_batch([shingle.encode("utf-8") for shingle in distinct])
    signature = np.asarray(minhash.hashvalues, dtype="<u4").tobytes()
    body_hash = hashlib.sha256(" ".join(tokens).encode("utf-8")).hexdigest()
    return Fingerprint(body_hash, len(distinct), signature)


def reference_bands(fingerprint: Fingerprint, params: FingerprintParams) -> tuple[int, ...]:
    values = np.frombuffer(fingerprint.signature, dtype="<u4")
    keys = []
    for band in range(params.bands):
        chunk = values[band * params.rows : (band + 1) * params.rows]
        digest = hashlib.blake2b(chunk.tobytes(), digest_size=8, person=band.to_bytes(2, "little"))
        keys.append(int.from_bytes(digest.digest(), "little", signed=True))
    return tuple(keys)


texts = st.lists(
    st.tuples(st.one_of(st.sampled_from(VOCAB), st.text(max_size=6)), st.sampled_from(GLUE)), max_size=60
).map(lambda parts: "".join(word + glue for word, glue in parts))


@settings(max_examples=300, deadline=None)
@given(texts)
def test_joined_words_are_the_regex_words(text: str) -> None:
    assert joined_words(text) == " ".join(words(text))


@settings(max_examples=200, deadline=None)
@given(texts, st.sampled_from([1, 2, 3, 5]))
def test_the_signature_is_datasketchs(text: str, size: int) -> None:
    params = FingerprintParams(num_perm=16, shingle=size, min_shingles=1)
    assert fingerprint(text, params) == reference(text, params)


def test_default_fingerprints_and_bands_are_unchanged() -> None:
    for text in (WIRE, COPY, RETOLD, WIRE + " " + WIRE):
        made = fingerprint(text)
        assert made is not None and made == reference(text, DEFAULT_PARAMS)
        assert made.band_keys() == reference_bands(made, DEFAULT_PARAMS)


def test_colliding_shingles_are_counted_apart() -> None:
    # Two different shingles whose CRC-32 is the same: one hash, two distinct shingles.
    first, second = "hội mại đàm việt quốc", "nam trung việt an tác"
    assert zlib.crc32(first.encode()) == zlib.crc32(second.encode())
    text = f"{first} {second} {first}"
    params = FingerprintParams(min_shingles=1)
    made = fingerprint(text, params)
    assert made is not None
    distinct = shingles(text)
    assert made.shingles == len(distinct) == len({zlib.crc32(item.encode()) for item in distinct}) + 1
    assert made == reference(text, params)


def test_fingerprints_survive_pickling() -> None:
    made = fingerprint(WIRE)
    assert made is not None
    assert pickle.loads(pickle.dumps(made)) == made
