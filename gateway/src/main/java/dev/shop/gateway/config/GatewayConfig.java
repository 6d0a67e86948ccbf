package dev.shop.gateway.config;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Everything the gateway can be told, under {@code shop.*}. Every default is also written out in
 * {@code application.properties}, so that file reads as the gateway's manual.
 */
@ConfigMapping(prefix = "shop")
public interface GatewayConfig {

    /** The route table: one entry per upstream service, keyed by its name (users, orders, payments, products). */
    Map<String, Upstream> upstream();

    @WithName("upstream-client")
    UpstreamClient upstreamClient();

    Resilience resilience();

    @WithName("rate-limit")
    RateLimit rateLimit();

    Http http();

    OpenApi openapi();

    @WithName("verified-tokens")
    VerifiedTokens verifiedTokens();

    /** One upstream service and the public paths routed to it. */
    interface Upstream {

        /** Base URL of the service, e.g. {@code http://127.0.0.1:8082}; only scheme, host and port are used. */
        URI url();

        /** Public path prefix routed to this service, e.g. {@code /api/v1/orders} (and everything below it). */
        String prefix();

        /**
         * What {@link #prefix()} becomes on the upstream; absent = the same path (the services serve
         * {@code /api/v1/...} themselves). Lets a route point at a service that serves another path.
         */
        @WithName("upstream-prefix")
        Optional<String> upstreamPrefix();

        /** Whether GET and HEAD need no token (docs/design.md section 3: catalog reads only). */
        @WithName("anonymous-reads")
        @WithDefault("false")
        boolean anonymousReads();

        /** Where the service serves its OpenAPI document. */
        @WithName("openapi-path")
        @WithDefault("/q/openapi")
        String openapiPath();
    }

    /** The pooled Vert.x HTTP clients, one per upstream and event loop (see routing.UpstreamClients). */
    interface UpstreamClient {

        /** Connections of one upstream's pool on one event loop. */
        @WithName("max-pool-size")
        @WithDefault("100")
        int maxPoolSize();

        @WithName("connect-timeout")
        @WithDefault("1s")
        Duration connectTimeout();

        /**
         * A connection with a request in flight and no bytes for this long is closed: a stalled response body (the
         * breaker's timeout only covers the response head), or a response head slower than the longest long poll.
         */
        @WithName("idle-timeout")
        @WithDefault("60s")
        Duration idleTimeout();
    }

    /** Timeout and circuit breaker, the same policy for each upstream, each upstream with its own breaker. */
    interface Resilience {

        /**
         * Time allowed until the upstream's response head arrives; then 504 UPSTREAM_TIMEOUT. A request with
         * {@code Prefer: wait=N} (a long poll) is allowed N seconds more.
         */
        @WithDefault("5s")
        Duration timeout();

        @WithName("breaker")
        Breaker breaker();

        /** Retries for GET and HEAD only, and only when the connection could not be made (nothing was sent). */
        @WithName("connect-retries")
        @WithDefault("1")
        int connectRetries();

        @WithName("connect-retry-delay")
        @WithDefault("50ms")
        Duration connectRetryDelay();
    }

    interface Breaker {

        /** Size of the rolling window of calls the failure ratio is computed over. */
        @WithName("request-volume-threshold")
        @WithDefault("10")
        int requestVolumeThreshold();

        @WithName("failure-ratio")
        @WithDefault("0.5")
        double failureRatio();

        /** How long the breaker stays open before it lets a trial call through. */
        @WithDefault("5s")
        Duration delay();

        /** Successful trial calls needed to close it again. */
        @WithName("success-threshold")
        @WithDefault("1")
        int successThreshold();
    }

    interface RateLimit {

        @WithDefault("true")
        boolean enabled();

        /** Per user (the token's {@code sub}). */
        Policy authenticated();

        /** Per client IP, for requests without a token. */
        Policy anonymous();

        /** Redis slower than this, or down: the request is let through (fail open) and counted. */
        @WithName("redis-timeout")
        @WithDefault("100ms")
        Duration redisTimeout();

        @WithName("key-prefix")
        @WithDefault("shop:ratelimit:")
        String keyPrefix();
    }

    /** A token bucket: refills at {@code rate-per-second}, holds at most {@code burst} requests. */
    interface Policy {

        @WithName("rate-per-second")
        double ratePerSecond();

        int burst();
    }

    interface Http {

        /** Largest request body forwarded; larger ones answer 413 (keep quarkus.http.limits.max-body-size equal). */
        @WithName("max-body-size")
        @WithDefault("1M")
        io.quarkus.runtime.configuration.MemorySize maxBodySize();

        /** Content-Security-Policy of every answer except the Swagger UI pages. */
        @WithName("content-security-policy")
        String contentSecurityPolicy();

        /** Content-Security-Policy of the Swagger UI pages (inline scripts, calls to Keycloak). */
        @WithName("swagger-ui-content-security-policy")
        String swaggerUiContentSecurityPolicy();

        /** Strict-Transport-Security, only sent on requests that came over TLS. */
        @WithName("strict-transport-security")
        String strictTransportSecurity();
    }

    interface OpenApi {

        /** Upstreams whose OpenAPI document the gateway serves at {@code /openapi/{name}}. */
        List<String> documents();

        /**
         * The Keycloak realm as the browser reaches it (authorization and token endpoints of Swagger UI's
         * login); may differ from {@code quarkus.oidc.auth-server-url}, which the gateway itself uses.
         */
        @WithName("oauth-server-url")
        String oauthServerUrl();
    }

    /** Bearer tokens the gateway has verified, remembered until they expire (see security.VerifiedTokens). */
    interface VerifiedTokens {

        /** How many tokens are remembered at most; 0 verifies every request's token again. */
        @WithName("max-size")
        @WithDefault("10000")
        int maxSize();
    }
}
