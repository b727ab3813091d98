#!/usr/bin/env bash
# Installs relctl for action.yml. The version is $RELCTL_VERSION, or the one
# in the action's own CMakeLists.txt (the release its `uses:` ref points to).
# It downloads relctl_VERSION-1_amd64.deb and SHA256SUMS from the release
# vVERSION of $RELCTL_REPOSITORY (default: the repository the action came
# from), checks the checksum and installs the package with apt-get; when
# there is no such release, it builds relctl from the action's source
# (scripts/build.sh --release, Debian 12). Installs curl and jq when missing.
set -euo pipefail
src="${RELCTL_ACTION_PATH:?}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
apt_install() {
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
missing=()
for tool in curl jq; do command -v "$tool" >/dev/null || missing+=("$tool"); done
[ ${#missing[@]} -eq 0 ] || apt_install ca-certificates "${missing[@]}"

version="${RELCTL_VERSION:-}"
version="${version#v}"
[ -n "$version" ] || version=$(sed -n 's/^project(relctl VERSION \([0-9.]*\) .*/\1/p' "$src/CMakeLists.txt")
if command -v relctl >/dev/null && relctl --version | grep -q "^relctl $version "; then
  echo "relctl: $(relctl --version) is installed"
  exit 0
fi
# The action's own repository, from its path: .../_actions/OWNER/NAME/REF.
repo="${RELCTL_REPOSITORY:-}"
if [ -z "$repo" ] && [[ "$src" =~ /_actions/([^/]+)/([^/]+)/[^/]+$ ]]; then
  repo="${BASH_REMATCH[1]}/${BASH_REMATCH[2]}"
fi

tmp=$(mktemp -d)
deb="relctl_${version}-1_amd64.deb"
base="${GITHUB_SERVER_URL:-https://github.com}/$repo/releases/download/v$version"
auth=()
[ -z "${GH_TOKEN:-}" ] || auth=(-H "Authorization: Bearer $GH_TOKEN")
if [ -n "$repo" ] && curl -fsSL "${auth[@]}" -o "$tmp/$deb" "$base/$deb" &&
   curl -fsSL "${auth[@]}" -o "$tmp/SHA256SUMS" "$base/SHA256SUMS"; then
  # SHA256SUMS names the files by their path in relctl's build (build/package/...).
  (cd "$tmp" && grep " build/package/$deb\$" SHA256SUMS | sed 's| build/package/| |' | sha256sum -c -) ||
    { echo "relctl: $deb does not match the release's SHA256SUMS" >&2; exit 1; }
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$tmp/$deb" >/dev/null
else
  echo "relctl: no release v$version${repo:+ in $repo} with $deb; building relctl from source (minutes)"
  "$src/scripts/build.sh" --release
  $sudo install -m 755 "$src/build-release/src/relctl" /usr/local/bin/relctl
fi
echo "relctl: $(relctl --version)"
