#!/usr/bin/env bash
# Runs the whole test suite: installs missing packages, builds, starts a
# throwaway Postgres cluster (always stopped on exit), runs every test.
#   scripts/test.sh              all tests
#   scripts/test.sh -R config    only the CTest names matching "config"
# Under CI=true a cluster that cannot start fails the run: tests that need
# Postgres never silently skip in CI. RELCTL_BUILD_DIR names another build
# folder that is already built (scripts/sanitize.sh uses build-asan).
set -euo pipefail
cd "$(dirname "$0")/.."

build_dir="${RELCTL_BUILD_DIR:-build}"
[ "$build_dir" = build ] && scripts/build.sh

pg_dir=""
cleanup() { [ -n "$pg_dir" ] && scripts/pg.sh stop "$pg_dir"; }
trap cleanup EXIT INT TERM

if pg_env="$(scripts/pg.sh start)"; then
  eval "$pg_env"
  pg_dir="$RELCTL_TEST_PG_DIR"
  echo "relctl: throwaway Postgres on 127.0.0.1:$RELCTL_TEST_PG_PORT ($pg_dir)"
elif [ "${CI:-}" = "true" ]; then
  echo "relctl: ERROR: the throwaway Postgres cluster did not start (see above); under CI=true this fails the run" >&2
  exit 1
else
  echo "relctl: WARNING: no throwaway Postgres; tests that need it are skipped" >&2
fi

ctest --test-dir "$build_dir" --output-on-failure --no-tests=error -j2 "$@"
