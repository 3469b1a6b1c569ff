-- An index left invalid, as a failed CREATE INDEX CONCURRENTLY leaves it.
CREATE SCHEMA fx;
CREATE TABLE fx.tags (id integer PRIMARY KEY, label text NOT NULL);
INSERT INTO fx.tags SELECT g, 'l' || g FROM generate_series(1, 30) g;
CREATE INDEX tags_label_idx ON fx.tags (label);
UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'fx.tags_label_idx'::regclass;
-- near miss
CREATE SCHEMA fx;
CREATE TABLE fx.tags (id integer PRIMARY KEY, label text NOT NULL);
INSERT INTO fx.tags SELECT g, 'l' || g FROM generate_series(1, 30) g;
CREATE INDEX tags_label_idx ON fx.tags (label);
