/* Schema, types and grants.
   /* A nested comment; with a semicolon */ still the outer comment; */
CREATE SCHEMA app;
COMMENT ON SCHEMA app IS E'Application tables;\nsee the runbook''s "schema" section';
CREATE TYPE app.job_status AS ENUM ('queued', 'running', 'done');
CREATE DOMAIN app.positive AS integer CHECK (VALUE > 0); -- a comment; after a statement
GRANT USAGE, CREATE ON SCHEMA app TO relctl_corpus_owner;
