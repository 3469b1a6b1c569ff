CREATE SCHEMA fx;
CREATE TABLE fx.invoices (id integer PRIMARY KEY, total money NOT NULL, currency char(3) NOT NULL);
INSERT INTO fx.invoices SELECT g, g * 10.5, 'EUR' FROM generate_series(1, 10) g;
-- near miss
CREATE SCHEMA fx;
CREATE TABLE fx.invoices (id integer PRIMARY KEY, total numeric(19, 4) NOT NULL, currency varchar(3) NOT NULL, flag "char");
INSERT INTO fx.invoices SELECT g, g * 10.5, 'EUR', 'a' FROM generate_series(1, 10) g;
