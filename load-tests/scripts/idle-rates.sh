#!/usr/bin/env bash
# What the running stack (./shop up) does while nobody uses it, over a window (default 60 s):
#   transactions per second committed in each service's database (pg_stat_database.xact_commit)
#   CPU-ms per second of each component's process tree (utime + stime from /proc, 100 ticks/s)
# Usage: load-tests/scripts/idle-rates.sh [seconds]   Run it on a quiet stack: every request in the window counts.
# Needs the psql client (Debian: apt install postgresql-client). Honours SHOP_PORT_OFFSET and SHOP_DATA_DIR.
set -euo pipefail
cd "$(dirname "$0")/../.."
window=${1:-60}
psql=$(command -v psql || ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | tail -n 1 || true)
[ -n "$psql" ] || { echo "idle-rates: no psql client found; install it (Debian: apt install postgresql-client)." >&2; exit 1; }
port=$((15432 + ${SHOP_PORT_OFFSET:-0}))
databases="inventory orders payments users"

commits() { for db in $databases; do
  echo "$db $(PGPASSWORD=$db "$psql" -h 127.0.0.1 -p "$port" -U "$db" "$db" -At \
    -c "select xact_commit from pg_stat_database where datname = current_database()")"; done; }
# "<component> <pid>" of every running component but the launcher (whose tree holds all the others)
components() { ./shop status | sed -n 's/^ *\([a-z-]*\) *running (pid \([0-9]*\)).*/\1 \2/p' | grep -v '^launcher '; }
tree() { echo "$1"; local child; for child in $(cat /proc/"$1"/task/*/children 2>/dev/null); do tree "$child"; done; }
ticks() { local sum=0 pid; for pid in $(tree "$1"); do
  sum=$((sum + $(awk '{print $14 + $15}' /proc/"$pid"/stat 2>/dev/null || echo 0))); done; echo "$sum"; }

before_commits=$(commits)
declare -A before_ticks
while read -r name pid; do before_ticks[$name]=$(ticks "$pid"); done < <(components)
echo "idle-rates: measuring for $window s ..."
sleep "$window"
after_commits=$(commits)

echo "| database | commits/s |"
echo "|---|---:|"
join <(echo "$before_commits") <(echo "$after_commits") \
  | awk -v s="$window" '{ d = ($3 - $2) / s; t += d; printf "| %s | %.2f |\n", $1, d } END { printf "| total | %.2f |\n", t }'
echo
echo "| component | CPU-ms/s |"
echo "|---|---:|"
total=0
while read -r name pid; do
  delta=$(( $(ticks "$pid") - ${before_ticks[$name]:-0} ))
  total=$((total + delta))
  awk -v n="$name" -v d="$delta" -v s="$window" 'BEGIN { printf "| %s | %.1f |\n", n, d * 10 / s }'
done < <(components | sort)
awk -v d="$total" -v s="$window" 'BEGIN { printf "| total | %.1f |\n", d * 10 / s }'
