ALTER TYPE app.job_status ADD VALUE IF NOT EXISTS 'failed' AFTER 'running';
