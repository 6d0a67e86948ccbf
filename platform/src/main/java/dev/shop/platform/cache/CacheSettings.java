package dev.shop.platform.cache;

import java.time.Duration;
import java.util.Objects;

/**
 * How one {@link CacheAside} behaves; a service fills it from its {@code @ConfigMapping} so that every
 * default is visible in its application.properties.
 *
 * @param ttl                     how long a value lives in Redis at least
 * @param ttlJitter               a random extra of 0 to this, so keys filled together do not expire together
 * @param redisTimeout            the longest a request waits for one Redis command before it reads the database
 * @param failuresToOpen          consecutive Redis failures after which Redis is skipped for {@code openFor}
 * @param openFor                 how long Redis is skipped before one request tries it again
 * @param maxPendingInvalidations invalidations kept while Redis is unreachable, to replay before Redis is trusted
 *                                again; beyond it the cache is skipped for one full TTL instead
 */
public record CacheSettings(Duration ttl, Duration ttlJitter, Duration redisTimeout, int failuresToOpen,
        Duration openFor, int maxPendingInvalidations) {

    public CacheSettings {
        Objects.requireNonNull(ttl, "ttl");
        Objects.requireNonNull(ttlJitter, "ttlJitter");
        Objects.requireNonNull(redisTimeout, "redisTimeout");
        Objects.requireNonNull(openFor, "openFor");
        if (ttl.isNegative() || ttl.isZero() || ttlJitter.isNegative() || redisTimeout.isNegative()
                || redisTimeout.isZero() || failuresToOpen < 1 || openFor.isNegative() || maxPendingInvalidations < 1) {
            throw new IllegalArgumentException("invalid cache settings: " + ttl + ", " + ttlJitter + ", "
                    + redisTimeout + ", " + failuresToOpen + ", " + openFor + ", " + maxPendingInvalidations);
        }
    }

    /** The longest a value can live in Redis. */
    public Duration maxTtl() {
        return ttl.plus(ttlJitter);
    }
}
