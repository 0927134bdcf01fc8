-- Schema step 4: attributions, mentions and event_evidence lose their primary keys.
--
-- Their rows are numbered (seq) inside an article or event and are written only with an article
-- that is not stored yet, in the same transaction, so the article's key already makes them unique.
-- The composite keys only cost an index entry per row on every insert (mentions are the largest
-- table), and no read uses them: lookups filter on article_id or event_id, which a composite key
-- does not serve. DuckDB cannot drop a key, so each table is rebuilt, same columns in the same
-- order, rows copied unchanged.

CREATE TABLE attributions_v4 (
    article_id VARCHAR NOT NULL,
    seq INTEGER NOT NULL,             -- order of first citation
    name VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,            -- agency or official
    span_start INTEGER,
    span_end INTEGER
);
INSERT INTO attributions_v4 SELECT * FROM attributions;
DROP TABLE attributions;
ALTER TABLE attributions_v4 RENAME TO attributions;

CREATE TABLE mentions_v4 (
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
    person_id VARCHAR
);
INSERT INTO mentions_v4 SELECT * FROM mentions;
DROP TABLE mentions;
ALTER TABLE mentions_v4 RENAME TO mentions;

CREATE TABLE event_evidence_v4 (
    event_id VARCHAR NOT NULL,
    seq INTEGER NOT NULL,
    sentence_start INTEGER NOT NULL,
    sentence_end INTEGER NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    sentence VARCHAR NOT NULL,
    trigger VARCHAR NOT NULL,
    sentence_no INTEGER,              -- 0-based position of the sentence in the article
    source_offset INTEGER,            -- where the source actor is named (text offset)
    target_offset INTEGER
);
INSERT INTO event_evidence_v4 SELECT * FROM event_evidence;
DROP TABLE event_evidence;
ALTER TABLE event_evidence_v4 RENAME TO event_evidence;
