"""What a running API needs to know: the store, the write token, its limits."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: Environment variable holding the token that write endpoints require.
TOKEN_VARIABLE = "THOISU_TOKEN"
#: Largest request body accepted (an ingest of pages); larger ones get 413.
DEFAULT_MAX_BODY = 5 * 1024 * 1024
#: Largest page size the API serves in one response.
MAX_PAGE_SIZE = 500
#: Largest offset accepted (DuckDB offsets are 64-bit; nobody pages this far in a browser).
MAX_OFFSET = 10_000_000


@dataclass(slots=True, frozen=True)
class Settings:
    """Configuration of one application.

    Attributes:
        db: The DuckDB store the API reads (and ingests into).
        token: Bearer token of the write endpoints; None disables writes.
        max_body_bytes: Largest request body accepted.
        read_wait_seconds: How long a read waits for an in-process ingest to release the file
            before answering 503.
        write_wait_seconds: How long an ingest waits for the previous one (or for reads in flight).
    """

    db: Path
    token: str | None = None
    max_body_bytes: int = DEFAULT_MAX_BODY
    read_wait_seconds: float = 10.0
    write_wait_seconds: float = 120.0

    def __post_init__(self) -> None:
        if self.max_body_bytes <= 0:
            raise ValueError(f"the body size limit must be positive, not {self.max_body_bytes}")
        if self.token is not None and not self.token.strip():
            raise ValueError("an empty token would let anyone write; leave it unset to disable writes")
