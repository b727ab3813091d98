-- Objects made after SET ROLE belong to that role.
SET ROLE relctl_corpus_owner;
CREATE TABLE app.owned_by_role (id int PRIMARY KEY, label text);
INSERT INTO app.owned_by_role VALUES (1, E'tab\tand \\ backslash');
