-- The bot's own tables, in each environment's database (staging, prod).
-- relctl promote applies this from the release tag's tree and records it in
-- relctl.schema_history; never edit it once applied: add 0002_... instead.
CREATE SCHEMA bot;

-- What the schema guard compares with SCHEMA_VERSION in the release.
CREATE TABLE bot.schema_version (version text NOT NULL);
INSERT INTO bot.schema_version VALUES ('1.0.0');

CREATE TABLE bot.questions (
  id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  asked_at  timestamptz NOT NULL DEFAULT now(),
  asked_by  text NOT NULL,
  question  text NOT NULL,
  answered  boolean NOT NULL DEFAULT false
);
