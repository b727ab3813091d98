#!/usr/bin/env bash
# Benchmark (not a test): how long `relctl code-release --dry-run` takes to
# read 100,000 conventional commits, against `git log --format=%s` over the
# same range. Target: relctl within 1.5x of git log.
#
#   bench/code-release/bench.sh [path/to/relctl] [commits]   (KEEP=1 keeps the repository)
#
# Builds the repository with git fast-import in a temporary folder (removed
# afterwards), runs each command a few times and prints the best times and
# their ratio.
set -euo pipefail

RELCTL=${1:-"$(cd "$(dirname "$0")/../.." && pwd)/build/src/relctl"}
COMMITS=${2:-100000}
RUNS=${RUNS:-3}
[[ -x "$RELCTL" ]] || { echo "bench: no relctl binary at $RELCTL (pass its path)" >&2; exit 2; }

WORK=$(mktemp -d)
if [[ -z "${KEEP:-}" ]]; then trap 'rm -rf "$WORK"' EXIT; else echo "bench: keeping $WORK"; fi
export HOME="$WORK" GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.com
export GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.com

echo "bench: making a repository with $COMMITS conventional commits..."
git init -q --bare -b main "$WORK/origin.git"
git init -q -b main "$WORK/repo"
cd "$WORK/repo"
git config user.name Bench
git config user.email bench@example.com
git remote add origin "$WORK/origin.git"

# One fast-import stream: a first commit with relctl.toml, tagged code-v1.0.0,
# then $COMMITS commits of rotating conventional types, each changing a file.
python3 - "$COMMITS" <<'PY' | git fast-import --quiet
import sys
n = int(sys.argv[1])
out = sys.stdout
t = 1700000000
def data(s):  # every text here is ASCII, so characters are bytes
    out.write(f"data {len(s)}\n{s}\n")
toml = '[project]\nname = "bench"\n\n[code_release]\nversion_files = [{ path = "VERSION", pattern = "{version}" }]\n'
out.write("commit refs/heads/main\nmark :1\n")
out.write(f"committer Bench <bench@example.com> {t} +0000\n")
data("feat: first release\n")
out.write("M 644 inline relctl.toml\n"); data(toml)
out.write("M 644 inline VERSION\n"); data("1.0.0\n")
out.write("reset refs/tags/code-v1.0.0\nfrom :1\n\n")
kinds = ["feat(api): add endpoint {i}", "fix: handle case {i}", "docs: explain {i}",
         "perf(db): faster query {i}", "chore: tidy {i}", "refactor(core): simplify {i}",
         "Update notes {i}", "fix(cli)!: rename flag {i}"]
for i in range(1, n + 1):
    msg = kinds[i % len(kinds)].format(i=i) + "\n"
    if i % 97 == 0:
        msg += "\nLonger body explaining the change.\n\nRefs: #%d\n" % i
    out.write(f"commit refs/heads/main\nmark :{i + 1}\n")
    out.write(f"committer Bench <bench@example.com> {t + i} +0000\n")
    data(msg)
    out.write(f"from :{i}\n")
    out.write(f"M 644 inline src/file{i % 50}.txt\n"); data(f"{i}\n")
    out.write("\n")
PY
git checkout -q main
git tag -a code-v1.0.0 -m "Release 1.0.0" code-v1.0.0 -f >/dev/null
git push -q origin main code-v1.0.0
git branch -q --set-upstream-to=origin/main main

# Each run times git log, then relctl, so that both see the same load; the
# best wall time and the best CPU time (user + system) of RUNS runs count.
# Both tools run on one core, so the CPU ratio holds on a busy machine where
# the wall ratio is noise.
timed() {  # prints "wall cpu" of one run of "$@"
  local r u s
  read -r r u s < <({ TIMEFORMAT='%R %U %S'; time "$@" >/dev/null 2>&1 || true; } 2>&1)
  echo "$r $(echo "$u + $s" | bc -l)"
}
smaller() { if (( $(echo "$1 < $2" | bc -l) )); then echo "$1"; else echo "$2"; fi; }

echo "bench: checking that the dry run passes..."
"$RELCTL" code-release --dry-run -q || { echo "bench: the dry run failed" >&2; exit 1; }

GIT_WALL=999 GIT_CPU=999 RELCTL_WALL=999 RELCTL_CPU=999
for _ in $(seq "$RUNS"); do
  read -r w c < <(timed git log --format=%s code-v1.0.0..HEAD)
  GIT_WALL=$(smaller "$w" "$GIT_WALL") GIT_CPU=$(smaller "$c" "$GIT_CPU")
  read -r w c < <(timed "$RELCTL" code-release --dry-run -q)
  RELCTL_WALL=$(smaller "$w" "$RELCTL_WALL") RELCTL_CPU=$(smaller "$c" "$RELCTL_CPU")
done
printf 'commits:                          %d (best of %d runs; wall, then CPU)\n' "$COMMITS" "$RUNS"
printf 'git log --format=%%s:              %.3fs  %.3fs\n' "$GIT_WALL" "$GIT_CPU"
printf 'relctl code-release --dry-run:    %.3fs  %.3fs\n' "$RELCTL_WALL" "$RELCTL_CPU"
printf 'ratio relctl / git log:           %.2fx  %.2fx (target <= 1.5x)\n' \
  "$(echo "$RELCTL_WALL / $GIT_WALL" | bc -l)" "$(echo "$RELCTL_CPU / $GIT_CPU" | bc -l)"
