-- An integer column references a bigint key.
CREATE SCHEMA fx;
CREATE TABLE fx.accounts (id bigint PRIMARY KEY, owner text NOT NULL);
CREATE TABLE fx.entries (id bigint PRIMARY KEY, account_id integer NOT NULL REFERENCES fx.accounts (id), amount numeric(12, 2) NOT NULL);
CREATE INDEX entries_account_idx ON fx.entries (account_id);
INSERT INTO fx.accounts SELECT g, 'o' || g FROM generate_series(1, 10) g;
INSERT INTO fx.entries SELECT g, 1 + g % 10, g FROM generate_series(1, 100) g;
-- near miss
-- The same foreign key with matching types.
CREATE SCHEMA fx;
CREATE TABLE fx.accounts (id bigint PRIMARY KEY, owner text NOT NULL);
CREATE TABLE fx.entries (id bigint PRIMARY KEY, account_id bigint NOT NULL REFERENCES fx.accounts (id), amount numeric(12, 2) NOT NULL);
CREATE INDEX entries_account_idx ON fx.entries (account_id);
INSERT INTO fx.accounts SELECT g, 'o' || g FROM generate_series(1, 10) g;
INSERT INTO fx.entries SELECT g, 1 + g % 10, g FROM generate_series(1, 100) g;
