#!/bin/sh
# The example project's test suite: a stand-in for pytest that really checks
# something (the package metadata is well-formed).
set -eu
grep -q '^version = "' pyproject.toml
echo "gamebot tests: 1 passed"
