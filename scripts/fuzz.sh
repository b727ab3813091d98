#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) into ./build-fuzz and
# runs each for SECONDS (default 60), starting from its seed corpus in
# tests/fuzz/<target>/. Exits 0 when nothing was found. A finding leaves the
# input in build-fuzz/findings/<target>/ and the report in
# build-fuzz/findings/<target>.log, and makes the script exit 1.
#   scripts/fuzz.sh          every target for 60 seconds
#   scripts/fuzz.sh 10       every target for 10 seconds (CI)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
scripts/deps.sh
if [ ! -f build-fuzz/build.ninja ]; then
  cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DRELCTL_FUZZ=ON \
    -DCMAKE_BUILD_TYPE=Release >/dev/null
fi
ninja -C build-fuzz

targets=(config dotenv sql_splitter conventional_commit manifest redactor sanitizer)
found=0
for t in "${targets[@]}"; do
  # The working corpus grows across runs; the seeds in tests/fuzz stay as committed.
  mkdir -p "build-fuzz/corpus/$t" "build-fuzz/findings/$t"
  log="build-fuzz/findings/$t.log"
  if build-fuzz/tests/fuzz/fuzz_"$t" "build-fuzz/corpus/$t" "tests/fuzz/$t" \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -artifact_prefix="build-fuzz/findings/$t/" >"$log" 2>&1; then
    runs=$(grep -o 'Done [0-9]* runs' "$log" | tail -1 || true)
    echo "relctl: fuzz_$t: nothing found in ${seconds}s (${runs:-no stats})"
  else
    echo "relctl: fuzz_$t FOUND A PROBLEM: $log, input in build-fuzz/findings/$t/" >&2
    tail -n 40 "$log" >&2
    found=1
  fi
done
exit "$found"
