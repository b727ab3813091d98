#!/bin/sh
# Fails when a Catch2 test name holds a ';': CTest splits such a name into two
# tests that run no case and pass, so the case itself would never run.
# Usage: test_names.sh PATH/TO/relctl_tests
set -eu
bad="$("$1" --list-test-names-only | grep ';' || true)"
if [ -n "$bad" ]; then
  echo "test names with ';' never run under CTest; rename them:" >&2
  echo "$bad" >&2
  exit 1
fi
