-- Without a primary key and with the default replica identity, or with replica identity nothing.
CREATE SCHEMA fx;
CREATE TABLE fx.clicks (at timestamptz NOT NULL, url text NOT NULL);
INSERT INTO fx.clicks SELECT now(), 'u' || g FROM generate_series(1, 20) g;
CREATE TABLE fx.sessions (id integer PRIMARY KEY, started_at timestamptz NOT NULL);
ALTER TABLE fx.sessions REPLICA IDENTITY NOTHING;
INSERT INTO fx.sessions SELECT g, now() FROM generate_series(1, 20) g;
-- near miss
-- No primary key, but REPLICA IDENTITY FULL keys the rows.
CREATE SCHEMA fx;
CREATE TABLE fx.clicks (at timestamptz NOT NULL, url text NOT NULL);
ALTER TABLE fx.clicks REPLICA IDENTITY FULL;
INSERT INTO fx.clicks SELECT now(), 'u' || g FROM generate_series(1, 20) g;
CREATE TABLE fx.sessions (id integer PRIMARY KEY, started_at timestamptz NOT NULL);
INSERT INTO fx.sessions SELECT g, now() FROM generate_series(1, 20) g;
