#!/usr/bin/env bash
# Runs a Gatling suite against the running stack (./shop up) and prints a short summary.
#
#   load-tests/run.sh browse   [-Drate=1000 -Dduration=120 -Dwarmup=60 -DbaseUrl=http://localhost:8080]
#   load-tests/run.sh checkout [-DordersPerSecond=50 -Dcustomers=1000]
#   load-tests/run.sh mixed    [-Drate=1000 -DcheckoutShare=0.1]
#   load-tests/run.sh mixed -Drate=20 -Dwarmup=5 -Dduration=20 -Dsmoke=true   CI smoke: errors only, no latency SLO
#   load-tests/run.sh stress   [-Dduration=30]   rising rates of the browse suite (100 req/s up, STRESS_RATES=
#                                                  to choose them); prints the highest meeting the SLO
#   load-tests/run.sh cost     [-Didle=20 -Drate=4 -Dduration=60 -DreadRate=200 -DreadDuration=30 -Dcustomers=100]
#                              CPU-ms per order and per catalog read of each component, from /proc (not Gatling):
#                              idle, then orders without polling, then anonymous reads; table in load-tests/target/cost.md
#   load-tests/run.sh fuzz     [-Dfuzz.requests=1000000 -Dfuzz.concurrency=16 -Dfuzz.seed=N]   not Gatling: mutated
#                              requests to every endpoint (infra/stack-tests, dev.shop.stack.fuzz); progress, then a table;
#                              exit 1 on any answer >= 500 or error answer without problem+json (load-tests/target/fuzz.log)
#   load-tests/run.sh chaos    [-Dchaos.rate=3 -Dchaos.rounds=2 -Dchaos.outage=90 -Dchaos.quiet=10]   not Gatling: orders
#                              from retrying clients while every component is killed (SIGKILL) in turn and PostgreSQL
#                              and Kafka are held down; then a table of what was lost; exit 1 on any loss
#                              (infra/stack-tests, dev.shop.stack.chaos; load-tests/target/chaos.log)
# First -Dwarmup seconds ramp up to the rate and hold it, not measured (Gatling's own JIT); then -Dduration are.
#
# The HTML report lands in load-tests/target/gatling/<run>/index.html; a failed SLO assertion exits 1.
# After checkout, mixed and cost runs the saga invariants are checked (./shop check); a violation exits 1.
# A stack that has served fewer than 10,000 requests is warmed up first by the same suite (about 6.5 minutes; for
# cost one pass of the probe), not measured; SHOP_LOAD_WARMUP=off skips it.
# SHOP_PORT_OFFSET (as for ./shop up) moves the default gateway and Keycloak URLs.
set -euo pipefail
cd "$(dirname "$0")/.."
. infra/scripts/find-jdk.sh

suite=${1:-}
[ $# -gt 0 ] && shift
case "$suite" in
  browse) class=BrowseSimulation ;;
  checkout) class=CheckoutSimulation ;;
  mixed) class=MixedSimulation ;;
  stress|cost|fuzz|chaos) ;;
  *) sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac

offset=${SHOP_PORT_OFFSET:-0}
base_url=http://localhost:$((8080 + offset))
issuer=http://localhost:$((8180 + offset))/realms/shop
duration= # the measured seconds when -Dduration= is given (LoadSettings' default: 120)
for arg in "$@"; do
  case "$arg" in
    -DbaseUrl=*) base_url=${arg#-DbaseUrl=} ;;
    -Dissuer=*) issuer=${arg#-Dissuer=} ;;
    -Dduration=*) duration=${arg#-Dduration=} ;;
  esac
done
if ! curl -fsS -o /dev/null "$base_url/q/health/ready" 2>/dev/null; then
  echo "The gateway at $base_url is not ready: start the stack first with ./shop up." >&2
  exit 1
fi

console=load-tests/target/last-run.log
run_suite() { # $1 = simulation class, then -D options; the console output is kept for the summary
  local simulation=$1; shift
  mkdir -p load-tests/target
  ./mvnw -B -ntp -pl load-tests gatling:test -Dgatling.simulationClass="dev.shop.load.$simulation" \
    -DbaseUrl="$base_url" -Dissuer="$issuer" "$@" 2>&1 | tee "$console"
}

summary() { # $1 = the measured seconds
  local report
  report=$(ls -dt load-tests/target/gatling/*/ 2>/dev/null | head -n 1 || true)
  [ -n "$report" ] || return 0
  "$JAVA_HOME/bin/java" load-tests/scripts/Summary.java "$console" "$report" "$base_url" "$1"
}

# For the first minutes of a stack the JIT compilers of its seven JVMs take up to half of the CPU, and a first run
# measures them, not the system (BENCHMARKS.md, rounds 4 and 5). So a stack that has served fewer than 10,000
# requests first gets a throw-away run of the same suite at the same rate (6 minutes, so that the paths and the
# rate to be measured are the ones compiled; 3 were not enough for reads at 1000 req/s), then the wait for its sagas.
# Not for smoke runs; SHOP_LOAD_WARMUP=off skips it.
warm_up_if_cold() { # $1 = the simulation to warm up with, then the run's -D options
  local simulation=$1 arg served
  shift
  for arg in "$@"; do [ "$arg" != -Dsmoke=true ] || return 0; done
  [ "${SHOP_LOAD_WARMUP:-auto}" != off ] || return 0
  served=$(metric_sum "$base_url/q/metrics" gateway_upstream_duration_seconds_count)
  [ "${served:-0}" -lt 10000 ] || return 0
  echo "== Warm-up: the gateway has served ${served:-0} requests since it started, so its JVMs are still compiling."
  echo "== Running the same suite for 6 minutes first, not measured (SHOP_LOAD_WARMUP=off skips this)..."
  with_progress 360 load-tests/target/warm-up.log run_suite "$simulation" "$@" -Dwarmup=60 -Dduration=300 -Dsmoke=true || true
  await_sagas_settled
  echo "== Warm-up done (its output: load-tests/target/warm-up.log)."
}

# Sagas of the warm-up still in flight would be measured by the next run: wait until no order has finished for
# 5 s (order-service's shop_orders_finished_total stands still), at most 3 minutes.
# Runs a silent step in the background, its output into a file, and says every 30 s that it still runs, with the
# requests the gateway has served so far: a warm-up of minutes must not look like a hang.
with_progress() { # $1 = the seconds it should take (0: unknown), $2 = the file for its output, then the command
  local expected=$1 output=$2 pid started=$SECONDS status=0 of=""
  shift 2
  [ "$expected" -eq 0 ] || of=" of about $expected s"
  "$@" > "$output" 2>&1 &
  pid=$!
  while ! wait_up_to 30 "$pid"; do
    echo "   warm-up still running: $((SECONDS - started)) s$of, the gateway has served $(metric_sum "$base_url/q/metrics" gateway_upstream_duration_seconds_count) requests"
  done
  wait "$pid" || status=$?
  return $status
}

wait_up_to() { # $1 = seconds, $2 = pid: true as soon as the process has ended, false when it still runs after $1 s
  local waited=0
  while kill -0 "$2" 2>/dev/null; do
    [ "$waited" -lt "$1" ] || return 1
    sleep 1
    waited=$((waited + 1))
  done
}

await_sagas_settled() {
  local port=${base_url##*:} metrics before after waited=0
  case "$port" in ''|*[!0-9]*) sleep 30; return 0 ;; esac # no port: order-service's address is unknown
  metrics=${base_url%:*}:$((port + 2))/q/metrics # order-service is two ports above the gateway (as in Summary.java)
  after=$(metric_sum "$metrics" shop_orders_finished_total)
  while [ "$waited" -lt 180 ]; do
    before=$after
    sleep 5
    waited=$((waited + 5))
    after=$(metric_sum "$metrics" shop_orders_finished_total)
    [ "$after" != "$before" ] || return 0
    echo "   orders of the warm-up still finishing ($after so far)..."
  done
}

metric_sum() { # $1 = a /q/metrics URL, $2 = a metric name: the sum of all its series (0 when unreachable)
  curl -fsS "$1" 2>/dev/null | awk -v name="$2" '$1 ~ "^" name "({|$)" {n += $2} END {printf "%d", n}'
}

# CPU time of one order and of one catalog read, per component (load-tests/scripts/CostProbe.java reads /proc).
# Only the processes registered by ./shop up in this checkout's data directory (SHOP_DATA_DIR as for ./shop up) are
# measured, never another stack on the same machine. A cold stack (as warm_up_if_cold) first gets one pass of the
# probe, not measured: the JIT compilers' CPU would otherwise be counted as the cost of the first operations.
cost_probe() { # the run's -D options
  "$JAVA_HOME/bin/java" -DdataDir="${SHOP_DATA_DIR:-$PWD/.data}" -DbaseUrl="$base_url" -Dissuer="$issuer" \
    -DclkTck="$(getconf CLK_TCK)" "$@" load-tests/scripts/CostProbe.java load-tests/target/cost.md
}

run_cost() {
  local served
  served=$(metric_sum "$base_url/q/metrics" gateway_upstream_duration_seconds_count)
  if [ "${SHOP_LOAD_WARMUP:-auto}" != off ] && [ "${served:-0}" -lt 10000 ]; then
    echo "== Warm-up: the gateway has served ${served:-0} requests since it started; one pass of the probe first, not measured"
    echo "== (its output: load-tests/target/warm-up.log; SHOP_LOAD_WARMUP=off skips it)..."
    with_progress 0 load-tests/target/warm-up.log cost_probe "$@" -Didle=0 || true
  fi
  local status=0
  cost_probe "$@" || status=$?
  check_invariants || status=1
  return $status
}

check_invariants() { # the saga's invariants hold once the last orders of the run have finished
  echo "Checking the saga invariants (./shop check) once the last orders have finished..."
  sleep 10
  ./shop check
}

# The fuzz suite is a JUnit test of infra/stack-tests that runs only when given a stack (-Dfuzz.baseUrl); local-stack
# is built with it, for the token and forged-token helpers. Start the stack with SHOP_GATEWAY_PROFILE=bench, or most
# requests meet the rate limit (429) instead of the services.
run_fuzz() { # the run's -D options
  ./mvnw -B -ntp -pl infra/local-stack,infra/stack-tests test -Dtest=RunningStackFuzzTest \
    -Dsurefire.failIfNoSpecifiedTests=false -Dfuzz.baseUrl="$base_url" -Dfuzz.issuer="$issuer" "$@" 2>&1 \
    | tee load-tests/target/fuzz.log
}

# The chaos run, like the fuzz suite, is a JUnit test of infra/stack-tests that runs only when given a stack.
run_chaos() { # the run's -D options
  ./mvnw -B -ntp -pl infra/local-stack,infra/stack-tests test -Dtest=RunningStackChaosTest \
    -Dsurefire.failIfNoSpecifiedTests=false -Dchaos.baseUrl="$base_url" -Dchaos.issuer="$issuer" \
    -Dchaos.dataDir="${SHOP_DATA_DIR:-$PWD/.data}" "$@" 2>&1 | tee load-tests/target/chaos.log
}

mkdir -p load-tests/target
if [ "$suite" = chaos ]; then
  run_chaos "$@"
  exit
fi
if [ "$suite" = fuzz ]; then
  run_fuzz "$@"
  exit
fi
if [ "$suite" = cost ]; then
  run_cost "$@"
  exit
fi
warm_up_if_cold "${class:-BrowseSimulation}" "$@"

if [ "$suite" != stress ]; then
  status=0
  run_suite "$class" "$@" || status=$?
  summary "${duration:-120}" || echo "(no summary: see the report above)"
  if [ "$suite" != browse ]; then
    check_invariants || status=1
  fi
  exit $status
fi

best=0
# From low rates up, so that a small machine still finds its rate; STRESS_RATES="..." replaces the ladder.
for rate in ${STRESS_RATES:-100 200 300 400 500 750 1000 1500 2000 3000 4000 6000 8000 10000 12000 16000}; do
  echo "== stress: $rate req/s"
  if run_suite BrowseSimulation -Drate="$rate" -Dwarmup=30 -Dduration=30 "$@" > /dev/null; then
    best=$rate
    summary "${duration:-30}"
  else
    summary "${duration:-30}"
    echo "== $rate req/s misses the SLO"
    break
  fi
done
echo "Highest rate meeting the SLO (p50<50ms, p95<100ms, p99<200ms, errors<0.1%): $best req/s"
