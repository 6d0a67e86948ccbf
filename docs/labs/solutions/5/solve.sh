#!/usr/bin/env bash
# Lab 5, reference solution: the steps of docs/labs/05-cache-and-its-invalidation.md. Run from the repository root
# while ./shop up runs; ./shop lab check 5 passes afterwards.
set -euo pipefail
. docs/labs/solutions/lab-env.sh

ID=$(first_product)
say "step 2: the same product, read ten times"
for _ in $(seq 1 10); do curl -sf -o /dev/null "$GATEWAY/api/v1/products/$ID"; sleep 0.15; done # under the anonymous rate limit
say "step 3: admin gives it a new price"
PRODUCT=$(curl -sf "$GATEWAY/api/v1/products/$ID")
ADMIN=$(./shop token admin)
curl -sf -X PUT -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' \
  -d "{\"name\":\"$(json_field name <<<"$PRODUCT")\",\"description\":\"$(json_field description <<<"$PRODUCT")\",\"priceCents\":1999,\"currency\":\"$(json_field currency <<<"$PRODUCT")\"}" \
  "$GATEWAY/api/v1/products/$ID" >/dev/null
say "price served now: $(curl -sf "$GATEWAY/api/v1/products/$ID" | json_field priceCents)"
for _ in $(seq 1 5); do curl -sf -o /dev/null "$GATEWAY/api/v1/products/$ID"; sleep 0.15; done
say "step 4: Redis stops; reads go on"
./shop stop redis
for _ in $(seq 1 5); do curl -sf -o /dev/null -w '%{http_code} %{time_total}s\n' "$GATEWAY/api/v1/products/$ID"; done
./shop restart redis
