-- A two-column unique constraint over nullable columns, and a unique index likewise; rows hold
-- NULLs there.
CREATE SCHEMA fx;
CREATE TABLE fx.orders (id integer PRIMARY KEY, coupon text, shipping_ref text, CONSTRAINT orders_coupon_shipping_key UNIQUE (coupon, shipping_ref));
CREATE UNIQUE INDEX orders_ref_coupon_idx ON fx.orders (shipping_ref, coupon);
INSERT INTO fx.orders SELECT g, CASE WHEN g % 3 = 0 THEN NULL ELSE 'c' || g END, 'r' || g FROM generate_series(1, 30) g;
-- near miss
-- NULLS NOT DISTINCT, and a partial unique index that excludes the NULLs.
CREATE SCHEMA fx;
CREATE TABLE fx.orders (id integer PRIMARY KEY, coupon text, shipping_ref text, CONSTRAINT orders_coupon_shipping_key UNIQUE NULLS NOT DISTINCT (coupon, shipping_ref));
CREATE UNIQUE INDEX orders_coupon_idx ON fx.orders (coupon) WHERE coupon IS NOT NULL;
INSERT INTO fx.orders SELECT g, CASE WHEN g % 3 = 0 THEN NULL ELSE 'c' || g END, 'r' || g FROM generate_series(1, 30) g;
