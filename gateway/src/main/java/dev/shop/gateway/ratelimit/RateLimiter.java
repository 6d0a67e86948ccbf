package dev.shop.gateway.ratelimit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.shop.gateway.config.GatewayConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.RedisAPI;
import io.vertx.mutiny.redis.client.Response;

/**
 * Per-caller rate limit in Redis (docs/design.md section 9): a token bucket per user, or per client IP without a
 * token, decided by one atomic Lua script ({@code ratelimit/gcra.lua}) so that any number of gateway
 * instances share the buckets. The script is sent by its SHA-1 ({@code EVALSHA}); when Redis does not know
 * it yet (first call, or Redis restarted) it is sent once in full ({@code EVAL}, which also caches it).
 * <p>
 * Fail open: when Redis is down or slower than {@code shop.rate-limit.redis-timeout}, the request passes.
 * A rate limiter protects the services; it must not be the reason the shop is down. Each such request is
 * counted ({@code gateway_rate_limit_fail_open_total}) and logged at most every 10 seconds.
 */
@ApplicationScoped
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class);
    private static final String SCRIPT = readScript();
    private static final String SCRIPT_SHA = sha1(SCRIPT);
    private static final long LOG_EVERY_NANOS = Duration.ofSeconds(10).toNanos();

    private final RedisAPI redis;
    private final GatewayConfig.RateLimit config;
    private final Counter userRejections;
    private final Counter anonymousRejections;
    private final Counter failOpen;
    private final AtomicLong lastFailureLog = new AtomicLong(System.nanoTime() - LOG_EVERY_NANOS);
    private final AtomicLong failuresSinceLog = new AtomicLong();

    RateLimiter(RedisAPI redis, GatewayConfig config, MeterRegistry registry) {
        this.redis = redis;
        this.config = config.rateLimit();
        this.userRejections = rejections(registry, "user");
        this.anonymousRejections = rejections(registry, "anonymous");
        this.failOpen = Counter.builder("gateway.rate_limit.fail_open")
                .description("Requests let through without a rate-limit decision because Redis was down or slow")
                .register(registry);
    }

    /**
     * Loads the script at start-up ({@code SCRIPT LOAD}), which also opens the first connection, so that the
     * first request is not the one paying for both. Redis down at start-up is no reason not to start.
     */
    void preload(@Observes StartupEvent start) {
        redis.script(List.of("LOAD", SCRIPT))
                .subscribe().with(loaded -> LOG.debugf("Rate-limit script loaded as %s", loaded),
                        failure -> LOG.warnf("Rate-limit script not loaded at start-up (Redis: %s); "
                                + "it will be sent with the first request", failure.getMessage()));
    }

    /** Takes one request from the caller's bucket. Never fails: an unreachable Redis answers "allowed". */
    public Uni<Decision> acquire(Caller caller) {
        if (!config.enabled()) {
            return Uni.createFrom().item(Decision.failOpen());
        }
        String policyName = caller.authenticated() ? "user" : "anonymous";
        GatewayConfig.Policy policy = caller.authenticated() ? config.authenticated() : config.anonymous();
        long intervalMicros = Math.max(1, Math.round(1_000_000 / policy.ratePerSecond()));
        List<String> keyAndArgs = List.of("1", caller.key(config.keyPrefix()),
                Long.toString(intervalMicros), Integer.toString(policy.burst()));
        Duration window = Duration.ofNanos(intervalMicros * 1000 * policy.burst());

        return evaluate(keyAndArgs)
                .ifNoItem().after(config.redisTimeout()).fail()
                .map(reply -> decision(reply, policyName, policy, window))
                .invoke(decision -> {
                    if (!decision.allowed()) {
                        (caller.authenticated() ? userRejections : anonymousRejections).increment();
                    }
                })
                .onFailure().recoverWithItem(this::failOpen);
    }

    private Uni<Response> evaluate(List<String> keyAndArgs) {
        return redis.evalsha(prepend(SCRIPT_SHA, keyAndArgs))
                .onFailure(RateLimiter::isNoScript)
                .recoverWithUni(() -> redis.eval(prepend(SCRIPT, keyAndArgs)));
    }

    private static Decision decision(Response reply, String policyName, GatewayConfig.Policy policy, Duration window) {
        return new Decision(reply.get(0).toLong() == 1, policyName, policy.burst(), window,
                reply.get(1).toLong(), Duration.ofNanos(reply.get(2).toLong() * 1000),
                Duration.ofNanos(reply.get(3).toLong() * 1000));
    }

    private Decision failOpen(Throwable failure) {
        failOpen.increment();
        long missed = failuresSinceLog.incrementAndGet();
        long last = lastFailureLog.get();
        long now = System.nanoTime();
        if (now - last >= LOG_EVERY_NANOS && lastFailureLog.compareAndSet(last, now)) {
            failuresSinceLog.set(0);
            LOG.warnf("Rate limiting fails open: Redis did not answer (%s); %d request(s) let through unchecked "
                    + "since the last message", describe(failure), missed);
        }
        return Decision.failOpen();
    }

    private static String describe(Throwable failure) {
        return failure instanceof io.smallrye.mutiny.TimeoutException
                ? "no answer within the timeout"
                : failure.getClass().getSimpleName() + ": " + failure.getMessage();
    }

    private static boolean isNoScript(Throwable failure) {
        return failure.getMessage() != null && failure.getMessage().startsWith("NOSCRIPT");
    }

    private static Counter rejections(MeterRegistry registry, String policy) {
        return Counter.builder("gateway.rate_limit.rejected")
                .description("Requests answered 429 because the caller's bucket was empty")
                .tag("policy", policy)
                .register(registry);
    }

    private static List<String> prepend(String first, List<String> rest) {
        var all = new java.util.ArrayList<String>(rest.size() + 1);
        all.add(first);
        all.addAll(rest);
        return all;
    }

    private static String readScript() {
        try (InputStream in = RateLimiter.class.getResourceAsStream("/ratelimit/gcra.lua")) {
            if (in == null) {
                throw new IllegalStateException("ratelimit/gcra.lua missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Redis names a script by the SHA-1 of its text; computing it here saves a SCRIPT LOAD round trip. */
    private static String sha1(String script) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(script.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
