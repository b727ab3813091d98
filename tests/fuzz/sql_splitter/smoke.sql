-- relctl's pg.smoke runs this after the migrations, in a transaction it
-- rolls back: any error fails the promotion.
SELECT count(*) FROM bot.questions;
INSERT INTO bot.questions (asked_by, question) VALUES ('smoke', 'who won season 1?');
SELECT version FROM bot.schema_version WHERE version <> '';
