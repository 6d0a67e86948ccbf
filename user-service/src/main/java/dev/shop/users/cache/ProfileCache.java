package dev.shop.users.cache;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shop.platform.cache.CacheAside;
import dev.shop.platform.cache.CacheKeys;
import dev.shop.users.config.CacheConfig;
import dev.shop.users.domain.ProfileChanged;
import dev.shop.users.domain.ProfileView;
import dev.shop.users.persistence.ProfileRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;

/**
 * Profiles cached in Redis under {@code users:profile:v1:<id>} (cache-aside, ADR 0004). Every transaction that
 * changes a profile fires {@link ProfileChanged}; this invalidates the key once it has committed, before the
 * write's HTTP answer leaves. Redis down means database reads.
 */
@ApplicationScoped
public class ProfileCache {

    static final CacheKeys KEYS = new CacheKeys("users", "profile", 1);

    private final CacheAside<ProfileView> cache;
    private final ProfileRepository profiles;

    ProfileCache(CacheConfig config, ReactiveRedisDataSource redis, ObjectMapper json, MeterRegistry metrics,
            ProfileRepository profiles) {
        this.cache = new CacheAside<>("profiles", KEYS, ProfileView.class, config.settingsOf(config.profiles()),
                redis, json, metrics);
        this.profiles = profiles;
    }

    public Optional<ProfileView> get(UUID id) {
        return cache.get(id.toString(), () -> profiles.findByIdOptional(id).map(ProfileView::of));
    }

    /** The Redis key of a profile, for operators and tests. */
    public String key(UUID id) {
        return cache.key(id.toString());
    }

    void invalidateAfterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) ProfileChanged changed) {
        cache.invalidate(List.of(changed.profileId().toString()));
    }
}
