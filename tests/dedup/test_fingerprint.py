from __future__ import annotations

import pytest

from thoisu.dedup import DEFAULT_PARAMS, FingerprintParams, fingerprint, shingles
from thoisu.dedup.fingerprint import words

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
