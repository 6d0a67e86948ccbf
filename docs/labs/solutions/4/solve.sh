#!/usr/bin/env bash
# Lab 4, reference solution: the steps of docs/labs/04-find-the-slow-step.md. Run from the repository root while
# ./shop up runs; ./shop lab check 4 passes afterwards.
set -euo pipefail
. docs/labs/solutions/lab-env.sh

ALICE=$(./shop token alice)
say "step 1: the card processor answers in 1.5 s"
psp_faults 1500 false
say "step 2: an order"
ORDER=$(place_order "$ALICE" pm_card_visa)
say "order $ORDER: $(await_end "$ALICE" "$ORDER")"
say "step 4: the card processor is fast again"
curl -sf -X POST "$PSP/admin/faults/reset"; echo
say "step 3: its trace (spans reach Zipkin in batches, a few seconds late)"
for _ in $(seq 1 20); do
  trace=$(curl -sf "$ZIPKIN/api/v2/traces?annotationQuery=shop.order_id%3D$ORDER&lookback=3600000&limit=1")
  case "$trace" in *psp-simulator*) break ;; esac
  sleep 2
done
say "trace $(json_field traceId <<<"$trace"): $(grep -o '"name":"[^"]*","timestamp":[0-9]*,"duration":[0-9]*' <<<"$trace" | sort -t: -k4 -n | tail -n 1)"
