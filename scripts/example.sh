#!/usr/bin/env bash
# relctl's main job on the bundled example (the README's first command):
# builds relctl, copies examples/gamebot into a sandbox repository with a
# bare origin, builds the SQLite snapshot from data/seed.sql, then runs
#   relctl doctor
#   relctl data-release --dry-run      every check, every planned action, nothing changed
#   relctl data-release                pr mode: validate, commit, push data-release/YYYYMMDD
#   (a reviewer merges the pull request on origin)
#   relctl data-release --finalize     tag data-YYYYMMDD on the merge commit, push the tag
# and prints where to look. Rerunnable: the sandbox is made afresh each time.
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

step "building the snapshot: sqlite3 data/gamebot.sqlite < data/seed.sql (git-ignored)"
sqlite3 data/gamebot.sqlite < data/seed.sql
ls -l data/gamebot.sqlite

step "relctl doctor"
"$relctl" doctor

step "relctl data-release --dry-run"
"$relctl" data-release --dry-run

step "relctl data-release (mode pr: branch, commit, push for review)"
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

step "done: where to look"
report=$(git show --name-only --format= HEAD^2 | grep 'report.md$' || true)
cat <<EOF
  sandbox repository   $sandbox
  its bare origin      $origin
  release history      git -C examples/gamebot-sandbox log --oneline --decorate --graph -5
  the tag              git -C examples/gamebot-sandbox show --no-patch data-$date
  manifest             examples/gamebot-sandbox/data/manifest.json
  validation report    examples/gamebot-sandbox/$report
  every run            (cd examples/gamebot-sandbox && $relctl history)
  try a refusal        (cd examples/gamebot-sandbox && $relctl data-release --dry-run)
                       one data release per day: data-$date exists
EOF
git log --oneline --decorate --graph -5
