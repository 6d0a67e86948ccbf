package dev.shop.inventory.cache;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shop.inventory.config.CacheConfig;
import dev.shop.inventory.persistence.CatalogPage;
import dev.shop.inventory.persistence.ProductRepository;
import dev.shop.platform.cache.CacheAside;
import dev.shop.platform.cache.CacheKeys;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;

/**
 * Full catalog pages (their ids) cached in Redis under {@code inventory:catalog-page:v1:<afterSeq>:<limit>}, so a
 * catalog read needs no database round trip at all (ADR 0004). A full page never changes ({@link CatalogPage}),
 * so it needs no invalidation; the last page, which grows when products are added, is always read from Postgres.
 */
@ApplicationScoped
public class CatalogPageCache {

    static final CacheKeys KEYS = new CacheKeys("inventory", "catalog-page", 1);

    private final CacheAside<CatalogPage> cache;
    private final ProductRepository products;

    CatalogPageCache(CacheConfig config, ReactiveRedisDataSource redis, ObjectMapper json, MeterRegistry metrics,
            ProductRepository products) {
        this.cache = new CacheAside<>("catalog-pages", KEYS, CatalogPage.class,
                config.settingsOf(config.catalogPages()), redis, json, metrics);
        this.products = products;
    }

    /** The {@code limit} products after position {@code afterSeq}: from Redis if it is a full page seen before. */
    public CatalogPage after(long afterSeq, int limit) {
        AtomicReference<CatalogPage> loaded = new AtomicReference<>();
        Optional<CatalogPage> full = cache.get(afterSeq + ":" + limit, () -> {
            loaded.set(load(afterSeq, limit));
            return Optional.of(loaded.get()).filter(CatalogPage::more); // only a full page is cached
        });
        // Not full: the page this call loaded, or (when it joined another request's load) a fresh read.
        return full.orElseGet(() -> loaded.get() != null ? loaded.get() : load(afterSeq, limit));
    }

    /** The Redis key of a page, for operators and tests. */
    public String key(long afterSeq, int limit) {
        return cache.key(afterSeq + ":" + limit);
    }

    private CatalogPage load(long afterSeq, int limit) {
        return CatalogPage.of(products.pageAfter(afterSeq, limit + 1), limit);
    }
}
