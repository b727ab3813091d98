-- Uses the value the previous file added.
UPDATE app.jobs SET status = 'failed' WHERE id = 3;
CREATE INDEX jobs_failed ON app.jobs (created_at) WHERE status = 'failed';
