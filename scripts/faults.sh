#!/usr/bin/env bash
# Fault injection: kill -9 and SIGINT at seeded random moments during real
# code-release, data-release and promote runs, against a `git daemon`
# origin whose pre-receive hook sleeps and a promotion whose migration
# sleeps. After each, the invariant of docs/safety.md must hold: the
# release is complete (local and remote agree, the ledger says `passed`, or
# `interrupted` with git.push passed for a Ctrl-C during the push),
# or, after `relctl recover`, nothing of it is left (refs, remote refs,
# files, database) and the ledger says why (failed, interrupted,
# recovered). Builds nothing: uses the built binary.
#   scripts/faults.sh                       12 kills and 12 Ctrl-Cs per command
#                                           (36 moments of each signal in all)
#   FAULTS_SEED=1234 scripts/faults.sh      the same moments again
#   FAULTS_CASES=5 FAULTS_ONLY=promote scripts/faults.sh
# RELCTL_BUILD_DIR names the build folder (default build). A failure prints
# the seed, the case, the moment, the gate the run was in, and what differs.
set -uo pipefail
cd "$(dirname "$0")/.."
repo_root=$PWD
build_dir="${RELCTL_BUILD_DIR:-build}"
case "$build_dir" in /*) ;; *) build_dir="$repo_root/$build_dir" ;; esac
relctl="$build_dir/src/relctl"
[ -x "$relctl" ] || { echo "faults: no relctl at $relctl; build it first (scripts/build.sh)" >&2; exit 2; }
seed="${FAULTS_SEED:-$(( $(date +%s) % 100000 ))}"
cases="${FAULTS_CASES:-12}"
only="${FAULTS_ONLY:-code-release data-release promote}"
RANDOM=$seed
echo "faults: seed $seed, $cases kill -9 and $cases SIGINT per command ($only); again with FAULTS_SEED=$seed"

tmp="$(mktemp -d /tmp/relctl-faults.XXXXXX)"
pg_dir=""
cleanup() {
  [ -f "$tmp/daemon.pid" ] && kill "$(cat "$tmp/daemon.pid")" 2>/dev/null
  [ -n "$pg_dir" ] && scripts/pg.sh stop "$pg_dir"
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

export HOME="$tmp/home" GIT_CONFIG_NOSYSTEM=1 USER=faults
mkdir -p "$HOME"
git config --global user.name "Fault Injector"
git config --global user.email faults@example.com
git config --global init.defaultBranch main
git config --global advice.detachedHead false

if pg_env="$(scripts/pg.sh start)"; then
  eval "$pg_env"
  pg_dir="$RELCTL_TEST_PG_DIR"
else
  echo "faults: the throwaway Postgres cluster did not start" >&2
  exit 1
fi
psql_admin() { psql -X -q -t -A -v ON_ERROR_STOP=1 "$RELCTL_TEST_PG_URL" "$@"; }
psql_db() { local db="$1"; shift; psql -X -q -t -A -v ON_ERROR_STOP=1 "${RELCTL_TEST_PG_URL%/postgres}/$db" "$@"; }

# The origin: every case's bare repository under one git daemon, each with
# a pre-receive hook that sleeps, so that signals land during the push too.
served="$tmp/served"
mkdir -p "$served"
port=""
for _ in $(seq 1 50); do
  p=$(( 20000 + RANDOM % 20000 ))
  if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then port=$p; break; fi
done
[ -n "$port" ] || { echo "faults: no free port" >&2; exit 1; }
git daemon --base-path="$served" --export-all --enable=receive-pack --reuseaddr \
  --listen=127.0.0.1 --port="$port" --pid-file="$tmp/daemon.pid" --detach "$served"
for _ in $(seq 1 100); do (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break; sleep 0.05; done

failures=0
total=0

# A bare origin for case $1 from the template's, served as git://.../$1.git.
serve() {
  local name="$1" from="$2"
  cp -a "$from" "$served/$name.git"
  printf '#!/bin/sh\nsleep 0.3\n' > "$served/$name.git/hooks/pre-receive"
  chmod +x "$served/$name.git/hooks/pre-receive"
}

# Runs relctl $2... in folder $1, sends signal $SIG after $DELAY_MS; sets rc.
run_and_signal() {
  local dir="$1"; shift
  (cd "$dir" && exec "$relctl" "$@" >"$dir/../run.out" 2>"$dir/../run.err") &
  local pid=$! t0
  t0=$(date +%s%N)
  sleep "$(printf '%d.%03d' $((DELAY_MS / 1000)) $((DELAY_MS % 1000)))"
  kill "-$SIG" "$pid" 2>/dev/null
  { wait "$pid"; } 2>/dev/null
  rc=$?
  RUN_MS=$(( ($(date +%s%N) - t0) / 1000000 ))
}

# The newest run of work tree $1 (its debug log is written first), or
# "none" when it is $2 (an earlier run: the signal came before it started).
newest_run() {
  local last
  last="$(ls "$1/.relctl/logs" 2>/dev/null | sed -n 's/\.log$//p' | sort | tail -1)"
  if [ -z "$last" ] || [ "$last" = "${2:-}" ]; then echo none; else echo "$last"; fi
}

# The ledger status of run $2 in work tree $1 ("null" when it has no row).
ledger_status() {
  local s
  s="$( (cd "$1" && "$relctl" history --json 2>/dev/null) |
    jq -r --arg r "$2" '[.runs[] | select(.run_id == $r)][0].status')"
  echo "${s:-null}"
}

# A release that stands is recorded as `passed`, or as `interrupted` with
# git.push passed: Ctrl-C during the push lets it finish, and a release the
# remote took stays (nothing undone, the gates after the push skipped).
release_recorded() {
  local dir="$1" run="$2" status="$3" pushed
  [ "$status" = passed ] && return 0
  [ "$status" = interrupted ] || return 1
  pushed="$( (cd "$dir" && "$relctl" history --json 2>/dev/null) |
    jq -r --arg r "$run" '[.runs[] | select(.run_id == $r)][0].gates // [] |
      map(select(.id == "git.push"))[0].status')"
  [ "$pushed" = passed ]
}

# The gate the run was in when the signal came, from its debug log.
phase_of() {
  local log="$1/.relctl/logs/$2.log"
  [ -f "$log" ] || { echo "before the run started"; return; }
  grep -o 'gate [a-z0-9._-]* ([a-z]*, [a-z]*) starts' "$log" | tail -1 | cut -d' ' -f2
}

# Recovers what a killed run left; a recover that fails is a failure.
recover_in() {
  (cd "$1" && "$relctl" recover >"$1/../recover.out" 2>&1)
}

report() {
  local what="$1" dir="$2" run="$3" detail="$4"
  local phase
  phase="$(phase_of "$dir" "$run")"
  total=$((total + 1))
  if [ "$what" = ok ]; then return; fi
  failures=$((failures + 1))
  echo "faults: FAIL seed $seed $CASE signal $SIG at ${DELAY_MS}ms, run $run in $phase: $detail"
  sed 's/^/    run: /' "$dir/../run.err" | tail -5
  [ -f "$dir/../recover.out" ] && sed 's/^/    recover: /' "$dir/../recover.out" | tail -8
}

# --- code-release ------------------------------------------------------
code_template() {
  local t="$tmp/tpl-code"
  mkdir -p "$t"
  git init -q --bare -b main "$t/origin.git"
  git clone -q "$t/origin.git" "$t/work" 2>/dev/null
  cd "$t/work"
  cat > relctl.toml <<'EOF'
[project]
name = "demo"

[code_release]
version_files = [{ path = "pyproject.toml", pattern = 'version = "{version}"' }]
EOF
  printf '[project]\nname = "demo"\nversion = "1.2.0"\n' > pyproject.toml
  printf '# Changelog\n\n## 1.2.0 - 2026-01-01\n\n- first\n' > CHANGELOG.md
  git add -A && git commit -q -m 'feat: first release'
  git tag -a code-v1.2.0 -m 'Release 1.2.0'
  echo a > a.txt && git add a.txt && git commit -q -m 'feat(search): add search'
  echo b > b.txt && git add b.txt && git commit -q -m 'fix: crash on empty input'
  git push -q -u origin main code-v1.2.0
  cd "$repo_root"
}

code_case() {
  local c="$tmp/$CASE"
  mkdir -p "$c"
  cp -a "$tmp/tpl-code/work" "$c/work"
  serve "$CASE" "$tmp/tpl-code/origin.git"
  git -C "$c/work" remote set-url origin "git://127.0.0.1:$port/$CASE.git"
  local before files_before
  before="$(git -C "$c/work" rev-parse main)"
  files_before="$(cd "$c/work" && sha256sum pyproject.toml CHANGELOG.md)"
  run_and_signal "$c/work" code-release
  run="$(newest_run "$c/work")"
  recover_in "$c/work" || { report fail "$c/work" "$run" "relctl recover failed"; return; }
  status="$(ledger_status "$c/work" "$run")"
  local lt rt lm rm
  lt="$(git -C "$c/work" rev-parse -q --verify 'refs/tags/code-v1.3.0^{commit}')"
  rt="$(git --git-dir="$served/$CASE.git" rev-parse -q --verify 'refs/tags/code-v1.3.0^{commit}')"
  lm="$(git -C "$c/work" rev-parse main)"
  rm="$(git --git-dir="$served/$CASE.git" rev-parse main)"
  local dirty
  dirty="$(git -C "$c/work" status --porcelain)"
  if [ -n "$lt" ] && [ "$lt" = "$rt" ] && [ "$lm" = "$rm" ] && [ "$lm" = "$lt" ] &&
    [ -z "$dirty" ] && release_recorded "$c/work" "$run" "$status"; then
    report ok "$c/work" "$run" ""
  elif [ -z "$lt" ] && [ -z "$rt" ] && [ "$lm" = "$before" ] && [ "$rm" = "$before" ] &&
    [ -z "$dirty" ] && [ "$files_before" = "$(cd "$c/work" && sha256sum pyproject.toml CHANGELOG.md)" ] &&
    [[ "$status" =~ ^(failed|interrupted|recovered|null)$ ]]; then
    report ok "$c/work" "$run" ""
  else
    report fail "$c/work" "$run" "local tag ${lt:0:7}, remote tag ${rt:0:7}, local main ${lm:0:7}, remote main ${rm:0:7}, before ${before:0:7}, ledger '$status', status: ${dirty:-clean}"
  fi
  cat "$c/run.out" "$c/run.err" > "$tmp/$CASE.err" 2>/dev/null
  rm -rf "$c" "$served/$CASE.git"
}

# --- data-release (an export from Postgres: temp file, .previous) -------
data_template() {
  local t="$tmp/tpl-data"
  mkdir -p "$t"
  psql_admin -c "CREATE DATABASE faults_wh" >/dev/null
  export WAREHOUSE_URL="${RELCTL_TEST_PG_URL%/postgres}/faults_wh"
  psql_db faults_wh -c "CREATE SCHEMA gold; CREATE TABLE gold.items AS SELECT g AS id, md5(g::text) AS h FROM generate_series(1, 20000) g; ALTER TABLE gold.items ADD PRIMARY KEY (id);" >/dev/null
  git init -q --bare -b main "$t/origin.git"
  git clone -q "$t/origin.git" "$t/work" 2>/dev/null
  cd "$t/work"
  cat > relctl.toml <<'EOF'
[project]
name = "datafaults"
main_branch = "main"
remote = "origin"
release_branches = ["main"]

[data_release]
snapshot = "data/snap.sqlite"
manifest = "data/manifest.json"
mode = "direct"
reports_dir = "reports"

[data_release.export]
database = "warehouse"
schema = "gold"
tables = ["*"]

[databases.warehouse]
url_env = "WAREHOUSE_URL"
expect_database = "faults_wh"
EOF
  printf '*.sqlite\n' > .gitignore
  git add -A && git commit -q -m 'chore: start' && git push -q -u origin main
  cd "$repo_root"
}

data_case() {
  local c="$tmp/$CASE"
  mkdir -p "$c"
  cp -a "$tmp/tpl-data/work" "$c/work"
  serve "$CASE" "$tmp/tpl-data/origin.git"
  git -C "$c/work" remote set-url origin "git://127.0.0.1:$port/$CASE.git"
  local before
  before="$(git -C "$c/work" rev-parse main)"
  run_and_signal "$c/work" data-release --date 20261122
  run="$(newest_run "$c/work")"
  recover_in "$c/work" || { report fail "$c/work" "$run" "relctl recover failed"; return; }
  status="$(ledger_status "$c/work" "$run")"
  local lt rt lm rm left
  lt="$(git -C "$c/work" rev-parse -q --verify 'refs/tags/data-20261122^{commit}')"
  rt="$(git --git-dir="$served/$CASE.git" rev-parse -q --verify 'refs/tags/data-20261122^{commit}')"
  lm="$(git -C "$c/work" rev-parse main)"
  rm="$(git --git-dir="$served/$CASE.git" rev-parse main)"
  left="$(cd "$c/work" && ls -A data 2>/dev/null | grep -v '^snap.sqlite$\|^manifest.json$' | tr '\n' ' ')"
  local dirty
  dirty="$(git -C "$c/work" status --porcelain)"
  if [ -n "$lt" ] && [ "$lt" = "$rt" ] && [ "$lm" = "$rm" ] && [ "$lm" = "$lt" ] &&
    [ -z "$dirty" ] && [ -z "$left" ] && release_recorded "$c/work" "$run" "$status"; then
    report ok "$c/work" "$run" ""
  elif [ -z "$lt" ] && [ -z "$rt" ] && [ "$lm" = "$before" ] && [ "$rm" = "$before" ] &&
    [ -z "$left" ] && [ ! -e "$c/work/data/snap.sqlite" ] && [ ! -e "$c/work/data/manifest.json" ] &&
    [[ "$status" =~ ^(failed|interrupted|recovered|null)$ ]]; then
    report ok "$c/work" "$run" ""
  else
    report fail "$c/work" "$run" "local tag ${lt:0:7}, remote tag ${rt:0:7}, local main ${lm:0:7}, remote main ${rm:0:7}, before ${before:0:7}, ledger '$status', left in data/: '${left}', status: ${dirty:-clean}"
  fi
  cat "$c/run.out" "$c/run.err" > "$tmp/$CASE.err" 2>/dev/null
  rm -rf "$c" "$served/$CASE.git"
}

# --- promote (a migration that sleeps) ----------------------------------
promote_template() {
  local t="$tmp/tpl-promote"
  mkdir -p "$t"
  git init -q --bare -b main "$t/origin.git"
  git clone -q "$t/origin.git" "$t/work" 2>/dev/null
  cd "$t/work"
  cat > relctl.toml <<'EOF'
[project]
name = "shop"

[migrations]
dir = "migrations"
lock_timeout = "2s"

[databases.staging]
url_env = "STAGING_URL"

[environments.staging]
database = "staging"
EOF
  mkdir -p migrations
  printf 'CREATE TABLE items (id integer PRIMARY KEY);\n' > migrations/0001_init.sql
  git add -A && git commit -q -m 'feat: 1.0.0'
  git tag -a code-v1.0.0 -m 'Release 1.0.0' -m 'Relctl-Version: 1.0.0'
  printf 'SELECT pg_sleep(0.3);\nALTER TABLE items ADD COLUMN note text;\n' > migrations/0002_note.sql
  git add -A && git commit -q -m 'feat: 1.1.0'
  git tag -a code-v1.1.0 -m 'Release 1.1.0' -m 'Relctl-Version: 1.1.0'
  git push -q -u origin main --tags
  # staging runs code-v1.0.0: each case starts from a copy of this database.
  psql_admin -c "CREATE DATABASE faults_staging" >/dev/null
  STAGING_URL="${RELCTL_TEST_PG_URL%/postgres}/faults_staging" "$relctl" promote code-v1.0.0 \
    --to staging >/dev/null 2>&1 || { echo "faults: setup: promote code-v1.0.0 failed" >&2; exit 1; }
  cd "$repo_root"
}

promote_case() {
  local c="$tmp/$CASE" db="faults_$((total + 1))_$RANDOM"
  mkdir -p "$c"
  cp -a "$tmp/tpl-promote/work" "$c/work"
  psql_admin -c "CREATE DATABASE $db TEMPLATE faults_staging" >/dev/null
  export STAGING_URL="${RELCTL_TEST_PG_URL%/postgres}/$db"
  local setup
  setup="$(newest_run "$c/work")"
  run_and_signal "$c/work" promote code-v1.1.0 --to staging
  run="$(newest_run "$c/work" "$setup")"
  recover_in "$c/work" || { report fail "$c/work" "$run" "relctl recover failed"; return; }
  status="$(ledger_status "$c/work" "$run")"
  local current applied
  current="$(psql_db "$db" -c "SELECT tag FROM relctl.deployments WHERE env = 'staging' AND status = 'succeeded' ORDER BY id DESC LIMIT 1")"
  applied="$(psql_db "$db" -c "SELECT count(*) FROM relctl.schema_history WHERE script = '0002_note.sql' AND success")"
  # A promotion's migrations are forward-only (pg.migrate is never undone,
  # docs/safety.md): killed after they committed and before deploy.record,
  # the schema is ahead of the recorded release, recover says so and the
  # next promotion records it. Anything else is a failure.
  if [ "$current" = code-v1.1.0 ] && [ "$applied" = 1 ] && [ "$status" = passed ]; then
    report ok "$c/work" "$run" ""
  elif [ "$current" = code-v1.0.0 ] && [[ "$status" =~ ^(failed|interrupted|recovered|null)$ ]] &&
    { [ "$applied" = 0 ] || grep -q '0002_note.sql' "$c/recover.out" 2>/dev/null ||
      [ "$status" != recovered ]; }; then
    report ok "$c/work" "$run" ""
  else
    report fail "$c/work" "$run" "current release '$current', 0002 applied '$applied', ledger '$status'"
  fi
  psql_admin -c "DROP DATABASE $db WITH (FORCE)" >/dev/null
  cat "$c/run.out" "$c/run.err" > "$tmp/$CASE.err" 2>/dev/null
  rm -rf "$c"
}

# How long an undisturbed run of case function $1 takes (it must pass): the
# range the signals are spread over.
calibrate() {
  local failed_before=$failures counted=$total
  SIG=CONT DELAY_MS=0 CASE="calibrate-$1" RUN_MS=0
  "$1"
  total=$counted
  if [ "$failures" -ne "$failed_before" ] || [ "$status" != passed ]; then
    echo "faults: an undisturbed $1 run did not pass (ledger: $status):" >&2
    cat "$tmp/calibrate-$1.err" >&2
    exit 1
  fi
  span=$RUN_MS
}

for command in $only; do
  case "$command" in
    code-release) code_template; fn=code_case ;;
    data-release) data_template; fn=data_case ;;
    promote) promote_template; fn=promote_case ;;
    *) echo "faults: unknown command $command" >&2; exit 2 ;;
  esac
  calibrate "$fn"
  start=$SECONDS
  for signal in KILL INT; do
    for i in $(seq 1 "$cases"); do
      SIG=$signal
      DELAY_MS=$(( (RANDOM * 32768 + RANDOM) % (span + 1) ))
      CASE="$command-$signal-$i"
      "$fn"
    done
  done
  echo "faults: $command: $((2 * cases)) runs over 0..${span}ms in $((SECONDS - start))s"
done

echo "faults: $total runs, $failures failed with seed $seed"
[ "$failures" -eq 0 ]
