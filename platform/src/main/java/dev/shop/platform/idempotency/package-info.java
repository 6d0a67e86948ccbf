/**
 * Idempotency keys for unsafe requests, durable in the service's PostgreSQL in the transaction of the effect:
 * {@link dev.shop.platform.idempotency.IdempotencyKeys}. Switched on with {@code shop.idempotency.enabled=true}
 * (build time). See docs/adr/0007-idempotency-keys.md.
 */
package dev.shop.platform.idempotency;
