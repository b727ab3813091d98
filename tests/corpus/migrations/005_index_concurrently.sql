CREATE INDEX CONCURRENTLY jobs_status_idx ON app.jobs (status);
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS events_job_note ON app.events (job_id, note);
