#!/usr/bin/env bash
# Lab 1, reference solution: the steps of docs/labs/01-follow-an-order.md. Run from the repository root while
# ./shop up runs; ./shop lab check 1 passes afterwards.
set -euo pipefail
. docs/labs/solutions/lab-env.sh

ALICE=$(./shop token alice)
say "step 2: an order paid with pm_card_visa"
ORDER=$(place_order "$ALICE" pm_card_visa)
say "order $ORDER: $(await_end "$ALICE" "$ORDER")"
say "step 3: its timeline"
curl -sf -H "Authorization: Bearer $ALICE" "$GATEWAY/api/v1/orders/$ORDER/timeline"; echo
say "step 4: an order paid with pm_card_declined"
DECLINED=$(place_order "$ALICE" pm_card_declined)
say "order $DECLINED: $(await_end "$ALICE" "$DECLINED")"
sleep 2 # the release of its stock follows OrderCancelled
