#!/usr/bin/env bash
# Installs the Debian 12 packages relctl needs to build and test, only when
# one is missing (fast when everything is there). Uses sudo when not root.
#   scripts/deps.sh [PACKAGE...]   also these (packaging: lintian, debootstrap)
set -euo pipefail

packages=(g++ cmake ninja-build pkg-config git ccache clang-format
  libgit2-dev libpqxx-dev libpq-dev libsqlitecpp-dev libsqlite3-dev sqlite3
  libcli11-dev nlohmann-json3-dev libspdlog-dev libfmt-dev libtomlplusplus-dev
  libcurl4-openssl-dev catch2 postgresql)
# Sanitizer and fuzz builds; llvm-symbolizer for their reports.
packages+=(clang libclang-rt-14-dev llvm)
# The release build links the static archives of libgit2's own dependencies,
# and Kerberos's GSSAPI (shared), which libgit2 uses.
packages+=(libmbedtls-dev libhttp-parser-dev libssh2-1-dev libpcre2-dev zlib1g-dev libkrb5-dev)
# The completion tests run the shells; the man page test runs groff.
packages+=(bash-completion zsh fish groff-base)
# The GitHub Action's output script (scripts/action-outputs.sh) and its test read JSON with jq.
packages+=(jq)
# The signing tests make a throwaway GnuPG key and SSH key and verify with them.
packages+=(gnupg openssh-client)
packages+=("$@")

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "relctl: installing missing packages: ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || { echo "relctl: need root or sudo to install ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
