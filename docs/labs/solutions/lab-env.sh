# Helpers of the labs' reference solutions: the stack's URLs (moved by SHOP_PORT_OFFSET like every port of
# ./shop up) and the few calls the labs make, with curl only. Sourced from the repository root.
OFFSET=${SHOP_PORT_OFFSET:-0}
GATEWAY=http://localhost:$((8080 + OFFSET))
PSP=http://localhost:$((8085 + OFFSET))
ZIPKIN=http://localhost:$((9411 + OFFSET))

say() { echo "[lab] $*"; }

# The value of the first "field":"text" (or "field":number) in the JSON on stdin (text without escaped quotes).
json_field() {
  local json; json=$(cat)
  { sed -n "s/^[^\"]*\(\"[^\"]*\"[^\"]*\)*\"$1\" *: *\"\([^\"]*\)\".*/\2/p" <<<"$json"
    sed -n "s/.*\"$1\" *: *\([-0-9.][0-9.eE+-]*\).*/\1/p" <<<"$json"; } | head -n 1
}

# psp_faults <latencyMs> <outage true|false>: sets the card processor's fault knobs (the psp-simulator's /admin/faults).
psp_faults() {
  curl -sf -X PUT -H 'Content-Type: application/json' \
    -d "{\"latencyMs\":$1,\"errorRate\":0.0,\"outage\":$2}" "$PSP/admin/faults"; echo
}

# The id of the first product of the catalog (anonymous read).
first_product() { curl -sf "$GATEWAY/api/v1/products?limit=1" | json_field id; }

# place_order <token> <card>: places an order of one unit of the first product; prints the order's id.
place_order() {
  local key; key=$(cat /proc/sys/kernel/random/uuid)
  curl -sf -X POST -H "Authorization: Bearer $1" -H "Idempotency-Key: $key" -H 'Content-Type: application/json' \
    -d "{\"lines\":[{\"productId\":\"$(first_product)\",\"quantity\":1}],\"paymentMethod\":\"$2\"}" \
    "$GATEWAY/api/v1/orders" | json_field id
}

# await_end <token> <order id>: long-polls the order (Prefer: wait) until it is CONFIRMED or CANCELLED; prints it.
await_end() {
  local status
  for _ in $(seq 1 30); do
    status=$(curl -sf -H "Authorization: Bearer $1" -H 'Prefer: wait=10' "$GATEWAY/api/v1/orders/$2" | json_field status)
    case "$status" in CONFIRMED|CANCELLED) echo "$status"; return 0 ;; esac
  done
  echo "order $2 did not finish: $status" >&2
  return 1
}
