-- Nested dollar quotes: the outer body holds $q$ ... $q$ and $$ ... $$.
CREATE FUNCTION app.enqueue(p_payload jsonb) RETURNS bigint
LANGUAGE plpgsql AS $fn$
DECLARE
  new_id bigint;
BEGIN
  EXECUTE $q$ SELECT 1; $q$;
  INSERT INTO app.jobs (payload) VALUES (p_payload) RETURNING id INTO new_id;
  PERFORM $$ not; the; end $$;
  RETURN new_id;
END
$fn$;

-- A SQL-standard body: semicolons inside BEGIN ATOMIC ... END.
CREATE FUNCTION app.job_count(s app.job_status) RETURNS bigint
LANGUAGE sql STABLE
BEGIN ATOMIC
  SELECT count(*) FROM app.jobs WHERE status = s;
END;

CREATE FUNCTION app.first_tags(t text[], n int) RETURNS text[]
LANGUAGE sql IMMUTABLE
BEGIN ATOMIC
  SELECT CASE WHEN n > 0 THEN t[1:n] ELSE '{}'::text[] END;
END;

CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.created_at := now();
  RETURN NEW;
END;
$$;
CREATE TRIGGER jobs_touch BEFORE INSERT ON app.jobs FOR EACH ROW EXECUTE FUNCTION app.touch();
