CREATE TABLE app.jobs (
  id          bigserial PRIMARY KEY,
  "weird;name" text DEFAULT 'semi;colon',
  status      app.job_status NOT NULL DEFAULT 'queued',
  attempts    app.positive NOT NULL DEFAULT 1,
  payload     jsonb NOT NULL DEFAULT '{"a": "b;c"}',
  tags        text[] NOT NULL DEFAULT ARRAY['x;y', E'it\'s'],
  created_at  timestamptz NOT NULL DEFAULT now(),
  CONSTRAINT sane_payload CHECK (payload ? 'a' OR payload = '{}'::jsonb)
);
CREATE TABLE app.events (
  id     bigserial PRIMARY KEY,
  job_id bigint REFERENCES app.jobs (id) ON DELETE CASCADE,
  note   text
);
COMMENT ON COLUMN app.jobs."weird;name" IS 'a column; with a semicolon in its name';
