#!/usr/bin/env bash
# Benchmark (not a test): building a SQLite snapshot from Postgres.
#   (a) relctl data-release with [data_release.export]: the data.export gate
#       (its own time, from --json), streaming COPY into prepared inserts,
#       with primary keys, NOT NULL and foreign keys, rows in key order;
#   (b) the standard tools' path, one table after another:
#       psql -c "\copy gold.T TO file CSV", then sqlite3 db ".import --csv file T"
#       into plain tables (no keys: what a hand-made export usually does).
# Prints rows/s for both, the ratio, and relctl's peak RSS (getrusage, up to
# the end of data.export). Targets (issue 6): relctl at least 1.5x faster,
# peak RSS under 64 MiB whatever the row count.
#
#   bench/data-export/bench.sh [MILLION_ROWS]
#
# MILLION_ROWS (default 5) rows of mixed types (integers, numeric, text,
# timestamptz, bool, jsonb, uuid) over three tables, loaded into a throwaway
# cluster (scripts/pg.sh) that is stopped on exit.
# RELCTL=/path/to/relctl picks the binary (default: build/src/relctl).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
millions="${1:-5}"
relctl="${RELCTL:-$root/build/src/relctl}"
[ -x "$relctl" ] || { echo "bench: no relctl at $relctl; run scripts/build.sh first" >&2; exit 1; }
for tool in psql sqlite3 python3; do
  command -v "$tool" >/dev/null || { echo "bench: needs $tool" >&2; exit 1; }
done

work=$(mktemp -d /tmp/relctl-bench-export.XXXXXX)
pg_dir=""
cleanup() {
  [ -n "$pg_dir" ] && "$root/scripts/pg.sh" stop "$pg_dir"
  rm -rf "$work"
}
trap cleanup EXIT

eval "$(scripts/pg.sh start)"
pg_dir="$RELCTL_TEST_PG_DIR"
url="${RELCTL_TEST_PG_URL%/postgres}/bench"
psql -q "$RELCTL_TEST_PG_URL" -c "CREATE DATABASE bench" >/dev/null

events=$((millions * 1000000 * 90 / 100))
orders=$((millions * 1000000 * 9 / 100))
users=$((millions * 1000000 * 1 / 100))
echo "bench: loading ~${millions}M rows into the throwaway cluster (127.0.0.1:$RELCTL_TEST_PG_PORT)"
psql -q -v ON_ERROR_STOP=1 "$url" >/dev/null <<SQL
CREATE SCHEMA gold;
CREATE TABLE gold.users (
  user_id  integer PRIMARY KEY,
  name     text NOT NULL,
  country  char(2) NOT NULL,
  created  timestamptz NOT NULL,
  active   boolean NOT NULL);
CREATE TABLE gold.orders (
  order_id bigint PRIMARY KEY,
  user_id  integer NOT NULL REFERENCES gold.users,
  total    numeric(12, 2) NOT NULL,
  placed   timestamptz NOT NULL,
  ref      uuid NOT NULL);
CREATE TABLE gold.events (
  event_id bigint PRIMARY KEY,
  order_id bigint NOT NULL REFERENCES gold.orders,
  kind     text NOT NULL,
  score    double precision,
  payload  jsonb);
INSERT INTO gold.users SELECT i, 'user ' || i, substr('FRDEUSJPBRINCAZA', 1 + 2 * (i % 8), 2),
  timestamptz '2020-01-01 00:00:00+00' + i * interval '1 minute', i % 3 <> 0
  FROM generate_series(1, $users) i;
INSERT INTO gold.orders SELECT i, 1 + i % $users, (i % 100000) / 100.0,
  timestamptz '2021-01-01 00:00:00+00' + i * interval '1 second', md5(i::text)::uuid
  FROM generate_series(1, $orders) i;
INSERT INTO gold.events SELECT i, 1 + i % $orders, (ARRAY['view', 'click', 'buy', 'refund'])[1 + i % 4],
  CASE WHEN i % 7 = 0 THEN NULL ELSE i / 7.0 END,
  CASE WHEN i % 5 = 0 THEN jsonb_build_object('n', i, 'tag', 'x' || (i % 13)) END
  FROM generate_series(1, $events) i;
VACUUM ANALYZE;
SQL
total_rows=$((users + orders + events))

# (a) relctl, in a repository of its own (direct mode, no push).
repo="$work/repo"
mkdir -p "$repo"
git init -q -b main "$work/origin.git" --bare
(
  cd "$repo"
  git init -q -b main
  git config user.name bench && git config user.email bench@example.invalid
  cat >relctl.toml <<TOML
[project]
name = "bench"
[databases.bench]
url_env = "BENCH_URL"
expect_database = "bench"
[data_release]
snapshot = "data/bench.sqlite"
manifest = "data/manifest.json"
mode = "direct"
reports_dir = "reports"
integrity = "quick"
[data_release.export]
database = "bench"
schema = "gold"
TOML
  printf '*.sqlite\n.relctl/\n' >.gitignore
  git add -A && git commit -qm "chore: bench"
  git remote add origin "$work/origin.git" && git push -q -u origin main
)
echo "bench: (a) relctl data-release (data.export timed on its own)"
(cd "$repo" && BENCH_URL="$url" "$relctl" data-release --json --no-push >"$work/relctl.json") || {
  cat "$work/relctl.json" >&2
  exit 1
}
read -r relctl_s relctl_rows rss_kib < <(python3 - "$work/relctl.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
g = next(g for g in doc["gates"] if g["id"] == "data.export")
d = g["details"]
print(d["seconds"], d["total_rows"], d["peak_rss_kib"])
PY
)
[ "$relctl_rows" = "$total_rows" ] || { echo "bench: relctl exported $relctl_rows rows, expected $total_rows" >&2; exit 1; }

# (b) psql \copy to CSV, then sqlite3 .import, table by table.
echo "bench: (b) psql \\copy ... CSV, then sqlite3 .import --csv"
ref="$work/ref.sqlite"
sqlite3 "$ref" <<'SQL'
CREATE TABLE users (user_id INTEGER, name TEXT, country TEXT, created TEXT, active INTEGER);
CREATE TABLE orders (order_id INTEGER, user_id INTEGER, total TEXT, placed TEXT, ref TEXT);
CREATE TABLE events (event_id INTEGER, order_id INTEGER, kind TEXT, score REAL, payload TEXT);
SQL
start=$(date +%s.%N)
for t in users orders events; do
  psql -q "$url" -c "\\copy gold.$t TO '$work/$t.csv' CSV"
  sqlite3 "$ref" ".import --csv $work/$t.csv $t"
  rm -f "$work/$t.csv"
done
end=$(date +%s.%N)
ref_rows=$(sqlite3 "$ref" "SELECT (SELECT count(*) FROM users) + (SELECT count(*) FROM orders) + (SELECT count(*) FROM events)")
[ "$ref_rows" = "$total_rows" ] || { echo "bench: the standard path imported $ref_rows rows, expected $total_rows" >&2; exit 1; }

python3 - "$relctl_s" "$start" "$end" "$total_rows" "$rss_kib" <<'PY'
import sys
relctl_s = float(sys.argv[1]); ref_s = float(sys.argv[3]) - float(sys.argv[2])
rows = int(sys.argv[4]); rss = int(sys.argv[5]) / 1024
print(f"rows                      {rows:,}")
print(f"relctl data.export        {relctl_s:7.2f} s  {rows / relctl_s:12,.0f} rows/s")
print(f"psql \\copy + sqlite3      {ref_s:7.2f} s  {rows / ref_s:12,.0f} rows/s")
print(f"ratio (standard / relctl) {ref_s / relctl_s:7.2f}x   (target: >= 1.5x)")
print(f"relctl peak RSS           {rss:7.1f} MiB (target: < 64 MiB)")
PY
