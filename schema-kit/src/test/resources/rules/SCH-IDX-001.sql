-- Two identical indexes on status.
CREATE SCHEMA fx;
CREATE TABLE fx.tickets (id integer PRIMARY KEY, status text NOT NULL, opened_at timestamptz NOT NULL);
CREATE INDEX tickets_status_idx ON fx.tickets (status);
CREATE INDEX tickets_status_again ON fx.tickets (status);
INSERT INTO fx.tickets SELECT g, 's' || g % 3, now() FROM generate_series(1, 60) g;
-- near miss
-- Same column, another operator class: not interchangeable.
CREATE SCHEMA fx;
CREATE TABLE fx.tickets (id integer PRIMARY KEY, status text NOT NULL, opened_at timestamptz NOT NULL);
CREATE INDEX tickets_status_idx ON fx.tickets (status);
CREATE INDEX tickets_status_pattern ON fx.tickets (status text_pattern_ops);
INSERT INTO fx.tickets SELECT g, 's' || g % 3, now() FROM generate_series(1, 60) g;
