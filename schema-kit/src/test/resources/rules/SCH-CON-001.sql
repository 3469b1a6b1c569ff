-- A foreign key and a check added NOT VALID and never validated.
CREATE SCHEMA fx;
CREATE TABLE fx.teams (id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE fx.players (id integer PRIMARY KEY, team_id integer NOT NULL, age integer NOT NULL);
CREATE INDEX players_team_idx ON fx.players (team_id);
INSERT INTO fx.teams VALUES (1, 'a'), (2, 'b');
INSERT INTO fx.players SELECT g, 1 + g % 2, 18 + g % 20 FROM generate_series(1, 40) g;
ALTER TABLE fx.players ADD CONSTRAINT players_team_fkey FOREIGN KEY (team_id) REFERENCES fx.teams (id) NOT VALID;
ALTER TABLE fx.players ADD CONSTRAINT players_age_check CHECK (age >= 16) NOT VALID;
-- near miss
-- The same constraints, validated afterwards.
CREATE SCHEMA fx;
CREATE TABLE fx.teams (id integer PRIMARY KEY, name text NOT NULL);
CREATE TABLE fx.players (id integer PRIMARY KEY, team_id integer NOT NULL, age integer NOT NULL);
CREATE INDEX players_team_idx ON fx.players (team_id);
INSERT INTO fx.teams VALUES (1, 'a'), (2, 'b');
INSERT INTO fx.players SELECT g, 1 + g % 2, 18 + g % 20 FROM generate_series(1, 40) g;
ALTER TABLE fx.players ADD CONSTRAINT players_team_fkey FOREIGN KEY (team_id) REFERENCES fx.teams (id) NOT VALID;
ALTER TABLE fx.players ADD CONSTRAINT players_age_check CHECK (age >= 16) NOT VALID;
ALTER TABLE fx.players VALIDATE CONSTRAINT players_team_fkey;
ALTER TABLE fx.players VALIDATE CONSTRAINT players_age_check;
