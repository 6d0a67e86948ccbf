/**
 * Idempotent consumers: {@link dev.shop.platform.inbox.ProcessedEvents}, the processed-events table written in the
 * same transaction as a consumer's effect. Switched on with {@code shop.inbox.enabled=true} (build time).
 */
package dev.shop.platform.inbox;
