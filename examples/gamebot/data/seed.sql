-- Builds the example's SQLite snapshot: a small survivor warehouse with four
-- related tables, a few thousand rows, and the record of the ingestion run
-- that filled it. Deterministic: the same script always gives the same
-- bytes. Used by scripts/example.sh (sqlite3 data/gamebot.sqlite < seed.sql).
PRAGMA foreign_keys = ON;

CREATE TABLE seasons (
  season_id   INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  location    TEXT NOT NULL,
  premiered   TEXT NOT NULL
);
CREATE TABLE castaways (
  castaway_id TEXT PRIMARY KEY,
  full_name   TEXT NOT NULL,
  season_id   INTEGER NOT NULL REFERENCES seasons(season_id),
  age         INTEGER,
  result      TEXT NOT NULL
);
CREATE TABLE episodes (
  episode_id  INTEGER PRIMARY KEY,
  season_id   INTEGER NOT NULL REFERENCES seasons(season_id),
  number      INTEGER NOT NULL,
  title       TEXT NOT NULL,
  viewers_m   REAL
);
-- What relctl's manifest reads ingestion_run_id and upstream_version from.
CREATE TABLE ingestion_runs (
  run_id      TEXT PRIMARY KEY,
  upstream    TEXT NOT NULL,
  finished_at TEXT NOT NULL
);
CREATE TABLE votes (
  vote_id     INTEGER PRIMARY KEY,
  episode_id  INTEGER NOT NULL REFERENCES episodes(episode_id),
  castaway_id TEXT NOT NULL REFERENCES castaways(castaway_id),
  voted_for   TEXT NOT NULL REFERENCES castaways(castaway_id)
);

WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < 45)
INSERT INTO seasons
SELECT n, 'Season ' || n,
       CASE n % 5 WHEN 0 THEN 'Fiji' WHEN 1 THEN 'Samoa' WHEN 2 THEN 'Panama'
                  WHEN 3 THEN 'Philippines' ELSE 'Cook Islands' END,
       date('2000-05-31', '+' || ((n - 1) * 182) || ' days')
FROM s;

WITH RECURSIVE c(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM c WHERE n < 45 * 18 - 1)
INSERT INTO castaways
SELECT printf('US%04d', n + 1), 'Castaway ' || (n + 1), n / 18 + 1, 21 + (n * 7) % 40,
       CASE WHEN n % 18 = 17 THEN 'Sole Survivor' WHEN n % 18 >= 15 THEN 'Finalist'
            ELSE 'Voted out' END
FROM c;

WITH RECURSIVE e(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM e WHERE n < 45 * 14 - 1)
INSERT INTO episodes
SELECT n + 1, n / 14 + 1, n % 14 + 1, 'Episode ' || (n % 14 + 1) || ' of season ' || (n / 14 + 1),
       round(8.0 + ((n * 37) % 90) / 10.0, 1)
FROM e;

-- Every remaining castaway votes in every episode (each season: 14 episodes).
INSERT INTO votes (episode_id, castaway_id, voted_for)
SELECT e.episode_id, c.castaway_id,
       printf('US%04d', (e.season_id - 1) * 18 + ((e.number + (CAST(substr(c.castaway_id, 3) AS INTEGER))) % 18) + 1)
FROM episodes e
JOIN castaways c ON c.season_id = e.season_id
WHERE (CAST(substr(c.castaway_id, 3) AS INTEGER) - 1) % 18 >= e.number - 1
ORDER BY e.episode_id, c.castaway_id;

INSERT INTO ingestion_runs VALUES
  ('ingest-2026-11-20-0400', 'survivoR 2.3.0', '2026-11-20T04:11:52Z'),
  ('ingest-2026-11-21-0400', 'survivoR 2.3.1', '2026-11-21T04:12:09Z');
