-- Regulated data named in compounds, abbreviations and a comment.
CREATE SCHEMA fx;
CREATE TABLE fx.members (id integer PRIMARY KEY, emailaddress text, phonenumber text, passwordhash text, dob date, contact text);
COMMENT ON COLUMN fx.members.contact IS 'The member''s e-mail address, as typed';
INSERT INTO fx.members (id, emailaddress) SELECT g, 'm' || g || '@example.org' FROM generate_series(1, 5) g;
-- near miss
-- Words that contain the terms without meaning them, a reference column and a boolean flag.
CREATE SCHEMA fx;
CREATE TABLE fx.members (id integer PRIMARY KEY, company text, secretary text, automobile text, address_id integer, email_verified boolean);
COMMENT ON COLUMN fx.members.company IS 'Trading name';
INSERT INTO fx.members (id, company) SELECT g, 'co' || g FROM generate_series(1, 5) g;
