/**
 * Cache-aside in Redis (docs/design.md section 7, docs/adr/0004-cache-aside-in-redis.md).
 *
 * <p>{@link dev.shop.platform.cache.CacheAside} is the whole pattern for one entity: versioned keys
 * ({@link dev.shop.platform.cache.CacheKeys}), TTL with jitter, single-flight loads, fenced fills so a slow load
 * never re-caches a value a committed write has invalidated, bounded Redis timeouts with a breaker
 * ({@code RedisBreaker}), and metrics. A service wraps one per entity in a small bean of its {@code cache}
 * package (e.g. {@code ProductCache}) that supplies the database loader and invalidates after commit.
 *
 * <p>This package needs {@code quarkus-redis-client} and {@code quarkus-micrometer} in the service: the
 * platform declares them optional, so services without a cache do not get them.
 */
package dev.shop.platform.cache;
