-- An order's customer_id references customers and no index leads with it.
CREATE SCHEMA fx;
CREATE TABLE fx.customers (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE fx.orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES fx.customers (id), placed_at timestamptz NOT NULL DEFAULT now());
INSERT INTO fx.customers SELECT g, 'c' || g FROM generate_series(1, 20) g;
INSERT INTO fx.orders SELECT g, 1 + g % 20, now() FROM generate_series(1, 200) g;
-- near miss
-- The only index on customer_id is partial, but its predicate (customer_id IS NOT NULL) is
-- implied by the lookup customer_id = $1, so PostgreSQL uses it for the foreign key check.
CREATE SCHEMA fx;
CREATE TABLE fx.customers (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE fx.orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES fx.customers (id), placed_at timestamptz NOT NULL DEFAULT now());
CREATE INDEX orders_customer_recent ON fx.orders (customer_id, placed_at) WHERE customer_id IS NOT NULL;
INSERT INTO fx.customers SELECT g, 'c' || g FROM generate_series(1, 20) g;
INSERT INTO fx.orders SELECT g, CASE WHEN g % 7 = 0 THEN NULL ELSE 1 + g % 20 END, now() FROM generate_series(1, 200) g;
