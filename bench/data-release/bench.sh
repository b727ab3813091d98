#!/usr/bin/env bash
# Benchmark (not a test): how long `relctl data-release --dry-run` takes to
# check a big snapshot (integrity, foreign keys, row counts, sha256) against
# the standard tools doing the same checks one after another:
#   sqlite3 'PRAGMA integrity_check'; sqlite3 'PRAGMA foreign_key_check';
#   sqlite3 'SELECT count(*) FROM t' per table; sha256sum
# Targets (issue 4): relctl at least 1.5x faster than that sequential path,
# and within 1.1x of `sqlite3 snap 'PRAGMA integrity_check'` alone.
#
#   bench/data-release/bench.sh [MILLION_ROWS] [WORK_DIR]
#
# MILLION_ROWS (default 20) sizes the snapshot: 20 gives ~20M rows in three
# tables with two foreign keys and three indexes, about 1.5 GiB. The snapshot
# is generated once in WORK_DIR (default /tmp/relctl-bench-data) and reused.
# RELCTL=/path/to/relctl picks the binary (default: build/src/relctl).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
millions="${1:-20}"
work="${2:-/tmp/relctl-bench-data}"
relctl="${RELCTL:-$root/build/src/relctl}"
[ -x "$relctl" ] || { echo "bench: no relctl at $relctl; run scripts/build.sh first" >&2; exit 1; }
command -v sqlite3 >/dev/null || { echo "bench: needs sqlite3 (apt-get install sqlite3)" >&2; exit 1; }

repo="$work/repo"
snap="$repo/data/bench.sqlite"
moves=$((millions * 1000000 * 95 / 100))
games=$((millions * 1000000 * 4 / 100))
players=$((millions * 1000000 * 1 / 100))

if [ ! -f "$snap" ] || [ "$(cat "$work/rows" 2>/dev/null)" != "$millions" ]; then
  echo "bench: generating a snapshot with ~${millions}M rows in $snap (once; takes a while)"
  rm -rf "$work"
  mkdir -p "$repo/data"
  sqlite3 "$snap" > /dev/null <<SQL
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -262144;
CREATE TABLE players (
  player_id INTEGER PRIMARY KEY,
  name      TEXT NOT NULL,
  country   TEXT NOT NULL
);
CREATE TABLE games (
  game_id   INTEGER PRIMARY KEY,
  season    INTEGER NOT NULL,
  played_at TEXT NOT NULL
);
CREATE TABLE moves (
  move_id   INTEGER PRIMARY KEY,
  game_id   INTEGER NOT NULL REFERENCES games(game_id),
  player_id INTEGER NOT NULL REFERENCES players(player_id),
  score     REAL,
  note      TEXT
);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $players)
INSERT INTO players SELECT i, 'player ' || i, substr('FRDEUSJPBRINCAZA', 1 + 2 * (i % 8), 2) FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $games)
INSERT INTO games SELECT i, 1 + i % 40, date('2001-01-01', '+' || (i % 9000) || ' days') FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $moves)
INSERT INTO moves
SELECT i, 1 + (i * 7919) % $games, 1 + (i * 104729) % $players, (i % 1000) / 10.0,
       'move ' || i || ' of game ' || (1 + (i * 7919) % $games)
FROM n;
CREATE INDEX moves_game ON moves(game_id);
CREATE INDEX moves_player ON moves(player_id);
CREATE INDEX games_season ON games(season, played_at);
PRAGMA journal_mode = DELETE;
SQL
  (
    cd "$repo"
    git init -q --bare -b main "$work/origin.git"
    git init -q -b main
    git config user.name bench
    git config user.email bench@example.com
    printf '*.sqlite\n' > .gitignore
    cat > relctl.toml <<TOML
[project]
name = "bench"
[data_release]
snapshot = "data/bench.sqlite"
manifest = "data/manifest.json"
mode = "direct"
reports_dir = "reports"
TOML
    git add -A
    git commit -q -m "chore: bench"
    git remote add origin "$work/origin.git"
    git push -q -u origin main
  )
  echo "$millions" > "$work/rows"
fi

bytes=$(stat -c %s "$snap")
tables=$(sqlite3 "$snap" "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
echo "bench: $snap, $((bytes / 1048576)) MiB, tables: $(echo $tables)"

warm() { cat "$snap" > /dev/null; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

# Every measurement starts from a warm page cache, so that the disk is not
# what is measured.
warm
t0=$(now)
sqlite3 "$snap" 'PRAGMA integrity_check' > "$work/integrity.out"
t1=$(now)
sqlite3 "$snap" 'PRAGMA foreign_key_check' > "$work/fk.out"
t2=$(now)
for t in $tables; do sqlite3 "$snap" "SELECT count(*) FROM \"$t\"" > /dev/null; done
t3=$(now)
sha256sum "$snap" > "$work/sha.out"
t4=$(now)
integrity=$(elapsed "$t0" "$t1")
fk=$(elapsed "$t1" "$t2")
counts=$(elapsed "$t2" "$t3")
sha=$(elapsed "$t3" "$t4")
sequential=$(elapsed "$t0" "$t4")
[ "$(cat "$work/integrity.out")" = ok ] || { echo "bench: the snapshot is not sound" >&2; exit 1; }

warm
t5=$(now)
(cd "$repo" && "$relctl" data-release --dry-run --no-color > "$work/relctl.out") || {
  cat "$work/relctl.out" >&2
  echo "bench: relctl data-release --dry-run failed" >&2
  exit 1
}
t6=$(now)
relctl_s=$(elapsed "$t5" "$t6")
grep -q "$(cut -c1-12 "$work/sha.out")" "$work/relctl.out" || {
  echo "bench: relctl's sha256 differs from sha256sum's" >&2
  exit 1
}

printf '\n%-46s %8s\n' "step" "seconds"
printf '%-46s %8.1f\n' "sqlite3 PRAGMA integrity_check" "$integrity"
printf '%-46s %8.1f\n' "sqlite3 PRAGMA foreign_key_check" "$fk"
printf '%-46s %8.1f\n' "sqlite3 SELECT count(*) per table" "$counts"
printf '%-46s %8.1f\n' "sha256sum" "$sha"
printf '%-46s %8.1f\n' "sequential total" "$sequential"
printf '%-46s %8.1f\n' "relctl data-release --dry-run" "$relctl_s"
printf '\nspeed-up vs the sequential tools:     %sx (target >= 1.5x)\n' \
  "$(ratio "$sequential" "$relctl_s")"
printf 'relctl vs integrity_check alone:      %sx (target <= 1.1x)\n' \
  "$(ratio "$relctl_s" "$integrity")"
