-- An index whose keys were inserted in random order and then mostly deleted: half-empty pages.
CREATE SCHEMA fx;
CREATE TABLE fx.jobs (id integer PRIMARY KEY, ref text NOT NULL) WITH (autovacuum_enabled = false);
CREATE INDEX jobs_ref_idx ON fx.jobs (ref);
INSERT INTO fx.jobs SELECT g, md5(g::text) FROM generate_series(1, 20000) g;
DELETE FROM fx.jobs WHERE id % 10 <> 0;
VACUUM fx.jobs;
ANALYZE fx.jobs;
-- near miss
CREATE SCHEMA fx;
CREATE TABLE fx.jobs (id integer PRIMARY KEY, ref text NOT NULL) WITH (autovacuum_enabled = false);
INSERT INTO fx.jobs SELECT g, md5(g::text) FROM generate_series(1, 20000) g;
CREATE INDEX jobs_ref_idx ON fx.jobs (ref);
ANALYZE fx.jobs;
