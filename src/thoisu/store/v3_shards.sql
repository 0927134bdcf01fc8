-- Schema step 3: the ledger of committed shards, which lets a killed batch run resume.
-- A shard id is a digest of what the shard reads (see thoisu.execute.shards); a row here means
-- every article of the shard was written before the row was.
CREATE TABLE shards (
    shard_id VARCHAR PRIMARY KEY,
    label VARCHAR NOT NULL,           -- first and last page of the shard, or the archive's name
    pages INTEGER NOT NULL,
    articles INTEGER NOT NULL,
    rejects INTEGER NOT NULL,
    events INTEGER NOT NULL,
    run_id VARCHAR,                   -- the run that committed it
    committed TIMESTAMP NOT NULL
);
