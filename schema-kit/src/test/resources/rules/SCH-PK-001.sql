-- Four families without a primary key, each with rows: a plain table, a partitioned table and
-- its partitions (reported once, on the parent), an old-style inheritance family (once, on the
-- parent), and an inheritance parent with a key whose child has none (the key is not inherited).
CREATE SCHEMA fx;
CREATE TABLE fx.event_log (happened_at timestamptz NOT NULL, message text);
INSERT INTO fx.event_log SELECT now() - g * interval '1 minute', 'm' || g FROM generate_series(1, 30) g;
CREATE TABLE fx.readings (taken_at timestamptz NOT NULL, sensor text NOT NULL, value numeric) PARTITION BY RANGE (taken_at);
CREATE TABLE fx.readings_2024 PARTITION OF fx.readings FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE fx.readings_2025 PARTITION OF fx.readings FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
INSERT INTO fx.readings SELECT timestamptz '2024-06-01' + g * interval '3 days', 's' || g % 4, g FROM generate_series(1, 150) g;
CREATE TABLE fx.audit (at timestamptz NOT NULL, what text);
CREATE TABLE fx.audit_2024 (CHECK (at < '2025-01-01')) INHERITS (fx.audit);
CREATE TABLE fx.audit_2025 (CHECK (at >= '2025-01-01')) INHERITS (fx.audit);
INSERT INTO fx.audit VALUES (now(), 'parent row');
INSERT INTO fx.audit_2024 SELECT timestamptz '2024-03-01' + g * interval '1 day', 'x' || g FROM generate_series(1, 40) g;
INSERT INTO fx.audit_2025 SELECT timestamptz '2025-03-01' + g * interval '1 day', 'y' || g FROM generate_series(1, 40) g;
CREATE TABLE fx.notes (id bigserial PRIMARY KEY, body text);
CREATE TABLE fx.notes_archived () INHERITS (fx.notes);
INSERT INTO fx.notes (body) SELECT 'n' || g FROM generate_series(1, 10) g;
INSERT INTO fx.notes_archived (body) SELECT 'a' || g FROM generate_series(1, 10) g;
-- near miss
-- Keys everywhere: the partitions have the parent's, the inheritance child its own.
CREATE SCHEMA fx;
CREATE TABLE fx.event_log (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, happened_at timestamptz NOT NULL, message text);
INSERT INTO fx.event_log (happened_at, message) SELECT now(), 'm' || g FROM generate_series(1, 30) g;
CREATE TABLE fx.readings (taken_at timestamptz NOT NULL, sensor text NOT NULL, value numeric, PRIMARY KEY (sensor, taken_at)) PARTITION BY RANGE (taken_at);
CREATE TABLE fx.readings_2024 PARTITION OF fx.readings FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
INSERT INTO fx.readings SELECT timestamptz '2024-06-01' + g * interval '1 day', 's' || g % 4, g FROM generate_series(1, 150) g;
CREATE TABLE fx.notes (id bigserial PRIMARY KEY, body text);
CREATE TABLE fx.notes_archived (PRIMARY KEY (id)) INHERITS (fx.notes);
INSERT INTO fx.notes_archived (body) SELECT 'a' || g FROM generate_series(1, 10) g;
