#!/bin/sh
# The example's "deploy" ([[gates.command]] phase deploy of relctl promote):
# a real project restarts its service here. relctl hands it the release in
# RELCTL_TAG, RELCTL_VERSION, RELCTL_COMMIT and RELCTL_ENV.
set -eu
log="${RELCTL_ROOT:-.}/.relctl/deploy.log"
mkdir -p "$(dirname "$log")"
echo "deployed $RELCTL_TAG (version $RELCTL_VERSION, commit $(echo "$RELCTL_COMMIT" | cut -c1-7)) to $RELCTL_ENV" | tee -a "$log"
