CREATE SCHEMA fx;
CREATE TABLE fx.bookings (id integer PRIMARY KEY, starts_at timestamp NOT NULL, opens time with time zone);
INSERT INTO fx.bookings SELECT g, timestamp '2025-01-01 10:00' + g * interval '1 hour', time with time zone '09:00+01' FROM generate_series(1, 10) g;
-- near miss
CREATE SCHEMA fx;
CREATE TABLE fx.bookings (id integer PRIMARY KEY, starts_at timestamptz NOT NULL, opens time);
INSERT INTO fx.bookings SELECT g, timestamptz '2025-01-01 10:00Z' + g * interval '1 hour', time '09:00' FROM generate_series(1, 10) g;
