-- warehouse_id names a table (warehouses) but no foreign key enforces it.
CREATE SCHEMA fx;
CREATE TABLE fx.warehouses (id integer PRIMARY KEY, city text NOT NULL);
CREATE TABLE fx.stock (id integer PRIMARY KEY, warehouse_id integer NOT NULL, sku text NOT NULL);
CREATE INDEX stock_warehouse_idx ON fx.stock (warehouse_id);
INSERT INTO fx.warehouses VALUES (1, 'Lyon'), (2, 'Porto');
INSERT INTO fx.stock SELECT g, 1 + g % 2, 'sku' || g FROM generate_series(1, 50) g;
-- near miss
-- The same column with its foreign key; and an inheritance child that repeats the column.
CREATE SCHEMA fx;
CREATE TABLE fx.warehouses (id integer PRIMARY KEY, city text NOT NULL);
CREATE TABLE fx.stock (id integer PRIMARY KEY, warehouse_id integer NOT NULL REFERENCES fx.warehouses (id), sku text NOT NULL);
CREATE INDEX stock_warehouse_idx ON fx.stock (warehouse_id);
INSERT INTO fx.warehouses VALUES (1, 'Lyon'), (2, 'Porto');
INSERT INTO fx.stock SELECT g, 1 + g % 2, 'sku' || g FROM generate_series(1, 50) g;
