-- An integer key the application assigns, with values past 90% of the integer range; a foreign
-- key refers to it (the fix widens both).
CREATE SCHEMA fx;
CREATE TABLE fx.devices (id integer PRIMARY KEY, label text NOT NULL);
CREATE TABLE fx.pings (id bigint PRIMARY KEY, device_id integer NOT NULL REFERENCES fx.devices (id));
CREATE INDEX pings_device_idx ON fx.pings (device_id);
INSERT INTO fx.devices SELECT 2000000000 + g, 'd' || g FROM generate_series(1, 300) g;
INSERT INTO fx.pings SELECT g, 2000000000 + 1 + g % 300 FROM generate_series(1, 300) g;
ANALYZE fx.devices;
-- near miss
-- The same key with small values.
CREATE SCHEMA fx;
CREATE TABLE fx.devices (id integer PRIMARY KEY, label text NOT NULL);
INSERT INTO fx.devices SELECT g, 'd' || g FROM generate_series(1, 300) g;
ANALYZE fx.devices;
