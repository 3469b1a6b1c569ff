-- The small schema the corpus statements run against: a few tables with rows, a partitioned
-- table, an enum and a domain. Every statement of the corpus names these objects.
CREATE TABLE customers (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email text NOT NULL,
    name varchar(50),
    nickname text,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE orders (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    customer_id bigint NOT NULL,
    status text NOT NULL DEFAULT 'new',
    total numeric(12, 2) NOT NULL DEFAULT 0,
    amount_cents bigint GENERATED ALWAYS AS (id * 100) STORED,
    note varchar(100),
    placed_at timestamp NOT NULL DEFAULT now()
);
CREATE INDEX orders_status_idx ON orders (status);
CREATE TABLE order_items (
    order_id bigint NOT NULL,
    product text NOT NULL,
    quantity integer NOT NULL
);
CREATE TABLE events (id bigint NOT NULL, at date NOT NULL, payload jsonb) PARTITION BY RANGE (at);
CREATE TABLE events_2024 PARTITION OF events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE events_2025 PARTITION OF events FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE events_2026 (id bigint NOT NULL, at date NOT NULL, payload jsonb);
CREATE TYPE order_state AS ENUM ('new', 'paid', 'shipped');
CREATE TABLE shipments (
    id bigint PRIMARY KEY,
    order_id bigint,
    state order_state NOT NULL DEFAULT 'new'
);
CREATE DOMAIN positive_amount AS numeric(12, 2);
CREATE TABLE refunds (id bigint PRIMARY KEY, amount positive_amount);

INSERT INTO customers (email, name, nickname)
    SELECT 'c' || g || '@example.com', 'Customer ' || g, 'nick' || g FROM generate_series(1, 200) g;
INSERT INTO orders (customer_id, status, total, note)
    SELECT 1 + g % 200, 'paid', g, 'note ' || g FROM generate_series(1, 1000) g;
INSERT INTO order_items (order_id, product, quantity)
    SELECT 1 + g % 1000, 'product ' || g, 1 + g % 5 FROM generate_series(1, 2000) g;
INSERT INTO events (id, at) SELECT g, date '2024-01-01' + (g % 700) FROM generate_series(1, 1000) g;
INSERT INTO events_2026 (id, at) SELECT g, date '2026-01-01' + (g % 300) FROM generate_series(1, 100) g;
INSERT INTO shipments (id, order_id) SELECT g, g FROM generate_series(1, 100) g;
INSERT INTO refunds (id, amount) SELECT g, g FROM generate_series(1, 50) g;
ANALYZE;
