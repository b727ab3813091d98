-- relctl: no-transaction
CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;
DO $body$ BEGIN RAISE NOTICE 'a;b'; END $body$;
SELECT E'it\'s;', "semi;colon", $$ $x$ ; $$ /* nested /* ; */ */;
COMMIT; /* unterminated
