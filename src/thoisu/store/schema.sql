-- thoisu store, schema version 1 (the baseline every migration builds on).
--
-- Ids are content-derived so that re-ingesting a page is a no-op:
--   pages.page_hash        SHA-256 of the page's raw content
--   articles.article_id    first 16 hex digits of the page hash, '-', position on the page
--   events.event_id        hash of article id, code, actors and dates
--   rejects.reject_id      hash of source, doc, position, stage, reason and page hash
-- Relations are documented rather than declared: child rows always come in the
-- same transaction as their parent, and DuckDB's foreign keys would block upserts.

CREATE TABLE meta (
    key VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);

CREATE TABLE runs (
    run_id VARCHAR PRIMARY KEY,
    started TIMESTAMP NOT NULL,
    finished TIMESTAMP,
    status VARCHAR NOT NULL,          -- running, done, failed, interrupted
    thoisu_version VARCHAR NOT NULL,
    summary VARCHAR                   -- JSON object of counts
);

CREATE TABLE pages (
    page_hash VARCHAR PRIMARY KEY,
    doc VARCHAR NOT NULL,             -- file name or JSONL id (the gold files' doc)
    url VARCHAR,
    source VARCHAR NOT NULL,          -- path, '-' or archive it was read from
    format VARCHAR NOT NULL,          -- text or html
    size INTEGER NOT NULL,            -- characters of raw content
    run_id VARCHAR,                   -- run that first stored it
    stored TIMESTAMP NOT NULL
);

CREATE TABLE articles (
    article_id VARCHAR PRIMARY KEY,
    page_hash VARCHAR NOT NULL,       -- pages.page_hash
    idx INTEGER NOT NULL,             -- position on the page
    doc VARCHAR NOT NULL,
    url VARCHAR,
    title VARCHAR,
    published DATE,
    published_first DATE,             -- bounds when only those are known
    published_last DATE,
    published_basis VARCHAR,
    outlet VARCHAR,
    authors VARCHAR[] NOT NULL,
    language VARCHAR,
    text VARCHAR NOT NULL,            -- normalised text: every span below points into it
    body VARCHAR NOT NULL,
    run_id VARCHAR,
    stored TIMESTAMP NOT NULL
);

CREATE TABLE attributions (
    article_id VARCHAR NOT NULL,
    seq INTEGER NOT NULL,             -- order of first citation
    name VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,            -- agency or official
    span_start INTEGER,
    span_end INTEGER,
    PRIMARY KEY (article_id, seq)
);

CREATE TABLE mentions (
    article_id VARCHAR NOT NULL,
    seq INTEGER NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    type VARCHAR NOT NULL,            -- PER, ORG, GPE, LOC
    actor VARCHAR,                    -- CAMEO-style actor code
    country VARCHAR,                  -- ISO 3166-1 alpha-3
    canonical VARCHAR,
    role VARCHAR,
    resolved_by VARCHAR NOT NULL,
    person_id VARCHAR,
    PRIMARY KEY (article_id, seq)
);

CREATE TABLE events (
    event_id VARCHAR PRIMARY KEY,
    article_id VARCHAR NOT NULL,
    seq INTEGER NOT NULL,             -- order in the article
    code VARCHAR NOT NULL,            -- CAMEO event code
    root VARCHAR NOT NULL,
    source VARCHAR NOT NULL,          -- country-level actor (ISO3 or IGO code)
    target VARCHAR,
    source_actor_code VARCHAR,
    target_actor_code VARCHAR,
    source_person VARCHAR,
    target_person VARCHAR,
    date_first DATE,                  -- null when the date is unresolved
    date_last DATE,
    date_basis VARCHAR NOT NULL,
    status VARCHAR NOT NULL,          -- occurred, planned, negated, hypothetical
    place VARCHAR,
    city VARCHAR,
    attribution VARCHAR,
    goldstein DOUBLE,
    quad_class INTEGER,
    plover VARCHAR,
    confidence DOUBLE NOT NULL
);

CREATE TABLE event_evidence (
    event_id VARCHAR NOT NULL,
    seq INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    sentence VARCHAR NOT NULL,
    trigger VARCHAR NOT NULL,
    PRIMARY KEY (event_id, seq)
);

CREATE TABLE rejects (
    reject_id VARCHAR PRIMARY KEY,
    doc VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    source VARCHAR NOT NULL,
    url VARCHAR,
    page_hash VARCHAR,                -- null when nothing could be read
    stage VARCHAR NOT NULL,
    reason VARCHAR NOT NULL,          -- kebab-case code: binary, too-large, not-vietnamese...
    detail VARCHAR NOT NULL,
    run_id VARCHAR,
    stored TIMESTAMP NOT NULL
);
