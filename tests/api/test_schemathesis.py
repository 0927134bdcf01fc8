"""Property-based run of every operation in the OpenAPI schema: no input may produce a 5xx.

Schemathesis generates valid and invalid parameters and bodies from the schema
the app publishes. POST /ingest is sent with the token, so generated pages go
through the real pipeline and the store. Examples are bounded to keep the run
to about a minute on two cores.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("schemathesis", reason="schemathesis is not installed")

import schemathesis
from apidata import TOKEN, build_store
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from thoisu.api import Settings, create_app

AUTH = {"Authorization": f"Bearer {TOKEN}"}
EXAMPLES = 30


@pytest.fixture(scope="module")
def api_schema(tmp_path_factory: pytest.TempPathFactory) -> schemathesis.BaseSchema:
    path: Path = tmp_path_factory.mktemp("fuzz") / "events.duckdb"
    build_store(path)
    app = create_app(Settings(path, token=TOKEN, max_body_bytes=64 * 1024))
    return schemathesis.openapi.from_asgi("/openapi.json", app)


# Operations are driven one by one with hypothesis rather than through schemathesis' pytest plugin,
# whose fixture loader reaches into pytest internals that pytest 9 no longer has.
@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE], ids=["valid", "invalid"])
def test_no_input_makes_a_server_error(api_schema: schemathesis.BaseSchema, mode: GenerationMode) -> None:
    operations = [result.ok() for result in api_schema.get_all_operations()]  # type: ignore[union-attr]
    assert len(operations) == 12
    for operation in operations:
        if mode is GenerationMode.NEGATIVE and not list(operation.iter_parameters()):
            continue  # nothing in the request to make invalid (GET /summary, /health, /vocabulary)
        check(operation, mode)


def check(operation: schemathesis.APIOperation[Any, Any, Any, Any], mode: GenerationMode) -> None:
    """Call one operation with generated requests (the token on writes); fail on any 5xx."""
    headers = AUTH if operation.method.upper() == "POST" else None

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(case=operation.as_strategy(generation_mode=mode))
    def call(case: schemathesis.Case[Any]) -> None:
        case.call_and_validate(headers=headers, checks=[not_a_server_error])

    call()
