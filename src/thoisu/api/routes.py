"""The JSON endpoints. Each one validates its input, asks :mod:`thoisu.service`, returns a schema.

No SQL here: the service owns every query. Reads run on a read-only
connection opened for the request (:meth:`StoreAccess.reading`); the one
write endpoint, ``POST /ingest``, needs the bearer token.

No ``from __future__ import annotations`` here: FastAPI reads the parameter
annotations at run time, and some name types local to :func:`register`.
"""

import hmac
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, TypeVar

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as PathParameter
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import StringConstraints
from starlette.concurrency import run_in_threadpool

from thoisu import __version__
from thoisu.api import schemas
from thoisu.api.access import StoreAccess, Unavailable, message_of
from thoisu.api.ingest import BodyFormat, Ingestor, read_body, resolve_format
from thoisu.api.settings import MAX_OFFSET, MAX_PAGE_SIZE, Settings
from thoisu.cameo import load_cameo
from thoisu.lang.vi.gazetteer import load_gazetteer
from thoisu.model import Status
from thoisu.service import EventQuery, Period, Service

#: An actor: a country (CHN), an organisation (IGOUNO) or a finer actor code (CHNGOV); any case.
ACTOR_PATTERN = r"^[A-Za-z0-9]{3,32}$"
_DYAD_PATTERN = r"^[A-Za-z0-9]{3,32}[-,][A-Za-z0-9]{3,32}$"
_EVENT_ID_PATTERN = r"^([0-9a-fA-F]{4,15}|[0-9a-fA-F]{24})$"
_MAX_ACTORS = 20
T = TypeVar("T")

ActorCode = Annotated[str, StringConstraints(pattern=ACTOR_PATTERN)]

Responses = dict[int | str, dict[str, Any]]

_UNAVAILABLE: Responses = {
    503: {
        "model": schemas.Problem,
        "description": "The store cannot be read now: another process is ingesting into it, "
        "there is no store at the path yet, or its schema needs an upgrade.",
    }
}
_INVALID: Responses = {422: {"description": "A parameter is malformed or the filters contradict each other."}}
_READ: Responses = {**_UNAVAILABLE, **_INVALID}
_NOT_FOUND: Responses = {404: {"model": schemas.Problem, "description": "No such record in the store."}}
_AMBIGUOUS: Responses = {
    400: {"model": schemas.Problem, "description": "The id is the start of several ids."}
}


class TrendStatus(StrEnum):
    """Which events a trend counts: one factuality, or ``any``."""

    OCCURRED = "occurred"
    PLANNED = "planned"
    NEGATED = "negated"
    HYPOTHETICAL = "hypothetical"
    ANY = "any"


@dataclass(slots=True, frozen=True)
class Context:
    """What the endpoints share: the settings, the store access and the ingest runner."""

    settings: Settings
    access: StoreAccess
    ingestor: Ingestor


@contextmanager
def invalid_input() -> Iterator[None]:
    """Turn the service's ``ValueError`` (filters that cannot match anything) into a 422."""
    try:
        yield
    except ValueError as exc:
        raise HTTPException(422, str(exc)) from None


def _lookup(find: Callable[[str], T | None], identifier: str, what: str) -> T:
    """Run a service lookup: 400 on an ambiguous id, 404 when nothing matches."""
    try:
        found = find(identifier)
    except ValueError as exc:
        raise HTTPException(400, str(exc)) from None
    if found is None:
        raise HTTPException(404, f"no {what} {identifier!r} in the store")
    return found


def _event_page(service: Service, query: EventQuery) -> schemas.EventPage:
    rows = service.events(query)
    return schemas.EventPage(
        total=service.count_events(query),
        limit=query.limit or 0,
        offset=query.offset,
        events=[schemas.Event.model_validate(row) for row in rows],
    )


def _pair(dyad: str) -> tuple[str, str]:
    first, second = dyad.replace(",", "-").split("-")
    return first.upper(), second.upper()


def register(app: FastAPI, context: Context) -> None:
    """Add the JSON endpoints to ``app``."""
    bearer = HTTPBearer(auto_error=False, description="The server's write token (--token or THOISU_TOKEN).")

    def service() -> Iterator[Service]:
        with context.access.reading() as opened:
            yield opened

    def require_token(
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    ) -> None:
        expected = context.settings.token
        if expected is None:
            raise HTTPException(403, "writes are disabled: start the server with --token or THOISU_TOKEN")
        if credentials is None:
            raise HTTPException(
                401,
                "this endpoint needs the server's token: send 'Authorization: Bearer TOKEN'",
                headers={"WWW-Authenticate": "Bearer"},
            )
        if not hmac.compare_digest(credentials.credentials.encode(), expected.encode()):
            raise HTTPException(401, "wrong token", headers={"WWW-Authenticate": "Bearer"})

    Reader = Annotated[Service, Depends(service)]
    Limit = Annotated[
        int, Query(ge=1, le=MAX_PAGE_SIZE, description=f"At most this many (1-{MAX_PAGE_SIZE}).")
    ]
    Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Skip this many first.")]
    Since = Annotated[date | None, Query(description="Events whose dates reach this day or later.")]
    Until = Annotated[date | None, Query(description="Events whose dates begin on this day or earlier.")]
    Root = Annotated[str | None, Query(pattern=r"^\d{2}$", description="CAMEO root, two digits (04).")]
    Detailed = Annotated[bool, Query(description="Count finer actor codes (CHNGOV) rather than countries.")]
    First = Annotated[str, PathParameter(pattern=ACTOR_PATTERN, description="An actor (CHN, CHNGOV).")]
    Second = Annotated[str, PathParameter(pattern=ACTOR_PATTERN, description="The other actor.")]

    # ---------------------------------------------------------------- events

    @app.get("/events", summary="Search events", tags=["events"], responses=_READ)
    def search_events(
        reader: Reader,
        actor: Annotated[
            list[ActorCode] | None,
            Query(description=f"Events involving any of these actors on either side (up to {_MAX_ACTORS})."),
        ] = None,
        dyad: Annotated[
            str | None,
            Query(pattern=_DYAD_PATTERN, description="Events between two actors, either direction: CHN-PRK."),
        ] = None,
        place: Annotated[
            str | None, Query(pattern=ACTOR_PATTERN, description="Country (ISO3) where the event happened.")
        ] = None,
        since: Since = None,
        until: Until = None,
        root: Root = None,
        status: Annotated[Status | None, Query(description="Factuality.")] = None,
        min_sources: Annotated[
            int, Query(ge=0, le=1000, description="Reported by at least this many independent sources.")
        ] = 0,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> schemas.EventPage:
        """Search events (latest first): each real-world event once, however many outlets report it."""
        if actor and len(actor) > _MAX_ACTORS:
            raise HTTPException(422, f"at most {_MAX_ACTORS} actors at once")
        with invalid_input():
            query = EventQuery(
                actors=tuple(code.upper() for code in actor or ()),
                dyad=_pair(dyad) if dyad else None,
                since=since,
                until=until,
                root=root,
                status=status,
                place=place.upper() if place else None,
                min_sources=min_sources,
                limit=limit,
                offset=offset,
            )
        return _event_page(reader, query)

    @app.get(
        "/events/{event_id}",
        summary="An event with its provenance",
        tags=["events"],
        responses={**_READ, **_NOT_FOUND, **_AMBIGUOUS},
    )
    def event(
        reader: Reader,
        event_id: Annotated[
            str,
            PathParameter(
                pattern=_EVENT_ID_PATTERN,
                description="An event id (15 hex digits) or its first digits (4 or more), "
                "or the id of one of its reports (24 hex digits).",
            ),
        ],
    ) -> schemas.EventDetail:
        """An event with its provenance: every report, the outlets, the sentences with their spans."""
        detail = _lookup(reader.event, event_id, "event")
        return schemas.EventDetail.model_validate(detail)

    # ---------------------------------------------------------------- dyads and actors

    @app.get("/dyads/{first}/{second}/timeline", summary="A dyad's timeline", tags=["dyads"], responses=_READ)
    def timeline(
        reader: Reader,
        first: First,
        second: Second,
        since: Since = None,
        until: Until = None,
        status: Annotated[Status | None, Query(description="Factuality (default: all).")] = None,
        limit: Limit = MAX_PAGE_SIZE,
        offset: Offset = 0,
    ) -> schemas.Timeline:
        """The events between two actors, in either direction, oldest first (undated last)."""
        pair = (first.upper(), second.upper())
        with invalid_input():
            rows = reader.timeline(*pair, since=since, until=until, status=status, limit=limit, offset=offset)
            total = reader.count_events(EventQuery(dyad=pair, since=since, until=until, status=status))
        return schemas.Timeline(
            first=pair[0],
            second=pair[1],
            total=total,
            limit=limit,
            offset=offset,
            events=[schemas.Event.model_validate(row) for row in rows],
        )

    @app.get(
        "/dyads/{first}/{second}/trend", summary="A dyad's trend by period", tags=["dyads"], responses=_READ
    )
    def trend(
        reader: Reader,
        first: First,
        second: Second,
        by: Annotated[Period, Query(description="Length of each period.")] = Period.MONTH,
        since: Since = None,
        until: Until = None,
        status: Annotated[
            TrendStatus, Query(description="Events counted: one factuality, or any (default: occurred).")
        ] = TrendStatus.OCCURRED,
    ) -> schemas.Trend:
        """Events and Goldstein sums of a dyad per period (each event once): a relation over time."""
        pair = (first.upper(), second.upper())
        counted = None if status is TrendStatus.ANY else Status(status.value)
        with invalid_input():
            points = reader.trend(*pair, by=by, since=since, until=until, status=counted)
        return schemas.Trend(
            first=pair[0],
            second=pair[1],
            by=by.value,
            status=status.value,
            points=[schemas.TrendPoint.model_validate(point) for point in points],
        )

    @app.get("/actors", summary="Top actors", tags=["actors"], responses=_READ)
    def actors(
        reader: Reader,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="How many actors.")] = 20,
        since: Since = None,
        until: Until = None,
        root: Root = None,
        detailed: Detailed = False,
    ) -> schemas.Actors:
        """The actors in most events, on either side."""
        with invalid_input():
            rows = reader.top_actors(limit=limit, since=since, until=until, root=root, detailed=detailed)
        return schemas.Actors(actors=[schemas.ActorCount.model_validate(row) for row in rows])

    @app.get("/network", summary="The actor network", tags=["actors"], responses=_READ)
    def network(
        reader: Reader,
        nodes: Annotated[
            int, Query(ge=2, le=200, description="How many actors (those in most events).")
        ] = 30,
        edges: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE, description="At most this many pairs.")] = 150,
        since: Since = None,
        until: Until = None,
        root: Root = None,
        status: Annotated[Status | None, Query(description="Factuality (default: all).")] = None,
        detailed: Detailed = False,
    ) -> schemas.Network:
        """The actor network: the actors in most events and the pairs among them, by events."""
        with invalid_input():
            top = reader.top_actors(limit=nodes, since=since, until=until, root=root, detailed=detailed)
            names = {row.actor for row in top}
            pairs = reader.dyads(
                limit=MAX_PAGE_SIZE * 4, since=since, until=until, root=root, status=status, detailed=detailed
            )
        kept = [pair for pair in pairs if pair.first in names and pair.second in names][:edges]
        return schemas.Network(
            nodes=[schemas.ActorCount.model_validate(row) for row in top],
            edges=[schemas.DyadCount.model_validate(pair) for pair in kept],
        )

    # ---------------------------------------------------------------- articles

    @app.get("/articles", summary="List articles", tags=["articles"], responses=_READ)
    def articles(
        reader: Reader,
        outlet: Annotated[
            str | None, Query(min_length=1, max_length=200, description="Only this outlet's articles.")
        ] = None,
        limit: Limit = 50,
        offset: Offset = 0,
    ) -> schemas.ArticlePage:
        """Stored articles, latest published first, with how many events each reports."""
        rows = reader.articles(outlet=outlet, limit=limit, offset=offset)
        return schemas.ArticlePage(
            total=reader.count_articles(outlet=outlet),
            limit=limit,
            offset=offset,
            articles=[schemas.ArticleSummary.model_validate(row) for row in rows],
        )

    @app.get(
        "/articles/{identifier:path}",
        summary="An article with its entities, reports and events",
        tags=["articles"],
        responses={**_READ, **_NOT_FOUND, **_AMBIGUOUS},
    )
    def article(
        reader: Reader,
        identifier: Annotated[
            str,
            PathParameter(
                min_length=1,
                max_length=512,
                description="An article id, its first characters, or a page's doc name.",
            ),
        ],
        text: Annotated[
            bool, Query(description="Include the normalised text and the body paragraphs' spans in it.")
        ] = False,
    ) -> schemas.ArticleDetail:
        """An article with its entities, its reports of events (with evidence), the events, its copies."""
        detail = _lookup(reader.article, identifier, "article")
        result = schemas.ArticleDetail.model_validate(detail)
        if text:
            body = reader.article_text(detail.article.article_id)
            if body is not None:
                result.text = schemas.ArticleText.model_validate(body)
        return result

    # ---------------------------------------------------------------- store-wide

    @app.get("/summary", summary="What the store holds", tags=["store"], responses=_UNAVAILABLE)
    def summary(reader: Reader) -> schemas.Summary:
        """What the store holds: counts, event dates, events per root, rejections per reason."""
        return schemas.Summary.model_validate(reader.summary())

    @app.get("/health", summary="Health", tags=["store"])
    def health() -> schemas.Health:
        """Whether the server is up (always 200) and whether its store can be read now."""
        try:
            with context.access.reading(wait=0.5) as reader:
                state = reader.summary()
            database = schemas.DatabaseState(
                available=True, schema_version=state.schema_version, events=state.events
            )
        except Unavailable as exc:
            database = schemas.DatabaseState(available=False, detail=message_of(exc))
        return schemas.Health(
            status="ok" if database.available else "degraded",
            version=__version__,
            database=database,
            writes_enabled=context.settings.token is not None,
        )

    @app.get("/vocabulary", summary="Display names of codes", tags=["store"])
    def vocabulary() -> schemas.Vocabulary:
        """English and Vietnamese names of countries and organisations, and CAMEO labels, for display."""
        gazetteer = load_gazetteer()
        countries = {
            country.cameo: schemas.Name(en=country.name_en, vi=country.names[0] if country.names else None)
            for country in gazetteer.countries
        }
        organizations: dict[str, schemas.Name] = {}
        for organization in gazetteer.organizations:
            if organization.country is not None:
                continue  # RUSBUS is any Russian business, not Rosneft: named from its country and role
            organizations.setdefault(
                organization.actor,
                schemas.Name(
                    en=organization.canonical, vi=organization.names[0] if organization.names else None
                ),
            )
        table = load_cameo()
        cameo = {
            code: schemas.CameoEntry(
                label=entry.label, goldstein=entry.goldstein, quad_class=entry.quad_class, plover=entry.plover
            )
            for code in table
            for entry in [table.entry(code)]
        }
        return schemas.Vocabulary(countries=countries, organizations=organizations, cameo=cameo)

    # ---------------------------------------------------------------- writes

    @app.post(
        "/ingest",
        summary="Ingest pages (needs the token)",
        tags=["ingest"],
        dependencies=[Depends(require_token)],
        responses={
            **_UNAVAILABLE,
            400: {"model": schemas.Problem, "description": "The body is empty."},
            401: {"model": schemas.Problem, "description": "No token, or the wrong one."},
            403: {"model": schemas.Problem, "description": "The server was started without a token."},
            413: {"model": schemas.Problem, "description": "The body is larger than the server's limit."},
            422: _INVALID[422],
        },
        openapi_extra={
            "requestBody": {
                "required": True,
                "description": "One page (plain text or HTML), or JSON Lines rows "
                '{"id": ..., "url": ..., "text" | "html": ...}.',
                "content": {
                    "text/plain": {"schema": {"type": "string"}},
                    "text/html": {"schema": {"type": "string"}},
                    "application/x-ndjson": {"schema": {"type": "string"}},
                },
            }
        },
    )
    async def ingest(
        request: Request,
        body_format: Annotated[
            BodyFormat,
            Query(
                alias="format",
                description="How to read the body; auto: by Content-Type, JSON Lines when the body starts "
                "with '{', else one page (HTML sniffed).",
            ),
        ] = BodyFormat.AUTO,
        doc: Annotated[
            str | None,
            Query(
                min_length=1,
                max_length=200,
                pattern=r"^[^\x00-\x1f\x7f]+$",
                description="Name of a single page (default: api- and its content hash); for JSON Lines, "
                "the name of rows without an id.",
            ),
        ] = None,
        url: Annotated[
            str | None, Query(max_length=2048, pattern=r"^https?://\S+$", description="URL of a single page.")
        ] = None,
    ) -> schemas.IngestReport:
        """Run the pipeline on the pages in the body and store what it finds (needs the token).

        Pages already stored are skipped (ids are content hashes), so posting twice is harmless.
        Pages that cannot be used are recorded as rejections with their reason, and listed.
        """
        body = await request.body()
        if not body.strip():
            raise HTTPException(400, "the body is empty: send a page (text or HTML) or JSON Lines rows")
        chosen = resolve_format(body_format, request.headers.get("content-type"), body)
        return await run_in_threadpool(context.ingestor.ingest, read_body(body, chosen, doc, url))
