-- 90% of the rows deleted and not vacuumed: the pages stay, the estimate sees the waste.
CREATE SCHEMA fx;
CREATE TABLE fx.jobs (id integer PRIMARY KEY, payload text NOT NULL) WITH (autovacuum_enabled = false);
INSERT INTO fx.jobs SELECT g, repeat('x', 200) FROM generate_series(1, 20000) g;
DELETE FROM fx.jobs WHERE id % 10 <> 0;
ANALYZE fx.jobs;
-- near miss
CREATE SCHEMA fx;
CREATE TABLE fx.jobs (id integer PRIMARY KEY, payload text NOT NULL) WITH (autovacuum_enabled = false);
INSERT INTO fx.jobs SELECT g, repeat('x', 200) FROM generate_series(1, 20000) g;
ANALYZE fx.jobs;
