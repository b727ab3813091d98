CREATE PROCEDURE app.archive_done(batch int) LANGUAGE plpgsql AS $proc$
BEGIN
  LOOP
    DELETE FROM app.events WHERE id IN (
      SELECT e.id FROM app.events e JOIN app.jobs j ON j.id = e.job_id
      WHERE j.status = 'done' LIMIT batch);
    EXIT WHEN NOT FOUND;
    COMMIT;
  END LOOP;
END
$proc$;
