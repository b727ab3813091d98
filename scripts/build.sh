#!/usr/bin/env bash
# Configures (once) and builds relctl and its tests into ./build with Ninja.
set -euo pipefail
cd "$(dirname "$0")/.."
"$PWD/scripts/deps.sh"
if [ ! -f build/build.ninja ]; then
  cmake -S . -B build -G Ninja -DRELCTL_WERROR="${RELCTL_WERROR:-ON}" >/dev/null
fi
ninja -C build "$@"
