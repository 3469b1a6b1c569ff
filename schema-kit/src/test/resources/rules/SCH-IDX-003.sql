-- An index never scanned (the test accepts counters of any age for this fixture).
CREATE SCHEMA fx;
CREATE TABLE fx.tickets (id integer PRIMARY KEY, status text NOT NULL, opened_at timestamptz NOT NULL);
CREATE INDEX tickets_opened_idx ON fx.tickets (opened_at);
INSERT INTO fx.tickets SELECT g, 's' || g % 3, now() FROM generate_series(1, 60) g;
-- near miss
-- The same index, scanned (the test scans every index of a near-miss fixture once).
CREATE SCHEMA fx;
CREATE TABLE fx.tickets (id integer PRIMARY KEY, status text NOT NULL, opened_at timestamptz NOT NULL);
CREATE INDEX tickets_opened_idx ON fx.tickets (opened_at);
INSERT INTO fx.tickets SELECT g, 's' || g % 3, now() FROM generate_series(1, 60) g;
