#!/usr/bin/env bash
# Benchmark (not a test): applying migrations, relctl against psql.
#   (a) one large file of STATEMENTS single-row INSERTs (default 2,000,000,
#       about 90 MB): `relctl migrate` (one transaction) against `psql -1 -f`
#       and `psql -f`; relctl also at a quarter and a half of the statements,
#       to show its time per statement staying flat (linear);
#   (b) generated histories shaped like Lemmy's (247 files) and Ory Kratos'
#       (321 files): tables, indexes, functions, triggers, enum values, seed
#       rows; `relctl migrate` in one run against `psql -1 -f` file by file.
# Every run starts from an empty database. Prints seconds, statements/s and
# the ratio relctl/psql (below 1: relctl is faster). Target (issue 12): linear
# in the statement count and no slower than `psql -1 -f`.
#
#   bench/migrate/bench.sh [STATEMENTS]
#
# Runs against a throwaway cluster (scripts/pg.sh), stopped on exit.
# RELCTL=/path/to/relctl picks the binary (default: build/src/relctl).
set -euo pipefail
cd "$(dirname "$0")/../.."
root=$PWD
statements="${1:-2000000}"
relctl="${RELCTL:-$root/build/src/relctl}"
[ -x "$relctl" ] || { echo "bench: no relctl at $relctl; run scripts/build.sh first" >&2; exit 1; }
for tool in psql python3; do
  command -v "$tool" >/dev/null || { echo "bench: needs $tool" >&2; exit 1; }
done

work=$(mktemp -d /tmp/relctl-bench-migrate.XXXXXX)
pg_dir=""
cleanup() {
  [ -n "$pg_dir" ] && "$root/scripts/pg.sh" stop "$pg_dir"
  rm -rf "$work"
}
trap cleanup EXIT

eval "$(scripts/pg.sh start)"
pg_dir="$RELCTL_TEST_PG_DIR"
admin="$RELCTL_TEST_PG_URL"
echo "bench: throwaway cluster on 127.0.0.1:$RELCTL_TEST_PG_PORT; files in $work"

python3 - "$work" "$statements" <<'PY'
import os, sys
work, n = sys.argv[1], int(sys.argv[2])

def big(path, count):
    os.makedirs(path, exist_ok=True)
    with open(os.path.join(path, "0001_big.sql"), "w") as f:
        f.write("CREATE TABLE big (id bigint PRIMARY KEY, name text NOT NULL, score int);\n")
        for i in range(1, count):
            f.write(f"INSERT INTO big VALUES ({i}, 'name {i}; with a semicolon', {i % 1000});\n")

for label, count in (("quarter", n // 4), ("half", n // 2), ("full", n)):
    big(os.path.join(work, "big-" + label), count)

def history(path, files, seed):
    os.makedirs(path, exist_ok=True)
    for k in range(1, files + 1):
        t = f"t{k}"
        body = [f"-- migration {k} of a {seed}-like history",
                f"CREATE TABLE {t} (id bigserial PRIMARY KEY, ref bigint, name text NOT NULL DEFAULT '',"
                f" created timestamptz NOT NULL DEFAULT now(), data jsonb);",
                f"CREATE INDEX {t}_name ON {t} (name);",
                f"COMMENT ON TABLE {t} IS 'table {k}; generated';"]
        if k > 1:
            body.append(f"ALTER TABLE {t} ADD CONSTRAINT {t}_ref FOREIGN KEY (ref) REFERENCES t{k-1} (id);")
        if k % 3 == 0:
            body.append(f"CREATE FUNCTION {t}_touch() RETURNS trigger LANGUAGE plpgsql AS $$\n"
                        f"BEGIN\n  NEW.created := now();\n  RETURN NEW;\nEND;\n$$;")
            body.append(f"CREATE TRIGGER {t}_touch BEFORE UPDATE ON {t} FOR EACH ROW EXECUTE FUNCTION {t}_touch();")
        if k % 10 == 1:
            body.append(f"CREATE TYPE {t}_kind AS ENUM ('a', 'b');")
            body.append(f"ALTER TABLE {t} ADD COLUMN kind {t}_kind;")
        body += [f"INSERT INTO {t} (name, data) VALUES ('row {r}', '{{\"r\": {r}}}');" for r in range(20)]
        body.append(f"UPDATE {t} SET name = name || ' (seen)' WHERE id % 2 = 0;")
        with open(os.path.join(path, f"{k:04d}_step_{k}.sql"), "w") as f:
            f.write("\n".join(body) + "\n")

history(os.path.join(work, "lemmy"), 247, "Lemmy")
history(os.path.join(work, "kratos"), 321, "Kratos")
PY

fresh_db() {  # prints the URL of a new empty database (runs in a subshell: no counters)
  local name="bench_$(date +%s%N)"
  psql -q -X "$admin" -c "CREATE DATABASE $name" >/dev/null
  echo "${admin%/postgres}/$name"
}
now() { date +%s.%N; }
seconds() { python3 -c "print(f'{$2 - $1:.2f}')"; }

run_relctl() {  # folder -> "seconds statements" (the statements relctl sent, from --json)
  local dir=$1 url project
  url=$(fresh_db)
  project=$(mktemp -d "$work/project.XXXXXX")
  ln -s "$dir" "$project/migrations"
  cat >"$project/relctl.toml" <<TOML
[project]
name = "bench"
[databases.app]
url_env = "BENCH_DB_URL"
[migrations]
dir = "migrations"
[environments.bench]
database = "app"
TOML
  local t0 t1 out
  t0=$(now)
  out=$(cd "$project" && BENCH_DB_URL="$url" "$relctl" migrate --env bench --json) \
    || { echo "bench: relctl migrate failed in $dir: $out" >&2; exit 1; }
  t1=$(now)
  echo "$(seconds "$t0" "$t1") $(python3 -c '
import json, sys
doc = json.load(sys.stdin)
print(sum(a["statements"] for g in doc["gates"] if g["id"] == "pg.migrate"
          for a in g["details"]["applied"]))' <<<"$out")"
}

run_psql() {  # folder, psql flags -> seconds (one psql per file, in name order)
  local dir=$1 flags=$2 url t0 t1 f
  url=$(fresh_db)
  t0=$(now)
  for f in "$dir"/*.sql; do
    # shellcheck disable=SC2086
    psql -q -X -v ON_ERROR_STOP=1 $flags "$url" -f "$f" >/dev/null
  done
  t1=$(now)
  seconds "$t0" "$t1"
}

report() {  # label statements relctl_s psql_s psql_label
  python3 - "$@" <<'PY'
import sys
label, n, r, p, plabel = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4]), sys.argv[5]
print(f"{label:<34} {n:>9} stmts  relctl {r:7.2f}s ({n / max(r, 1e-9):>9.0f}/s, {1e6 * r / n:6.1f} us/stmt)"
      f"  {plabel} {p:7.2f}s  ratio relctl/psql {r / max(p, 1e-9):.2f}")
PY
}

echo "bench: (a) one file of single-row INSERTs"
for part in quarter half; do
  read -r r n <<<"$(run_relctl "$work/big-$part")"
  python3 -c "n=$n; r=$r; print(f'  relctl {\"$part\":<7} {n:>9} stmts  {r:7.2f}s  {1e6 * r / n:6.1f} us/stmt')"
done
read -r r n <<<"$(run_relctl "$work/big-full")"
p1=$(run_psql "$work/big-full" "-1")
report "  full file, psql -1 -f" "$n" "$r" "$p1" "psql -1 -f"
p0=$(run_psql "$work/big-full" "")
report "  full file, psql -f" "$n" "$r" "$p0" "psql -f"

echo "bench: (b) histories, one run of relctl against psql -1 -f per file"
for h in lemmy kratos; do
  files=$(find "$work/$h" -name '*.sql' | wc -l)
  read -r r n <<<"$(run_relctl "$work/$h")"
  p=$(run_psql "$work/$h" "-1")
  report "  $h ($files files)" "$n" "$r" "$p" "psql -1 -f"
done
