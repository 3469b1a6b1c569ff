CREATE SCHEMA fx;
CREATE TABLE fx.events (id integer PRIMARY KEY, payload json NOT NULL);
INSERT INTO fx.events SELECT g, json_build_object('n', g) FROM generate_series(1, 10) g;
-- near miss
CREATE SCHEMA fx;
CREATE TABLE fx.events (id integer PRIMARY KEY, payload jsonb NOT NULL);
INSERT INTO fx.events SELECT g, jsonb_build_object('n', g) FROM generate_series(1, 10) g;
