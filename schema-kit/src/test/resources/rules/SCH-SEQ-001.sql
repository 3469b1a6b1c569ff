-- A serial (integer) key whose sequence has used 90% of the integer range.
CREATE SCHEMA fx;
CREATE TABLE fx.tickets (id serial PRIMARY KEY, subject text NOT NULL);
SELECT setval('fx.tickets_id_seq', 1932735283);
INSERT INTO fx.tickets (subject) SELECT 's' || g FROM generate_series(1, 20) g;
-- near miss
-- A bigserial key at the same value: far from the bigint range.
CREATE SCHEMA fx;
CREATE TABLE fx.tickets (id bigserial PRIMARY KEY, subject text NOT NULL);
SELECT setval('fx.tickets_id_seq', 1932735283);
INSERT INTO fx.tickets (subject) SELECT 's' || g FROM generate_series(1, 20) g;
