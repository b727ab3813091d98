#!/usr/bin/env bash
# relctl's main job on the bundled example (the README's first command):
# builds relctl, starts a throwaway Postgres cluster holding the example's
# warehouse (examples/gamebot/warehouse/gold.sql, database gamebot_dw),
# copies examples/gamebot into a sandbox repository with a bare origin, then
# runs
#   relctl doctor
#   relctl data-release --dry-run      every check, every planned action, nothing changed
#   relctl data-release                pr mode: export the snapshot from Postgres, validate,
#                                      commit, push data-release/YYYYMMDD
#   (a reviewer merges the pull request on origin)
#   relctl data-release --finalize     tag data-YYYYMMDD on the merge commit, push the tag
#   relctl code-release --no-data      a code release: changelog, version, tag code-vX.Y.Z
#   relctl promote code-vX.Y.Z --to staging, then --to prod (refused until it has soaked
#                                      on staging, then with the confirmation phrase)
#   relctl status
# and prints where to look. Rerunnable: the sandbox is made afresh each time.
# The cluster is stopped when the script ends; KEEP_DB=1 keeps it running
# (for the README's tour) and prints how to reach and stop it.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

# RELCTL=/path/to/relctl uses a relctl built elsewhere instead of building one.
relctl="${RELCTL:-}"
if [ -z "$relctl" ]; then
  scripts/build.sh src/relctl
  relctl="$root/build/src/relctl"
fi
sandbox="$root/examples/gamebot-sandbox"
origin="$root/examples/gamebot-sandbox-origin.git"
reviewer="$root/examples/gamebot-sandbox-reviewer"

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "starting a throwaway Postgres cluster with the warehouse (database gamebot_dw, schema gold)"
pg_env="$(scripts/pg.sh start)"
eval "$pg_env"
pg_dir="$RELCTL_TEST_PG_DIR"
if [ "${KEEP_DB:-}" != 1 ]; then
  trap '"$root/scripts/pg.sh" stop "$pg_dir"' EXIT
fi
export GAMEBOT_DW_URL="${RELCTL_TEST_PG_URL%/postgres}/gamebot_dw"
psql -q "$RELCTL_TEST_PG_URL" -c "CREATE DATABASE gamebot_dw" >/dev/null
psql -q -v ON_ERROR_STOP=1 "$GAMEBOT_DW_URL" -f examples/gamebot/warehouse/gold.sql >/dev/null
echo "warehouse: database gamebot_dw on 127.0.0.1:$RELCTL_TEST_PG_PORT, its URL in \$GAMEBOT_DW_URL"
# The bot's own databases, one per environment, empty: relctl promote migrates them.
for env in staging prod; do
  psql -q "$RELCTL_TEST_PG_URL" -c "CREATE DATABASE gamebot_$env" >/dev/null
done
export GAMEBOT_STAGING_URL="${RELCTL_TEST_PG_URL%/postgres}/gamebot_staging"
export GAMEBOT_PROD_URL="${RELCTL_TEST_PG_URL%/postgres}/gamebot_prod"
echo "environments: databases gamebot_staging and gamebot_prod, URLs in \$GAMEBOT_STAGING_URL and \$GAMEBOT_PROD_URL"

step "making the sandbox: $sandbox (origin: $origin)"
rm -rf "$sandbox" "$origin" "$reviewer"
git init -q --bare -b main "$origin"
cp -R examples/gamebot "$sandbox"
cd "$sandbox"
git init -q -b main
# The sandbox's own identity, so that the example never depends on (or
# changes) the user's git configuration.
git config user.name "Gamebot Maintainer"
git config user.email "maintainer@gamebot.example"
git add -A
git commit -q -m "chore: start the gamebot project"
git remote add origin "$origin"
git push -q -u origin main

step "relctl doctor"
"$relctl" doctor

step "relctl data-release --dry-run"
"$relctl" data-release --dry-run

step "relctl data-release (mode pr: export, validate, branch, commit, push for review)"
"$relctl" data-release
date=$(git rev-parse --abbrev-ref HEAD | sed 's|^data-release/||')

step "a reviewer merges the pull request data-release/$date into main on origin"
git clone -q "$origin" "$reviewer"
(
  cd "$reviewer"
  git config user.name "Gamebot Reviewer"
  git config user.email "reviewer@gamebot.example"
  git merge -q --no-ff "origin/data-release/$date" -m "Merge pull request: data release $date"
  git push -q origin main
)
rm -rf "$reviewer"
git checkout -q main
git pull -q --ff-only origin main

step "relctl data-release --finalize (tag the merge commit, push the tag)"
"$relctl" data-release --finalize

step "relctl code-release --no-data (today's data release is out: the code goes alone)"
"$relctl" code-release --no-data
tag=$(git describe --tags --abbrev=0 --match 'code-v*')

step "relctl promote $tag --to staging (migrations from the tag, smoke SQL, deploy, audit)"
"$relctl" promote "$tag" --to staging

step "relctl promote $tag --to prod: refused until it has soaked on staging (soak = 2s)"
if "$relctl" promote "$tag" --to prod --confirm "CONFIRM PRODUCTION DEPLOYMENT"; then
  echo "example: prod should have refused a release that has not soaked" >&2
  exit 1
fi
sleep 2

step "relctl promote $tag --to prod --confirm \"CONFIRM PRODUCTION DEPLOYMENT\""
"$relctl" promote "$tag" --to prod --confirm "CONFIRM PRODUCTION DEPLOYMENT"

step "relctl status"
"$relctl" status

step "done: where to look"
report=$(git show --name-only --format= "data-$date^2" | grep 'report.md$' || true)
cat <<EOF
  sandbox repository   $sandbox
  its bare origin      $origin
  release history      git -C examples/gamebot-sandbox log --oneline --decorate --graph -5
  the tag              git -C examples/gamebot-sandbox show --no-patch data-$date
  manifest             examples/gamebot-sandbox/data/manifest.json
  validation report    examples/gamebot-sandbox/$report
  every run            (cd examples/gamebot-sandbox && $relctl history)
  prod's deployments   (cd examples/gamebot-sandbox && $relctl history --env prod)   (needs KEEP_DB=1)
  the README's tour    KEEP_DB=1 scripts/example.sh keeps the warehouse running for it
EOF
git log --oneline --decorate --graph -5
if [ "${KEEP_DB:-}" = 1 ]; then
  echo
  echo "The warehouse keeps running (KEEP_DB=1). For the README's tour, in another shell:"
  echo "  source $pg_dir/env    # sets GAMEBOT_DW_URL, GAMEBOT_STAGING_URL, GAMEBOT_PROD_URL"
  echo "  $root/scripts/pg.sh stop $pg_dir    # when done"
  {
    printf 'export GAMEBOT_DW_URL=%q\n' "$GAMEBOT_DW_URL"
    printf 'export GAMEBOT_STAGING_URL=%q\n' "$GAMEBOT_STAGING_URL"
    printf 'export GAMEBOT_PROD_URL=%q\n' "$GAMEBOT_PROD_URL"
  } >"$pg_dir/env"
fi
