#!/bin/sh
# Serves bare repositories over git:// on 127.0.0.1, with pushes enabled, so
# that their server hooks (pre-receive, update) run on push as on a forge.
#
#   tests/support/git_daemon.sh start BASE_DIR PID_FILE   prints the port
#   tests/support/git_daemon.sh stop PID_FILE
#
# A repository BASE_DIR/origin.git is then git://127.0.0.1:PORT/origin.git.
# `start` picks a random free port (another one when it is taken) and returns
# once the daemon answers; `stop` ends that daemon only (by its pid file).
set -eu

usage() {
  echo "usage: $0 start BASE_DIR PID_FILE | stop PID_FILE" >&2
  exit 2
}

random_port() {
  echo $(($(od -An -N2 -tu2 /dev/urandom) % 30000 + 20000))
}

answers() {
  # Any answer from the daemon (even "not exported") means it listens.
  GIT_TERMINAL_PROMPT=0 git ls-remote "git://127.0.0.1:$1/.relctl-probe" 2>&1 |
    grep -q 'remote error'
}

case "${1:-}" in
start)
  [ $# -eq 3 ] || usage
  base=$(cd "$2" && pwd)
  pid_file=$3
  attempt=0
  while [ $attempt -lt 20 ]; do
    attempt=$((attempt + 1))
    port=$(random_port)
    rm -f "$pid_file"
    answers "$port" && continue # someone else's daemon
    git daemon --detach --reuseaddr --listen=127.0.0.1 --port="$port" --base-path="$base" \
      --export-all --enable=receive-pack --informative-errors --pid-file="$pid_file" "$base" ||
      continue
    # The detached daemon writes its pid file a moment after `git daemon` returns.
    tries=0
    while [ $tries -lt 400 ]; do
      if [ -s "$pid_file" ] && ! kill -0 "$(cat "$pid_file")" 2>/dev/null; then
        break # it died: the port was taken
      fi
      if answers "$port"; then
        echo "$port"
        exit 0
      fi
      tries=$((tries + 1))
      sleep 0.05
    done
    [ -s "$pid_file" ] && kill "$(cat "$pid_file")" 2>/dev/null || true
  done
  echo "$0: cannot start git daemon for $base" >&2
  exit 1
  ;;
stop)
  [ $# -eq 2 ] || usage
  if [ -f "$2" ]; then
    kill "$(cat "$2")" 2>/dev/null || true
    rm -f "$2"
  fi
  ;;
*) usage ;;
esac
