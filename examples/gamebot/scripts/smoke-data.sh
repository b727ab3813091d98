#!/bin/sh
# The data team's smoke test of the snapshot, run by `relctl data-release`
# in [phase verify]: the trivia the bot answers most must be there.
set -eu
db=data/gamebot.sqlite
missing=$(sqlite3 "$db" "SELECT count(*) FROM seasons s WHERE NOT EXISTS (SELECT 1 FROM episodes e WHERE e.season_id = s.season_id AND e.number = 1)")
if [ "$missing" != 0 ]; then
  echo "smoke: $missing seasons have no first episode" >&2
  exit 1
fi
winners=$(sqlite3 "$db" "SELECT count(*) FROM castaways WHERE result = 'Sole Survivor'")
echo "smoke: $winners winners, every season has its first episode"
