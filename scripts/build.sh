#!/usr/bin/env bash
# Configures (once) and builds relctl and its tests into ./build with Ninja.
#   scripts/build.sh [TARGET...]            the development build (build/)
#   scripts/build.sh --release [TARGET...]  the release build (build-release/,
#       the CMake preset `release`): libraries linked statically, hardened,
#       stripped; no tests. scripts/package.sh packages it.
set -euo pipefail
cd "$(dirname "$0")/.."
"$PWD/scripts/deps.sh"
if [ "${1:-}" = "--release" ]; then
  shift
  if [ ! -f build-release/build.ninja ]; then
    cmake --preset release >/dev/null
  fi
  exec ninja -C build-release "$@"
fi
if [ ! -f build/build.ninja ]; then
  cmake -S . -B build -G Ninja -DRELCTL_WERROR="${RELCTL_WERROR:-ON}" >/dev/null
fi
ninja -C build "$@"
