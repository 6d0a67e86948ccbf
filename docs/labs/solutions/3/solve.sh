#!/usr/bin/env bash
# Lab 3, reference solution: the steps of docs/labs/03-stop-a-service-mid-saga.md. Run from the repository root
# while ./shop up runs; ./shop lab check 3 passes afterwards.
set -euo pipefail
. docs/labs/solutions/lab-env.sh

ALICE=$(./shop token alice)
say "step 2: payment-service stops"
./shop stop payment-service
say "step 3: an order while it is stopped"
ORDER=$(place_order "$ALICE" pm_card_visa)
sleep 20
say "order $ORDER is $(curl -sf -H "Authorization: Bearer $ALICE" "$GATEWAY/api/v1/orders/$ORDER" | json_field status)"
say "step 4: payment-service starts again"
./shop restart payment-service
say "order $ORDER: $(await_end "$ALICE" "$ORDER")"
sleep 2 # the stock is committed after OrderConfirmed
