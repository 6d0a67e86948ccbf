#!/usr/bin/env bash
# Lab 2, reference solution: the steps of docs/labs/02-break-the-card-processor.md. Run from the repository root
# while ./shop up runs; ./shop lab check 2 passes afterwards.
set -euo pipefail
. docs/labs/solutions/lab-env.sh

ALICE=$(./shop token alice)
say "step 2: the card processor goes down"
psp_faults 0 true
say "step 3: an order while it is down"
ORDER=$(place_order "$ALICE" pm_card_visa)
say "step 4: the payment is retried, the breaker opens"
sleep 15
say "order $ORDER is $(curl -sf -H "Authorization: Bearer $ALICE" "$GATEWAY/api/v1/orders/$ORDER" | json_field status)"
say "step 5: the card processor comes back"
curl -sf -X POST "$PSP/admin/faults/reset"; echo
say "order $ORDER: $(await_end "$ALICE" "$ORDER")"
sleep 6 # the breaker closes with the first call after its 5 s delay
