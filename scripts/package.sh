#!/usr/bin/env bash
# Builds the release binary and packages it (no arguments):
#   build/package/relctl_X.Y.Z-1_amd64.deb          the Debian 12 package
#   build/package/relctl-X.Y.Z-linux-amd64.tar.gz   the same files for other Linux systems
# Installs what packaging needs (dpkg-dev, lintian), builds with
# `scripts/build.sh --release` (build-release/), runs CPack (the .deb's
# dependencies come from dpkg-shlibdeps), prints what the binary links and
# its size, and fails on any lintian error or warning that
# packaging/lintian-overrides does not document.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/deps.sh dpkg-dev file lintian xz-utils
scripts/build.sh --release

out=build/package
rm -rf build-release/package "$out"
cpack --preset release >/dev/null
mkdir -p "$out"
mv build-release/package/relctl_*_amd64.deb build-release/package/relctl-*-linux-amd64.tar.gz "$out"/
deb=$(ls "$out"/relctl_*_amd64.deb)
tarball=$(ls "$out"/relctl-*-linux-amd64.tar.gz)

binary=build-release/src/relctl
echo "relctl: $("$binary" --version)"
echo "relctl: binary size $(stat -c %s "$binary") bytes ($(du -h "$binary" | cut -f1))"
echo "relctl: shared libraries it needs (ldd):"
ldd "$binary" | sed 's/^/    /'
echo "relctl: package dependencies (dpkg-shlibdeps): $(dpkg-deb -f "$deb" Depends)"
echo "relctl: lintian $deb"
lintian --fail-on error,warning --info --display-info "$deb"
echo "relctl: $deb ($(du -h "$deb" | cut -f1))"
echo "relctl: $tarball ($(du -h "$tarball" | cut -f1))"
