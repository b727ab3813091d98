#!/usr/bin/env bash
# Installs relctl's package the way a user would and uses it (takes minutes):
#   1. scripts/package.sh (or the .deb given as $RELCTL_DEB);
#   2. a fresh Debian 12 root: debootstrap --variant=minbase bookworm, from
#      the Debian mirror this machine's apt uses;
#   3. inside it (chroot): apt-get install ./relctl_*.deb, which pulls the
#      dependencies dpkg-shlibdeps computed;
#   4. as an ordinary user there: relctl --version, the man page and the
#      completions at their paths, relctl init, relctl doctor (a Postgres
#      database reached by host name, its password read from ~/.pgpass, on
#      a throwaway cluster that scripts/pg.sh starts on this machine) and
#      relctl code-release --dry-run on a git repository with an origin;
#      the password appears in no output;
#   5. the GitHub Action's install step (scripts/action-install.sh) fetching
#      the package from a release served on 127.0.0.1: a package that does
#      not match SHA256SUMS is refused, the right one installed.
# Needs root (or sudo) for debootstrap and chroot. .ci/run runs it when
# RELCTL_PACKAGE_TEST=1; the README's test command never does.
#   RELCTL_DEBOOTSTRAP_CACHE=DIR   keep the downloaded .debs there between runs
set -euo pipefail
cd "$(dirname "$0")/.."
root_dir=$PWD
if [ "$(id -u)" -ne 0 ]; then
  exec sudo --preserve-env=RELCTL_DEB,RELCTL_DEBOOTSTRAP_CACHE,CI "$0" "$@"
fi
say() { printf '\n==> %s\n' "$*"; }
fail() { echo "package-test: FAILED: $*" >&2; exit 1; }

scripts/deps.sh debootstrap python3
deb="${RELCTL_DEB:-}"
if [ -z "$deb" ]; then
  say "scripts/package.sh"
  scripts/package.sh
  deb=$(ls build/package/relctl_*_amd64.deb)
fi
deb=$(realpath "$deb")

# The mirror apt already reaches (deb822 sources or sources.list).
mirror=$(grep -h -m1 -E '^URIs: .*/debian/?$' /etc/apt/sources.list.d/*.sources 2>/dev/null |
  awk '{print $2}' | head -n1 || true)
[ -n "$mirror" ] || mirror=$(awk '$1 == "deb" && $2 ~ /\/debian\/?$/ {print $2; exit}' \
  /etc/apt/sources.list 2>/dev/null || true)
[ -n "$mirror" ] || mirror=http://deb.debian.org/debian

work=$(mktemp -d /tmp/relctl-package-test.XXXXXX)
chroot_dir="$work/bookworm"
pg_dir=""
http_pid=""
cleanup() {
  [ -n "$http_pid" ] && kill "$http_pid" 2>/dev/null
  mountpoint -q "$chroot_dir/dev/pts" 2>/dev/null && umount "$chroot_dir/dev/pts"
  mountpoint -q "$chroot_dir/proc" 2>/dev/null && umount "$chroot_dir/proc"
  [ -n "$pg_dir" ] && "$root_dir/scripts/pg.sh" stop "$pg_dir"
  rm -rf "$work"
}
trap cleanup EXIT INT TERM

say "debootstrap --variant=minbase bookworm from $mirror"
cache=()
if [ -n "${RELCTL_DEBOOTSTRAP_CACHE:-}" ]; then
  mkdir -p "$RELCTL_DEBOOTSTRAP_CACHE"
  cache=(--cache-dir="$(realpath "$RELCTL_DEBOOTSTRAP_CACHE")")
fi
start=$(date +%s)
debootstrap --variant=minbase "${cache[@]}" bookworm "$chroot_dir" "$mirror" >"$work/debootstrap.log" 2>&1 ||
  { tail -n 30 "$work/debootstrap.log" >&2; fail "debootstrap"; }
echo "a fresh Debian 12 root in $(($(date +%s) - start))s: $(du -sh "$chroot_dir" | cut -f1)"
cp /etc/resolv.conf /etc/hosts "$chroot_dir/etc/"
mount -t proc proc "$chroot_dir/proc"
mount -t devpts devpts "$chroot_dir/dev/pts"   # apt's terminal log
in_root() { chroot "$chroot_dir" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

say "apt-get install ./$(basename "$deb")"
cp "$deb" "$chroot_dir/tmp/"
in_root apt-get update -qq
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  "/tmp/$(basename "$deb")" >"$work/apt.log" 2>&1 || { cat "$work/apt.log" >&2; fail "apt-get install"; }
grep -E '^(Get|Setting up|Unpacking)' "$work/apt.log" | grep -o 'Setting up [^ ]*' | sed 's/^/  /' || true

# The project: a git repository with a bare origin, made with this
# machine's git (the Debian root has none: relctl needs no git program).
say "a project for user 'ann' inside the root"
in_root useradd --create-home --shell /bin/bash ann
home="$chroot_dir/home/ann"
git init -q --bare -b main "$home/origin.git"
git init -q -b main "$home/demo"
git -C "$home/demo" config user.name "Ann Example"
git -C "$home/demo" config user.email "ann@example.com"
printf 'demo\n' >"$home/demo/README.md"
git -C "$home/demo" add -A
git -C "$home/demo" commit -q -m "feat: first"
# This machine's git on ann's repositories, which ann owns from here on (a
# global config of its own trusts them); the remote is named by its path
# inside the root and reached through the root.
mkdir -p "$work/git-home"
printf '[safe]\n\tdirectory = *\n[url "%s/"]\n\tinsteadOf = /home/ann/\n' "$home" >"$work/git-home/.gitconfig"
host_git() { HOME="$work/git-home" git -C "$home/demo" "$@"; }
host_git remote add origin /home/ann/origin.git
host_git push -q -u origin main
chroot "$chroot_dir" chown -R ann:ann /home/ann

# A throwaway Postgres cluster on this machine; the chroot shares the
# network, so "localhost" there reaches it.
eval "$(scripts/pg.sh start)"
pg_dir="$RELCTL_TEST_PG_DIR"
printf 'localhost:%s:postgres:relctl_test:%s\n' "$RELCTL_TEST_PG_PORT" "$RELCTL_TEST_PG_PASSWORD" >"$home/.pgpass"
chmod 600 "$home/.pgpass"
chroot "$chroot_dir" chown ann:ann /home/ann/.pgpass

as_ann() {
  chroot --userspec=ann:ann "$chroot_dir" /usr/bin/env -i PATH=/usr/bin:/bin HOME=/home/ann \
    LANG=C.UTF-8 USER=ann GIT_AUTHOR_NAME="Ann Example" GIT_AUTHOR_EMAIL=ann@example.com \
    DEMO_DB_URL="postgresql://relctl_test@localhost:$RELCTL_TEST_PG_PORT/postgres" \
    /bin/sh -c "cd /home/ann/demo && $1"
}
log="$work/relctl.log"
run() {  # run "what" "command line": prints and logs the output, fails on a non-zero exit
  say "$1"
  as_ann "$2" 2>&1 | tee -a "$log" || fail "$1"
}

run "relctl --version" "relctl --version"
grep -Eq '^relctl [0-9]+\.[0-9]+\.[0-9]+ \([0-9a-f]{7,40} [0-9]{4}-[0-9]{2}-[0-9]{2}\)$' "$log" ||
  fail "relctl --version: no version, commit and date"
for f in /usr/bin/relctl /usr/share/man/man1/relctl.1.gz /usr/share/bash-completion/completions/relctl \
  /usr/share/zsh/vendor-completions/_relctl /usr/share/fish/vendor_completions.d/relctl.fish \
  /usr/share/doc/relctl/copyright /usr/share/doc/relctl/changelog.gz /usr/share/doc/relctl/README.md; do
  [ -f "$chroot_dir$f" ] || fail "the package did not install $f"
done
echo "man page, completions (bash, zsh, fish) and documentation installed"
zcat "$chroot_dir/usr/share/man/man1/relctl.1.gz" | head -n1 | grep -q '^\.TH RELCTL 1' || fail "man page"

run "relctl init" "relctl init"
# relctl.toml is committed before a release (git.clean refuses a dirty tree);
# the database is the throwaway cluster, reached by host name with ~/.pgpass.
printf '\n[databases.demo]\nurl_env = "DEMO_DB_URL"\n' >>"$home/demo/relctl.toml"
host_git add relctl.toml
host_git commit -q -m "chore: relctl.toml"
host_git push -q
chroot "$chroot_dir" chown -R ann:ann /home/ann
run "relctl doctor" "relctl doctor"
grep -q "ok.*database demo.*PostgreSQL 15" "$log" || fail "doctor did not reach the database by host name with ~/.pgpass"
run "relctl code-release --dry-run" "relctl code-release --dry-run"
grep -q "dry run passed" "$log" || fail "the dry run did not pass"
# GSSAPI (Kerberos) is in the libpq the package uses: asking for GSSAPI
# encryption fails for want of a ticket, not of support.
say "libpq with GSSAPI: gssencmode=require"
as_ann "DEMO_DB_URL=\"\$DEMO_DB_URL?gssencmode=require\" relctl doctor" >"$work/gss.log" 2>&1 || true
cat "$work/gss.log" >>"$log"
grep -q "database demo" "$work/gss.log" || fail "doctor said nothing of the database"
if grep -q "not compiled in" "$work/gss.log"; then fail "libpq lacks GSSAPI"; fi
grep -o "GSSAPI[^;]*" "$work/gss.log" | head -n1
if grep -rqF "$RELCTL_TEST_PG_PASSWORD" "$log" "$home/demo/.relctl"; then
  fail "the database password appears in relctl's output or ledger"
fi
# The action's install step, as in a job's container: the release's .deb
# and SHA256SUMS (naming it build/package/...) from a web server.
say "the GitHub Action's install step from a release"
version=$(dpkg-deb -f "$deb" Version)
version=${version%-*}
release="$work/www/owner/relctl/releases/download/v$version"
mkdir -p "$release" "$chroot_dir/opt/relctl-action/scripts"
cp "$deb" "$release/"
cp scripts/action-install.sh scripts/action-outputs.sh "$chroot_dir/opt/relctl-action/scripts/"
cp CMakeLists.txt "$chroot_dir/opt/relctl-action/"
port=$(( 20000 + RANDOM % 40000 ))
python3 -m http.server "$port" --bind 127.0.0.1 --directory "$work/www" >"$work/http.log" 2>&1 &
http_pid=$!
sleep 1
action_install() {
  in_root env RELCTL_ACTION_PATH=/opt/relctl-action RELCTL_REPOSITORY=owner/relctl \
    GITHUB_SERVER_URL="http://127.0.0.1:$port" bash /opt/relctl-action/scripts/action-install.sh
}
in_root apt-get remove -y -qq relctl >/dev/null
printf '%064d  build/package/%s\n' 0 "$(basename "$deb")" >"$release/SHA256SUMS"
if action_install >"$work/action.log" 2>&1; then cat "$work/action.log"; fail "a package not matching SHA256SUMS was installed"; fi
grep -h "does not match" "$work/action.log"
(cd "$(dirname "$deb")" && sha256sum "$(basename "$deb")") | sed 's|  |  build/package/|' >"$release/SHA256SUMS"
action_install || fail "the action's install step"
in_root relctl --version | grep -q "^relctl $version " || fail "the action did not install relctl $version"

say "package test passed: $(basename "$deb") installs and runs on a fresh Debian 12"
