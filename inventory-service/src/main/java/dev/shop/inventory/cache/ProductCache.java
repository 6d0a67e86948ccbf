package dev.shop.inventory.cache;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shop.inventory.config.CacheConfig;
import dev.shop.inventory.domain.ProductChanged;
import dev.shop.inventory.domain.ProductView;
import dev.shop.inventory.persistence.ProductRepository;
import dev.shop.platform.cache.CacheAside;
import dev.shop.platform.cache.CacheKeys;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;

/**
 * Products cached in Redis under {@code inventory:product:v1:<id>} (cache-aside, ADR 0004). Reads go through
 * here; every transaction that changes a product fires {@link ProductChanged}, and this invalidates the key
 * once that transaction has committed, before the write's HTTP answer leaves. Redis down means database reads.
 */
@ApplicationScoped
public class ProductCache {

    static final CacheKeys KEYS = new CacheKeys("inventory", "product", 1);

    private final CacheAside<ProductView> cache;
    private final ProductRepository products;

    ProductCache(CacheConfig config, ReactiveRedisDataSource redis, ObjectMapper json, MeterRegistry metrics,
            ProductRepository products) {
        this.cache = new CacheAside<>("products", KEYS, ProductView.class, config.settingsOf(config.products()),
                redis, json, metrics);
        this.products = products;
    }

    public Optional<ProductView> get(UUID id) {
        return cache.get(id.toString(), () -> products.findByIdOptional(id).map(ProductView::of));
    }

    /** The products of {@code ids} that exist, in that order: one Redis round trip, one query for the misses. */
    public List<ProductView> getAll(List<UUID> ids) {
        Map<String, ProductView> found = cache.getAll(ids.stream().map(UUID::toString).toList(), this::load);
        return List.copyOf(found.values());
    }

    /** The Redis key of a product, for operators and tests. */
    public String key(UUID id) {
        return cache.key(id.toString());
    }

    void invalidateAfterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) ProductChanged changed) {
        cache.invalidate(List.of(changed.productId().toString()));
    }

    private Map<String, ProductView> load(Set<String> ids) {
        Collection<UUID> uuids = ids.stream().map(UUID::fromString).toList();
        return products.findByIds(uuids).stream()
                .map(ProductView::of)
                .collect(Collectors.toMap(view -> view.id().toString(), Function.identity()));
    }
}
