-- thoisu store, schema version 2: copies of articles and fused events.
--
-- An article-level event (a row of `events`) is one report of a real-world event; the
-- real-world event is a row of `fused_events`, and `events.fused_id` links each report to it
-- (GDELT calls the reports "mentions"). Ids stay content-derived:
--   fused_events.fused_id  15 hex digits of a hash of the founding report's event_id
--   fused_events.gid       the same number as a BIGINT (the key, and GDELT's GlobalEventID)
-- Rows of every table below are written in the same transaction as the articles they
-- come from, so a reader never sees an article without its links.

ALTER TABLE events ADD COLUMN fused_id VARCHAR;           -- fused_events.fused_id
ALTER TABLE event_evidence ADD COLUMN sentence_no INTEGER; -- 0-based position of the sentence in the article
ALTER TABLE event_evidence ADD COLUMN source_offset INTEGER; -- where the source actor is named (text offset)
ALTER TABLE event_evidence ADD COLUMN target_offset INTEGER;

-- MinHash fingerprint of every article body long enough to have one (see thoisu.dedup).
CREATE TABLE article_fingerprints (
    article_id VARCHAR PRIMARY KEY,
    body_hash VARCHAR NOT NULL,       -- SHA-256 of the normalised words: equal for exact copies
    shingles INTEGER NOT NULL,
    signature BLOB NOT NULL,          -- num_perm little-endian uint32 hash values
    original_id VARCHAR NOT NULL      -- first stored article of its copy cluster (itself for an original)
);

-- LSH band keys of the fingerprints: articles sharing a key are copy candidates.
CREATE TABLE article_bands (
    band_key BIGINT NOT NULL,
    article_id VARCHAR NOT NULL
);
CREATE INDEX article_bands_key ON article_bands (band_key);

-- Copies (wire copies across outlets, re-crawls) linked to their original; never deleted.
CREATE TABLE article_copies (
    article_id VARCHAR PRIMARY KEY,
    original_id VARCHAR NOT NULL,
    similar_to VARCHAR NOT NULL,      -- the stored article it matched (the original or another copy)
    similarity DOUBLE NOT NULL,       -- estimated Jaccard similarity of the bodies' shingles
    method VARCHAR NOT NULL,          -- exact (same words) or near (MinHash)
    stored TIMESTAMP NOT NULL
);

CREATE TABLE fused_events (
    gid BIGINT PRIMARY KEY,
    fused_id VARCHAR NOT NULL,
    family VARCHAR NOT NULL,          -- code family (root; 04v visits, 057 signings apart)
    dyad VARCHAR NOT NULL,            -- the two country-level actors, sorted, 'A|B'
    code VARCHAR NOT NULL,            -- consensus of the reports (most independent sources)
    root VARCHAR NOT NULL,
    source VARCHAR NOT NULL,
    target VARCHAR,
    source_actor_code VARCHAR,
    target_actor_code VARCHAR,
    source_person VARCHAR,
    target_person VARCHAR,
    date_first DATE,
    date_last DATE,
    date_basis VARCHAR,
    date_disputed BOOLEAN NOT NULL,   -- some source gives a date that contradicts date_first..date_last
    date_alternatives VARCHAR NOT NULL, -- JSON [{value, outlets, groups, conflicts}]
    status VARCHAR NOT NULL,
    place VARCHAR,
    city VARCHAR,
    place_alternatives VARCHAR NOT NULL, -- JSON, as date_alternatives
    goldstein DOUBLE,
    quad_class INTEGER,
    plover VARCHAR,
    confidence DOUBLE NOT NULL,       -- grows with independent sources
    mentions INTEGER NOT NULL,        -- reports (article-level events)
    articles INTEGER NOT NULL,
    sources INTEGER NOT NULL,         -- distinct outlets
    independent INTEGER NOT NULL,     -- distinct copy clusters: wire copies count once
    first_reported DATE,              -- earliest publication day of its articles
    first_stored TIMESTAMP NOT NULL,
    updated TIMESTAMP NOT NULL,
    headline VARCHAR NOT NULL,        -- events.event_id of the report shown in lists
    headline_sentence VARCHAR,        -- its first evidence sentence, trigger and their offsets
    headline_trigger VARCHAR,         -- (copied here so lists and timelines need no join)
    headline_sentence_start INTEGER,
    headline_trigger_start INTEGER,
    headline_sentence_no INTEGER,
    outlets VARCHAR[] NOT NULL,
    attributions VARCHAR[] NOT NULL,
    reports VARCHAR NOT NULL          -- JSON: the reports, fusion's working state
);

-- Candidate lookup for fusion: (country pair, family, status, week) keys of every fused event.
-- The writer keeps a filter of these keys in memory and asks the index only about keys it holds.
CREATE TABLE fused_blocks (
    block BIGINT NOT NULL,
    gid BIGINT NOT NULL
);
CREATE INDEX fused_blocks_block ON fused_blocks (block);
