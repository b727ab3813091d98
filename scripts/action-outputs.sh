#!/usr/bin/env bash
# Writes action.yml's outputs (released, version, tag) to $GITHUB_OUTPUT from
# the run that the action just made: its run id is in relctl's output ($1),
# and `relctl history --json` holds what it did (status, tags, the version
# computed by version.next). A run that never started (a usage error) made
# no release.
set -euo pipefail
out_file="${1:?usage: action-outputs.sh OUTPUT_FILE}"
released=false version="" tag=""
run_id=$(grep -o -m1 -E '"run_id":"[0-9A-Z]{26}"|\(run [0-9A-Z]{26}\)' "$out_file" 2>/dev/null |
  grep -o -E '[0-9A-Z]{26}' || true)
if [ -n "$run_id" ] && history=$(relctl history --json --limit 50 2>/dev/null); then
  run=$(jq -c --arg id "$run_id" '(if type == "array" then . else .runs end)[] | select(.run_id == $id)' <<<"$history")
  if [ -n "$run" ]; then
    tag=$(jq -r '.release | split(",")[0] // ""' <<<"$run")
    version=$(jq -r '[.gates[] | select(.id == "version.next") | .details.version // empty][0] // ""' <<<"$run")
    if [ "$(jq -r '.status == "passed" and (.dry_run | not) and .release != ""' <<<"$run")" = true ]; then
      released=true
    fi
  fi
fi
{
  echo "released=$released"
  echo "version=$version"
  echo "tag=$tag"
} >>"${GITHUB_OUTPUT:-/dev/stdout}"
