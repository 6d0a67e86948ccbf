#!/usr/bin/env bash
# Where a saga spends its time, read from the four databases of the running stack (./shop up):
#   relay delay     outbox row written -> published to Kafka (per service and event type)
#   consumer delay  published -> the consuming transaction started (per event type and consumer)
#   order steps     time between the steps of the orders' timelines
# Usage: load-tests/scripts/saga-stages.sh ["10 minutes"]   (only events of that last period; default 10 minutes)
# Needs the psql client (Debian: apt install postgresql-client) and python3. Honours SHOP_PORT_OFFSET.
set -euo pipefail
since=${1:-10 minutes}
psql=$(command -v psql || ls /usr/lib/postgresql/*/bin/psql 2>/dev/null | tail -n 1 || true)
if [ -z "$psql" ]; then
  echo "saga-stages: no psql client found; install it (Debian: apt install postgresql-client)." >&2
  exit 1
fi
command -v python3 >/dev/null || { echo "saga-stages: python3 is needed." >&2; exit 1; }
port=$((15432 + ${SHOP_PORT_OFFSET:-0}))
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
query() { PGPASSWORD=$1 "$psql" -h 127.0.0.1 -p "$port" -U "$1" "$1" -At -F, -c "$2"; }
for db in orders inventory payments; do
  query $db "select '$db', id, type, extract(epoch from occurred_at), extract(epoch from published_at)
             from outbox_event where occurred_at > now() - interval '$since'" > "$work/out_$db.csv"
  query $db "select '$db', event_id, extract(epoch from processed_at)
             from processed_event where processed_at > now() - interval '$since'" > "$work/in_$db.csv"
done
python3 - "$work" <<'PY'
import collections, csv, glob, sys
work = sys.argv[1]
outbox = {}
for name in glob.glob(work + '/out_*.csv'):
    for db, event_id, event_type, occurred, published in csv.reader(open(name)):
        outbox[event_id] = (db, event_type, float(occurred), float(published) if published else None)
relay, consumed = collections.defaultdict(list), collections.defaultdict(list)
for db, event_type, occurred, published in outbox.values():
    if published:
        relay[(db, event_type)].append(published - occurred)
for name in glob.glob(work + '/in_*.csv'):
    for db, event_id, processed in csv.reader(open(name)):
        if event_id in outbox and outbox[event_id][3]:
            consumed[(outbox[event_id][1], db)].append(float(processed) - outbox[event_id][3])
def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(p * len(values)))] * 1000
print("relay delay (outbox row -> published), ms")
for (db, event_type), v in sorted(relay.items()):
    print(f"  {db:10} {event_type:40} n={len(v):6} p50={pct(v, .5):8.0f} p99={pct(v, .99):8.0f}")
print("consumer delay (published -> consuming transaction started), ms")
for (event_type, db), v in sorted(consumed.items()):
    print(f"  {event_type:40} by {db:10} n={len(v):6} p50={pct(v, .5):8.0f} p99={pct(v, .99):8.0f}")
PY
echo "order steps (from -> to: orders, p50 ms, p99 ms)"
query orders "with s as (select order_id, step_no, step, at from order_timeline where at > now() - interval '$since')
  select '  ' || a.step || ' -> ' || b.step, count(*),
         round(percentile_cont(0.5) within group (order by extract(epoch from b.at - a.at))::numeric * 1000),
         round(percentile_cont(0.99) within group (order by extract(epoch from b.at - a.at))::numeric * 1000)
  from s a join s b on a.order_id = b.order_id and b.step_no = a.step_no + 1 group by 1 order by 1"
