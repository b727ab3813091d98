DO $do$
BEGIN
  INSERT INTO app.events (job_id, note) VALUES (2, 'from a DO block; committed');
  COMMIT;
END
$do$;
VACUUM (ANALYZE) app.events;
