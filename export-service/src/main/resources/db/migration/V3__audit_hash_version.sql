-- Issue 12: the audit chain's hash encoding is versioned. Version 1 (every event written before this migration)
-- hashed the fields joined with U+001F, with null written as '' (so a null reason and an empty one hashed alike);
-- version 2 hashes a canonical length-prefixed encoding that tells null from '' and cannot be shifted across
-- fields. Old events keep version 1 and still verify with the encoding they were written with; ADD COLUMN with a
-- default rewrites no row (the append-only trigger is not involved).
ALTER TABLE filing_events ADD COLUMN hash_version smallint NOT NULL DEFAULT 1;
ALTER TABLE filing_events ALTER COLUMN hash_version SET DEFAULT 2;
ALTER TABLE filing_events ADD CONSTRAINT filing_events_hash_version CHECK (hash_version IN (1, 2));
