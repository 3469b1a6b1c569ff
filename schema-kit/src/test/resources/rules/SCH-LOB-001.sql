-- Five document and binary columns.
CREATE SCHEMA fx;
CREATE TABLE fx.documents (id integer PRIMARY KEY, body jsonb, raw bytea, meta jsonb, layout xml, thumbnail bytea);
INSERT INTO fx.documents (id) SELECT g FROM generate_series(1, 5) g;
-- near miss
-- Four, and text columns (ordinary strings on PostgreSQL).
CREATE SCHEMA fx;
CREATE TABLE fx.documents (id integer PRIMARY KEY, body jsonb, raw bytea, meta jsonb, layout xml, notes text, summary text);
INSERT INTO fx.documents (id) SELECT g FROM generate_series(1, 5) g;
