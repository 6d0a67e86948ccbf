package dev.shop.inventory.config;

import java.time.Duration;

import dev.shop.platform.cache.CacheSettings;
import io.smallrye.config.ConfigMapping;

/** The product and catalog page caches (ADR 0004); defaults are spelled out in application.properties. */
@ConfigMapping(prefix = "shop.cache")
public interface CacheConfig {

    /** Longest wait for one Redis command before a request reads the database instead. */
    Duration redisTimeout();

    Breaker breaker();

    /** Invalidations kept while Redis is unreachable; beyond this the cache is skipped for one TTL. */
    int maxPendingInvalidations();

    Entity products();

    /** Full pages of the catalog's ids: they never change, the TTL only frees Redis of pages nobody reads. */
    Entity catalogPages();

    interface Breaker {
        /** Consecutive Redis failures after which Redis is skipped. */
        int failuresToOpen();

        /** How long Redis is skipped before one request tries it again. */
        Duration openFor();
    }

    interface Entity {
        Duration ttl();

        /** A random 0..jitter added to each TTL, so keys filled together do not expire together. */
        Duration ttlJitter();
    }

    default CacheSettings settingsOf(Entity entity) {
        return new CacheSettings(entity.ttl(), entity.ttlJitter(), redisTimeout(), breaker().failuresToOpen(),
                breaker().openFor(), maxPendingInvalidations());
    }
}
