-- (status) is a leading prefix of (status, opened_at).
CREATE SCHEMA fx;
CREATE TABLE fx.tickets (id integer PRIMARY KEY, status text NOT NULL, opened_at timestamptz NOT NULL);
CREATE INDEX tickets_status_idx ON fx.tickets (status);
CREATE INDEX tickets_status_opened_idx ON fx.tickets (status, opened_at);
INSERT INTO fx.tickets SELECT g, 's' || g % 3, now() FROM generate_series(1, 60) g;
-- near miss
-- The shorter index is unique: it enforces a constraint.
CREATE SCHEMA fx;
CREATE TABLE fx.tickets (id integer PRIMARY KEY, code text NOT NULL, opened_at timestamptz NOT NULL);
CREATE UNIQUE INDEX tickets_code_key ON fx.tickets (code);
CREATE INDEX tickets_code_opened_idx ON fx.tickets (code, opened_at);
INSERT INTO fx.tickets SELECT g, 'c' || g, now() FROM generate_series(1, 60) g;
