package dev.shop.platform.cache;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.vertx.mutiny.redis.client.Response;

/**
 * Cache-aside in Redis for one entity (docs/design.md section 7, ADR 0004): read Redis, on a miss load from the
 * database and fill Redis; the owner of the data calls {@link #invalidate} after its write commits.
 *
 * <ul>
 * <li><b>Keys</b> {@code <service>:<entity>:v<schema>:<id>} ({@link CacheKeys}), values are JSON.</li>
 * <li><b>TTL with jitter</b>: {@code ttl + random(0..ttlJitter)}, so keys filled together expire apart.</li>
 * <li><b>No stampede</b>: concurrent {@link #get}s of one key in this instance share one load (single flight).</li>
 * <li><b>No stale fill</b>: a load that read the database before a write committed must not put the old value
 *     back after the write's invalidation. Each invalidation writes a new token to the key's fence
 *     ({@code <key>:fence}); a fill is a Lua script that writes the value only if the fence still holds the
 *     token seen before the load. Requests that arrive after an invalidation never join a load that began
 *     before it.</li>
 * <li><b>Redis down or slow means slower, never failing</b>: every Redis command waits at most
 *     {@code redisTimeout}, then the request reads the database. After {@code failuresToOpen} consecutive
 *     failures a breaker skips Redis for {@code openFor}. Invalidations that could not reach Redis are kept
 *     and replayed before Redis is read again, so an outage never leaves a stale value behind in this
 *     instance's view.</li>
 * <li><b>Metrics</b>: {@code cache_requests_total{cache, result}} with result {@code hit}, {@code miss},
 *     {@code error} (Redis failed or timed out) and {@code bypass} (Redis skipped: breaker open or
 *     invalidations pending); hit ratio = hit / all. A request that shared another one's load is not counted
 *     again. Plus {@code cache_invalidations_total{cache, result}}
 *     ({@code done}, {@code deferred}) and {@code cache_breaker_open{cache}} (1 while Redis is skipped).</li>
 * </ul>
 *
 * Absent entities are not cached. Methods block (at most {@code redisTimeout} per Redis command plus the
 * loader): call them from worker threads, as Quarkus REST does for non-reactive resource methods.
 *
 * <pre>{@code
 * CacheAside<Product> products = new CacheAside<>("products", new CacheKeys("inventory", "product", 1),
 *         Product.class, settings, redis, objectMapper, meterRegistry);
 * Optional<Product> product = products.get(id.toString(), () -> repository.findProduct(id));
 * // after the transaction that changed it has committed:
 * products.invalidate(List.of(id.toString()));
 * }</pre>
 */
public final class CacheAside<V> {

    private static final Logger LOG = Logger.getLogger(CacheAside.class);

    /** KEYS: value1, fence1, value2, fence2...; ARGV: fenceSeen1, json1, ttlMillis1, fenceSeen2... ('' = no fence) */
    static final String FILL_UNLESS_INVALIDATED = """
            for i = 1, #KEYS, 2 do
              local a = (i - 1) / 2 * 3
              local fence = redis.call('GET', KEYS[i + 1]) or ''
              if fence == ARGV[a + 1] then
                redis.call('SET', KEYS[i], ARGV[a + 2], 'PX', ARGV[a + 3])
              end
            end
            return 0
            """;

    /** KEYS: value1, fence1, value2, fence2...; ARGV: new fence token, fence ttl in ms. */
    static final String INVALIDATE = """
            for i = 1, #KEYS, 2 do
              redis.call('DEL', KEYS[i])
              redis.call('SET', KEYS[i + 1], ARGV[1], 'PX', ARGV[2])
            end
            return 0
            """;

    private final String name;
    private final CacheKeys keys;
    private final Class<V> type;
    private final CacheSettings settings;
    private final ReactiveRedisDataSource redis;
    private final ObjectMapper json;
    private final RedisBreaker breaker;
    private final Map<String, CompletableFuture<Optional<V>>> inFlight = new ConcurrentHashMap<>();
    /** Ids whose invalidation has not reached Redis yet; Redis is not read until they are replayed. */
    private final Set<String> pendingInvalidations = ConcurrentHashMap.newKeySet();
    /** System.nanoTime() until which Redis is not read because invalidations were lost (too many pending). */
    private final AtomicLong distrustUntil = new AtomicLong(System.nanoTime());

    private final Counter hits;
    private final Counter misses;
    private final Counter errors;
    private final Counter bypasses;
    private final Counter invalidationsDone;
    private final Counter invalidationsDeferred;

    /**
     * @param name    the cache's name in metrics, e.g. {@code products}
     * @param keys    how its Redis keys are built
     * @param type    the cached value, serialized with {@code json}
     */
    public CacheAside(String name, CacheKeys keys, Class<V> type, CacheSettings settings,
            ReactiveRedisDataSource redis, ObjectMapper json, MeterRegistry metrics) {
        this.name = name;
        this.keys = keys;
        this.type = type;
        this.settings = settings;
        this.redis = redis;
        this.json = json;
        this.breaker = new RedisBreaker(settings.failuresToOpen(), settings.openFor());
        this.hits = requests(metrics, "hit");
        this.misses = requests(metrics, "miss");
        this.errors = requests(metrics, "error");
        this.bypasses = requests(metrics, "bypass");
        this.invalidationsDone = invalidations(metrics, "done");
        this.invalidationsDeferred = invalidations(metrics, "deferred");
        Gauge.builder("cache.breaker.open", this, cache -> cache.redisSkipped() ? 1 : 0)
                .description("1 while this cache skips Redis (breaker open or invalidations pending), else 0")
                .tag("cache", name)
                .register(metrics);
    }

    /**
     * The value of {@code id}: from Redis, or from {@code loader} (the database) on a miss, then filled into
     * Redis. Concurrent calls for the same id in this instance share one Redis read and one load.
     */
    public Optional<V> get(String id, Supplier<Optional<V>> loader) {
        String key = keys.valueKey(id);
        CompletableFuture<Optional<V>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<V>> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return awaitOther(running);
        }
        try {
            Optional<V> value = Optional.ofNullable(
                    lookUp(List.of(id), onlyThisId -> loader.get().map(v -> Map.of(id, v)).orElse(Map.of())).get(id));
            mine.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            inFlight.remove(key, mine);
        }
    }

    /**
     * The values of {@code ids} that exist, in the order of {@code ids}: one Redis round trip for all of them,
     * one call of {@code loader} with the ids Redis did not have (e.g. one {@code WHERE id IN (...)} query),
     * one round trip to fill Redis with what was loaded.
     */
    public Map<String, V> getAll(Collection<String> ids, Function<Set<String>, Map<String, V>> loader) {
        List<String> distinct = List.copyOf(new LinkedHashSet<>(ids));
        if (distinct.isEmpty()) {
            return Map.of();
        }
        return lookUp(distinct, loader);
    }

    /**
     * Removes the cached values of {@code ids}. Call it after the transaction that changed them has committed
     * (e.g. from an {@code @Observes(during = TransactionPhase.AFTER_SUCCESS)} observer), so no reader can load
     * the old row again after this returns. Never throws: if Redis cannot be reached, the invalidation is kept
     * and replayed before this instance reads Redis again.
     */
    public void invalidate(Collection<String> ids) {
        List<String> distinct = List.copyOf(new LinkedHashSet<>(ids));
        if (distinct.isEmpty()) {
            return;
        }
        // Requests from now on must not join a load that may have read the database before the write committed.
        distinct.forEach(id -> inFlight.remove(keys.valueKey(id)));
        if (breaker.allowsCall()) {
            // Earlier invalidations that are still waiting go along, so Redis learns them in order.
            List<String> batch = List.copyOf(union(pendingInvalidations, distinct));
            if (sendInvalidations(batch)) {
                batch.forEach(pendingInvalidations::remove);
                invalidationsDone.increment(batch.size());
                return;
            }
        }
        defer(distinct);
    }

    /** The Redis key of {@code id}'s value, e.g. for tests and operators. */
    public String key(String id) {
        return keys.valueKey(id);
    }

    public String name() {
        return name;
    }

    private Map<String, V> lookUp(List<String> ids, Function<Set<String>, Map<String, V>> loader) {
        Map<String, Cached<V>> cached = readRedis(ids);
        Map<String, V> found = new LinkedHashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        for (String id : ids) {
            Cached<V> entry = cached == null ? null : cached.get(id);
            if (entry != null && entry.value() != null) {
                found.put(id, entry.value());
            } else {
                missing.add(id);
            }
        }
        if (cached != null) {
            hits.increment(ids.size() - missing.size());
            misses.increment(missing.size());
        }
        if (missing.isEmpty()) {
            return found;
        }
        Map<String, V> loaded = loader.apply(Set.copyOf(missing));
        if (cached != null && !loaded.isEmpty()) {
            fill(loaded, cached);
        }
        Map<String, V> result = new LinkedHashMap<>();
        for (String id : ids) {
            V value = found.containsKey(id) ? found.get(id) : loaded.get(id);
            if (value != null) {
                result.put(id, value);
            }
        }
        return result;
    }

    /** Values and fences of {@code ids} in one MGET; {@code null} when Redis is not to be used now. */
    private Map<String, Cached<V>> readRedis(List<String> ids) {
        if (!mayReadRedis()) {
            bypasses.increment(ids.size());
            return null;
        }
        List<String> args = new ArrayList<>(ids.size() * 2);
        ids.forEach(id -> {
            args.add(keys.valueKey(id));
            args.add(keys.fenceKey(id));
        });
        Response response;
        try {
            response = redis.execute("MGET", args.toArray(String[]::new)).await().atMost(settings.redisTimeout());
            breaker.succeeded();
        } catch (RuntimeException e) {
            breaker.failed();
            errors.increment(ids.size());
            LOG.debugf("cache %s: Redis read failed, reading the database: %s", name, e.toString());
            return null;
        }
        Map<String, Cached<V>> cached = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            Response fence = response.get(2 * i + 1);
            cached.put(ids.get(i), new Cached<>(decode(response.get(2 * i)), fence == null ? "" : fence.toString()));
        }
        return cached;
    }

    /**
     * Redis may be read when the breaker lets the call through, no invalidation is waiting to be replayed
     * (replayed first when possible) and no invalidation was lost within the last TTL.
     */
    private boolean mayReadRedis() {
        if (System.nanoTime() - distrustUntil.get() < 0 || !breaker.allowsCall()) {
            return false;
        }
        if (pendingInvalidations.isEmpty()) {
            return true;
        }
        List<String> replay = List.copyOf(pendingInvalidations);
        if (!sendInvalidations(replay)) {
            return false;
        }
        replay.forEach(pendingInvalidations::remove);
        invalidationsDone.increment(replay.size());
        LOG.infof("cache %s: Redis reachable again, replayed %d invalidation(s)", name, replay.size());
        return pendingInvalidations.isEmpty();
    }

    private void fill(Map<String, V> loaded, Map<String, Cached<V>> seen) {
        List<String> keysAndFences = new ArrayList<>();
        List<String> args = new ArrayList<>();
        loaded.forEach((id, value) -> {
            String encoded = encode(value);
            if (encoded == null) {
                return;
            }
            keysAndFences.add(keys.valueKey(id));
            keysAndFences.add(keys.fenceKey(id));
            args.add(seen.get(id).fence());
            args.add(encoded);
            args.add(Long.toString(ttlMillis()));
        });
        if (keysAndFences.isEmpty()) {
            return;
        }
        try {
            eval(FILL_UNLESS_INVALIDATED, keysAndFences, args);
            breaker.succeeded();
        } catch (RuntimeException e) {
            breaker.failed();
            LOG.debugf("cache %s: Redis fill failed, next read loads again: %s", name, e.toString());
        }
    }

    /** Deletes the values and moves the fences of {@code ids}; false if Redis could not be reached. */
    private boolean sendInvalidations(List<String> ids) {
        List<String> keysAndFences = new ArrayList<>(ids.size() * 2);
        ids.forEach(id -> {
            keysAndFences.add(keys.valueKey(id));
            keysAndFences.add(keys.fenceKey(id));
        });
        // The fence must outlive any load that began before this invalidation; the longest TTL is plenty.
        String fenceTtl = Long.toString(settings.maxTtl().toMillis());
        try {
            eval(INVALIDATE, keysAndFences, List.of(UUID.randomUUID().toString(), fenceTtl));
            breaker.succeeded();
            return true;
        } catch (RuntimeException e) {
            breaker.failed();
            LOG.warnf("cache %s: invalidation of %d key(s) could not reach Redis, kept for replay: %s",
                    name, ids.size(), e.toString());
            return false;
        }
    }

    private void defer(List<String> ids) {
        invalidationsDeferred.increment(ids.size());
        if (pendingInvalidations.size() + ids.size() > settings.maxPendingInvalidations()) {
            // Lost track of what is stale: skip Redis until everything cached before now has expired.
            distrustUntil.set(System.nanoTime() + settings.maxTtl().toNanos());
            pendingInvalidations.clear();
            LOG.warnf("cache %s: more than %d invalidations pending, Redis skipped for %s",
                    name, settings.maxPendingInvalidations(), settings.maxTtl());
            return;
        }
        pendingInvalidations.addAll(ids);
    }

    private static Set<String> union(Collection<String> first, Collection<String> second) {
        Set<String> union = new LinkedHashSet<>(first);
        union.addAll(second);
        return union;
    }

    private void eval(String script, List<String> keysAndFences, List<String> args) {
        List<String> command = new ArrayList<>(2 + keysAndFences.size() + args.size());
        command.add(script);
        command.add(Integer.toString(keysAndFences.size()));
        command.addAll(keysAndFences);
        command.addAll(args);
        redis.execute("EVAL", command.toArray(String[]::new)).await().atMost(settings.redisTimeout());
    }

    private boolean redisSkipped() {
        return breaker.isOpen() || !pendingInvalidations.isEmpty() || System.nanoTime() - distrustUntil.get() < 0;
    }

    private long ttlMillis() {
        long jitter = settings.ttlJitter().toMillis();
        return settings.ttl().toMillis() + (jitter == 0 ? 0 : ThreadLocalRandom.current().nextLong(jitter + 1));
    }

    private V decode(Response value) {
        if (value == null) {
            return null;
        }
        try {
            return json.readValue(value.toString(), type);
        } catch (JsonProcessingException e) {
            // Written by another version of the code under the same schema number: a miss, overwritten on fill.
            LOG.warnf("cache %s: unreadable cached value treated as a miss: %s", name, e.getOriginalMessage());
            return null;
        }
    }

    private String encode(V value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            LOG.warnf("cache %s: value not cached, cannot serialize it: %s", name, e.getOriginalMessage());
            return null;
        }
    }

    private Optional<V> awaitOther(CompletableFuture<Optional<V>> running) {
        try {
            return running.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }

    private Counter requests(MeterRegistry metrics, String result) {
        return Counter.builder("cache.requests")
                .description("Cache lookups by result: hit, miss, error (Redis failed), bypass (Redis skipped)")
                .tag("cache", name)
                .tag("result", result)
                .register(metrics);
    }

    private Counter invalidations(MeterRegistry metrics, String result) {
        return Counter.builder("cache.invalidations")
                .description("Invalidated keys: done, or deferred until Redis is reachable")
                .tag("cache", name)
                .tag("result", result)
                .register(metrics);
    }

    /** What Redis held for one id: its value (null = miss) and its fence token ('' = never invalidated). */
    private record Cached<V>(V value, String fence) {
    }
}
