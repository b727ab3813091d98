#!/usr/bin/env bash
# Replays release histories in the shapes of real projects and checks, at
# every release point, that `relctl code-release --dry-run` plans exactly the
# tags the project released there. At each point the project then tags its
# release by hand, as it did, so a miss never changes what comes next.
#
#   tests/replay/replay.sh path/to/relctl [scenario...]   (default: every scenario)
#
# Scenarios: maintenance (a library patching 1.2.x and 1.x after 2.0.0),
# prerelease (a beta branch next to stable patches, merged back as 16.0.0),
# reverts (revert chains, a revert of an id lost to a rebase), squash (GitHub
# squash merges with breaking bodies), workspace (a vite-like monorepo),
# adoption (`relctl init` in a project with v-tags), alpha (a hand-started
# prerelease line), generated (a long history from a seeded generator with
# its own expected versions). Prints one line per miss and a summary; exits
# 1 on any miss, 2 on a usage error. Needs git (the CLI builds the
# histories; relctl reads them through libgit2).
set -euo pipefail

RELCTL=${1:-}
[[ -x "$RELCTL" ]] || { echo "usage: $0 path/to/relctl [scenario...]" >&2; exit 2; }
RELCTL=$(cd "$(dirname "$RELCTL")" && pwd)/$(basename "$RELCTL")
shift
SCENARIOS=("$@")
[[ ${#SCENARIOS[@]} -gt 0 ]] ||
  SCENARIOS=(maintenance prerelease reverts squash workspace adoption alpha generated)

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
export HOME="$WORK" GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=Replay GIT_AUTHOR_EMAIL=replay@example.com
export GIT_COMMITTER_NAME=Replay GIT_COMMITTER_EMAIL=replay@example.com
unset GIT_DIR GIT_WORK_TREE
git config --global init.defaultBranch main
git config --global advice.detachedHead false

POINTS=0
MISSES=()
FILES=0
SCENARIO=""

# new_project NAME TOML: a work clone with a bare origin; TOML is its relctl.toml.
new_project() {
  SCENARIO=$1
  local dir="$WORK/$1"
  git init -q --bare "$dir/origin.git"
  git init -q "$dir/work"
  cd "$dir/work"
  git remote add origin ../origin.git
  [[ -z "$2" ]] || printf '%s\n' "$2" >relctl.toml
  printf '# %s\n' "$1" >README.md
  git add -A
  git commit -q -m "chore: start"
  git push -q -u origin main
}

# c MESSAGE [FILE]: a commit changing FILE (default: a new file under src/).
c() {
  FILES=$((FILES + 1))
  local file=${2:-src/f$FILES.txt}
  mkdir -p "$(dirname "$file")"
  echo "$FILES" >>"$file"
  git add -A
  git commit -q -m "$1"
}

branch() { git switch -q -c "$1" "${2:-HEAD}"; }
revert() { git revert --no-edit "$1" >/dev/null; }
switch() { git switch -q "$1"; }
sync() { git push -q -u origin "$(git branch --show-current)" 2>/dev/null; }

miss() { MISSES+=("$SCENARIO @ \"$(git log -1 --format=%s)\" on $(git branch --show-current): $1"); }

# expect TAG... [-- ARGS]: the dry run (with ARGS) plans exactly these tags;
# then the project tags them and pushes.
expect() {
  local want=() args=()
  while [[ $# -gt 0 && $1 != "--" ]]; do want+=("$1"); shift; done
  [[ $# -gt 0 ]] && { shift; args=("$@"); }
  sync
  POINTS=$((POINTS + 1))
  local out rc=0 got
  out=$("$RELCTL" code-release --dry-run --json --no-data ${args[@]+"${args[@]}"} 2>&1) || rc=$?
  got=$(printf '%s' "$out" | sed -n 's/.*"release":{[^}]*"tags":\[\([^]]*\)\].*/\1/p' | tr -d '"')
  local wanted
  wanted=$(IFS=,; echo "${want[*]}")
  if [[ $rc -ne 0 || "$got" != "$wanted" ]]; then
    local why
    why=$(printf '%s' "$out" | grep -o -e '"id":"version.next"[^}]*"message":"[^"]*"' \
      -e 'relctl: error: .*' | sed 's/.*"message"://' | head -2 | tr '\n' ' ' || true)
    miss "expected $wanted, relctl planned ${got:-nothing} (exit $rc) ${why}"
  fi
  for t in "${want[@]}"; do git tag -a "$t" -m "Release $t"; done
  git push -q origin "${want[@]/#/refs/tags/}"
}

# refuse TEXT [-- ARGS]: the dry run fails, saying TEXT.
refuse() {
  local text=$1
  shift
  [[ $# -gt 0 && $1 == "--" ]] && shift
  sync
  POINTS=$((POINTS + 1))
  local out rc=0
  out=$("$RELCTL" code-release --dry-run --no-data --no-color "$@" 2>&1) || rc=$?
  if [[ $rc -eq 0 ]] || ! grep -qF -- "$text" <<<"$out"; then
    miss "expected a refusal saying '$text' (exit $rc): $(grep -m1 'version.next' <<<"$out" || true)"
  fi
}

toml() {  # toml TAG_TEMPLATE [more [code_release] lines] -> a relctl.toml
  printf '[project]\nname = "%s"\nrelease_branches = ["main", "beta"]\n\n[code_release]\ntag = "%s"\n%s' \
    "$SCENARIO_NAME" "$1" "${2:-}"
}

scenario_maintenance() {
  SCENARIO_NAME=lib
  new_project maintenance "$(toml 'v{version}' 'maintenance_branches = ["*.x", "release/*.x"]')"
  c "feat: first api"
  expect v1.0.0 -- --version 1.0.0
  c "feat: parser"
  c "fix: off by one"
  expect v1.1.0
  c "fix: leak"
  expect v1.1.1
  c "feat: streaming"
  expect v1.2.0
  c "feat!: new config format"
  expect v2.0.0
  c "feat: plugins"
  expect v2.1.0
  # Patches on 1.2.x after 2.1.0 exists: the branch's own line.
  branch 1.2.x v1.2.0
  c "fix: backport the leak fix"
  expect v1.2.1
  c "fix: another backport"
  c "docs: notes for 1.2 users"
  expect v1.2.2
  c "feat: a feature backported by mistake"
  refuse "is outside maintenance branch 1.2.x (>=1.2.0 <1.3.0)"
  expect v1.2.3 -- patch
  # A 1.x line takes a maintenance minor.
  branch release/1.x
  c "feat: small feature for 1.x users"
  expect v1.3.0
  c "feat!: this belongs on main"
  refuse "is outside maintenance branch release/1.x (>=1.0.0 <2.0.0)"
  switch main
  c "fix: main fix"
  expect v2.1.1
}

scenario_prerelease() {
  SCENARIO_NAME=app
  new_project prerelease "$(toml 'v{version}')"
  c "feat: the app"
  expect v15.12.0 -- --version 15.12.0
  branch beta
  c "feat!: drop node 14"
  expect v16.0.0-beta.1 -- --pre beta
  c "fix: beta feedback"
  expect v16.0.0-beta.2 -- --pre beta
  # Stable patches on main next to the beta line.
  switch main
  c "fix: urgent"
  expect v15.12.1
  c "feat: small"
  expect v15.13.0 -- --version 15.13.0
  switch beta
  git merge -q --no-edit main
  c "feat: beta feature"
  expect v16.0.0-beta.3 -- --pre beta
  switch main
  git merge -q --no-ff --no-edit beta
  expect v16.0.0-rc.1 -- --pre rc
  expect v16.0.0
}

scenario_reverts() {
  SCENARIO_NAME=rv
  new_project reverts "$(toml 'v{version}')"
  c "feat: base"
  expect v1.0.0 -- --version 1.0.0
  c "feat: experimental cache"
  revert HEAD
  c "fix: typo"
  expect v1.0.1
  c "feat(ui): dark mode"
  revert HEAD
  revert HEAD
  expect v1.1.0
  c "chore!: drop the old config"
  # A revert written before a rebase: its id names a commit that is gone.
  c $'Revert "chore!: drop the old config"\n\nThis reverts commit 0123456789abcdef0123456789abcdef01234567.'
  c "fix: y"
  expect v1.1.1
  # Reverting something released earlier is a change of its own.
  revert "$(git log --format=%H --grep '^fix: typo$')"
  expect v1.1.2
}

scenario_squash() {
  SCENARIO_NAME=sq
  new_project squash "$(toml 'v{version}')"
  c "feat: client"
  expect v7.6.0 -- --version 7.6.0
  c "fix: small thing (#101)"
  expect v7.6.1
  c $'feat: new client (#102)\n\n* feat: client v2\n\n* fix: tests\n\n* BREAKING CHANGE: the old client is gone'
  expect v8.0.0
  c $'fix: parser (#103)\n\nBREAKING CHANGES: options were renamed'
  expect v9.0.0
  c $'feat: ports (#104)\n\nBREAKING CHANGE\n\nThe default port changed.'
  expect v10.0.0
  c $'fix: z (#105)\n\nThis is not a BREAKING CHANGE: it only reads like one.'
  c "docs: explain the BREAKING CHANGE policy (#106)"
  expect v10.0.1
}

scenario_workspace() {
  SCENARIO_NAME=vite
  new_project workspace "$(printf '%s\n' '[project]' 'name = "vite"' '' '[code_release]' \
    'commit_message = "release: {version}"' '' \
    '[[packages]]' 'name = "vite"' 'path = "packages/vite"' 'tag = "v{version}"' '' \
    '[[packages]]' 'name = "create-vite"' 'path = "packages/create-vite"' 'tag = "{name}@{version}"' '' \
    '[[packages]]' 'name = "plugin-legacy"' 'path = "packages/plugin-legacy"' 'tag = "{name}@{version}"')"
  c "feat(vite): core" packages/vite/index.js
  c "feat(create-vite): scaffold" packages/create-vite/index.js
  c "feat(plugin-legacy): legacy" packages/plugin-legacy/index.js
  expect v5.0.0 create-vite@5.0.0 plugin-legacy@5.0.0 -- --version 5.0.0
  # A commit to one package bumps that package only.
  c "fix(vite): hmr" packages/vite/hmr.js
  expect v5.0.1
  c "feat(create-vite): svelte template" packages/create-vite/svelte.js
  c "fix(plugin-legacy): polyfills" packages/plugin-legacy/polyfills.js
  expect create-vite@5.1.0 plugin-legacy@5.0.1
  c "docs: root readme" README.md
  refuse "nothing to release: no package has commits since its last release" -- --require-changes
  echo 18 >packages/vite/.node-version
  echo 18 >packages/plugin-legacy/.node-version
  git add -A
  git commit -q -m "feat!: require node 18"
  expect v6.0.0 plugin-legacy@6.0.0
  c "fix(vite): a" packages/vite/a.js
  c "fix(create-vite): b" packages/create-vite/b.js
  expect create-vite@5.1.1 -- --package create-vite
  expect v6.0.1
}

scenario_adoption() {
  SCENARIO_NAME=adopt
  new_project adoption ""
  c "feat: before relctl"
  git tag -a v0.9.0 -m 0.9.0
  c "feat: 1.0"
  git tag -a v1.0.0 -m 1.0.0
  git push -q origin main --tags
  "$RELCTL" -q init >/dev/null
  grep -q '^tag = "v{version}"' relctl.toml || miss "relctl init did not write tag = \"v{version}\""
  git add relctl.toml
  git commit -q -m "chore: adopt relctl"
  c "fix: after adoption"
  expect v1.0.1
}

scenario_alpha() {
  SCENARIO_NAME=alpha
  new_project alpha "$(toml 'v{version}')"
  c "feat: one"
  expect v5.2.0 -- --version 5.2.0
  c "feat: two"
  git tag -a v6.0.0-alpha.1 -m "by hand"
  c "fix: alpha feedback"
  expect v6.0.0-alpha.2 -- --pre alpha
  expect v6.0.0-beta.1 -- --pre beta
  c "fix: last one"
  expect v6.0.0
}

# A long history from a seeded generator, with the expected version worked
# out here, independently: breaking -> major, feat -> minor, else patch.
scenario_generated() {
  SCENARIO_NAME=gen
  new_project generated "$(toml '{version}')"
  c "feat: seed"
  expect 1.0.0 -- --version 1.0.0
  local seed=20261122 major=1 minor=0 patch=0 bump=0 i kind msg
  local kinds=("feat(api): endpoint" "fix: case" "docs: words" "chore: tidy" "perf(db): query"
    "refactor(core): simplify" "Update notes" "fix(cli)!: rename flag" "feat: option"
    $'fix: late\n\nBREAKING CHANGE: removed the old flag' "test: more" "fix(ui): spacing")
  for ((i = 1; i <= 150; i++)); do
    seed=$(((seed * 1103515245 + 12345) % 2147483648))
    kind=${kinds[$((seed / 65536 % ${#kinds[@]}))]}
    msg="$kind $i"
    [[ $kind == *$'\n'* ]] && msg="${kind/late/late $i}"
    c "$msg"
    case "$msg" in
      *'!:'* | *'BREAKING CHANGE:'*) bump=3 ;;
      feat*) ((bump < 2)) && bump=2 ;;
      *) ((bump < 1)) && bump=1 ;;
    esac
    if ((seed / 4096 % 5 == 0)); then
      case $bump in
        3) major=$((major + 1)) minor=0 patch=0 ;;
        2) minor=$((minor + 1)) patch=0 ;;
        *) patch=$((patch + 1)) ;;
      esac
      bump=0
      expect "$major.$minor.$patch"
    fi
  done
}

set -E
trap 'echo "replay: scenario $SCENARIO broke at line $LINENO: $BASH_COMMAND" >&2' ERR
for s in "${SCENARIOS[@]}"; do
  declare -F "scenario_$s" >/dev/null || { echo "replay: no scenario '$s'" >&2; exit 2; }
  "scenario_$s"
done
trap - ERR
for m in ${MISSES[@]+"${MISSES[@]}"}; do echo "MISS $m"; done
echo "replay: ${#SCENARIOS[@]} scenarios, $POINTS release points, $((POINTS - ${#MISSES[@]})) as the project released, ${#MISSES[@]} missed"
[[ ${#MISSES[@]} -eq 0 ]]
