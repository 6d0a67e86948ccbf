package dev.shop.gateway.routing;

import java.net.ConnectException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import dev.shop.gateway.config.GatewayConfig;
import dev.shop.gateway.http.BodyLimit;
import dev.shop.gateway.http.ProblemResponses;
import dev.shop.gateway.http.ProxyHeaders;
import dev.shop.gateway.http.RequestIds;
import dev.shop.gateway.ratelimit.Decision;
import dev.shop.gateway.ratelimit.RateLimiter;
import dev.shop.gateway.resilience.ClientFault;
import dev.shop.gateway.resilience.UpstreamBreakers;
import dev.shop.gateway.resilience.UpstreamServerError;
import dev.shop.gateway.security.Authentication;
import dev.shop.platform.http.PreferWait;
import dev.shop.platform.problem.Problem;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The gateway's one job: pass {@code /api/v1/**} to the service that owns it (see {@link Routes}), as a
 * stream. A plain Vert.x route, not a REST resource: bodies go through chunk by chunk in both directions
 * (with back-pressure), nothing is parsed or buffered, and connections come from a pool per upstream.
 * <p>
 * Each request, in order:
 * <ol>
 * <li>route lookup on the normalized path (dot segments resolved), else 404 problem+json;</li>
 * <li>{@link Authentication}: a valid Keycloak token, except GET/HEAD of the catalog, else 401;</li>
 * <li>{@link RateLimiter}: the caller's token bucket in Redis, else 429 (fails open without Redis);</li>
 * <li>{@link UpstreamBreakers}: the upstream's breaker and timeout, else 503 / 504;</li>
 * <li>the exchange itself, streamed; a body over the limit is cut, 413.</li>
 * </ol>
 * Every answer the gateway makes itself is problem+json; the upstream's answers, errors included, are
 * passed on unchanged apart from hop-by-hop headers and a {@code Location} pointing at the upstream.
 */
@ApplicationScoped
public class UpstreamProxy {

    public static final String UNAVAILABLE = "UPSTREAM_UNAVAILABLE";
    public static final String TIMEOUT = "UPSTREAM_TIMEOUT";
    public static final String UPSTREAM_ERROR = "UPSTREAM_ERROR";
    public static final String RATE_LIMITED = "RATE_LIMITED";

    private static final Logger LOG = Logger.getLogger(UpstreamProxy.class);

    private final Routes routes;
    private final UpstreamClients clients;
    private final UpstreamBreakers breakers;
    private final Authentication authentication;
    private final RateLimiter rateLimiter;
    private final BodyLimit bodyLimit;
    private final MeterRegistry registry;
    private final GatewayConfig.Resilience resilience;
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    UpstreamProxy(Routes routes, UpstreamClients clients, UpstreamBreakers breakers, Authentication authentication,
            RateLimiter rateLimiter, BodyLimit bodyLimit, MeterRegistry registry, GatewayConfig config) {
        this.routes = routes;
        this.clients = clients;
        this.breakers = breakers;
        this.authentication = authentication;
        this.rateLimiter = rateLimiter;
        this.bodyLimit = bodyLimit;
        this.registry = registry;
        this.resilience = config.resilience();
    }

    void register(@Observes Router router) {
        // Before Quarkus REST's route: an API call never goes through JAX-RS matching.
        router.route("/api/v1/*").order(RouteConstants.ROUTE_ORDER_BEFORE_DEFAULT).handler(this::handle);
    }

    void handle(RoutingContext context) {
        String path = context.normalizedPath();
        Route route = routes.match(path).orElse(null);
        if (route == null) {
            context.next(); // no route: the platform's UnknownRouteHandler answers 404 problem+json
            return;
        }
        HttpServerRequest request = context.request();
        if (!request.isEnded()) {
            request.pause(); // the body waits until the request is admitted and the upstream is connected
        }
        Context requestContext = Vertx.currentContext();
        boolean read = request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD;

        authentication.caller(context, route.anonymousReads() && read)
                .chain(rateLimiter::acquire)
                .emitOn(task -> requestContext.runOnContext(v -> task.run()))
                .subscribe().with(
                        decision -> admitted(context, route, path, decision),
                        failure -> refused(context, failure));
    }

    private void admitted(RoutingContext context, Route route, String path, Decision decision) {
        HttpServerResponse response = context.response();
        if (decision.known()) {
            response.putHeader("RateLimit-Policy", decision.policyHeader());
            response.putHeader("RateLimit", decision.limitHeader());
        }
        if (!decision.allowed()) {
            response.putHeader(HttpHeaders.RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
            ProblemResponses.send(context, Problem.of(429, RATE_LIMITED, "Too many requests",
                    "Rate limit exceeded; retry in " + decision.retryAfterSeconds() + " s."));
            return;
        }
        forward(context, route, path, 0);
    }

    private void refused(RoutingContext context, Throwable failure) {
        if (failure instanceof Authentication.Unauthenticated refusal) {
            Authentication.refuse(context, refusal);
            return;
        }
        LOG.errorf(failure, "Could not admit %s %s", context.request().method(), context.request().path());
        ProblemResponses.send(context, Problem.of(500, "INTERNAL_ERROR", "Internal error",
                "An unexpected error occurred. Quote the traceId when reporting it."));
    }

    private void forward(RoutingContext context, Route route, String path, int attempt) {
        HttpServerRequest in = context.request();
        RequestOptions options = new RequestOptions()
                .setMethod(in.method())
                .setURI(route.upstreamPath(path) + (in.query() != null ? "?" + in.query() : ""))
                .setHeaders(upstreamHeaders(context))
                // A request waits in the pool's queue no longer than the breaker waits for it: when the breaker
                // gives up (504), Vert.x takes the request out of the queue, so it never takes a connection
                // later for nobody. Without this, under overload the queue filled with abandoned requests,
                // each of which in turn took a connection, sent its request and pinned the connection with a
                // response nobody read until the idle timeout: the gateway never recovered (see the test
                // CircuitBreakerTest#abandonedRequestsDoNotTakePooledConnectionsLater).
                .setConnectTimeout(resilience.timeout().toMillis());
        Context requestContext = Vertx.currentContext();
        AtomicReference<HttpClientRequest> sent = new AtomicReference<>();
        AtomicReference<ClientFault> clientFault = new AtomicReference<>();
        AtomicBoolean abandoned = new AtomicBoolean();
        long start = System.nanoTime();

        breakers.call(route.upstream(), timeout(in), () -> send(context, options, route, sent, clientFault, abandoned).toCompletionStage())
                .whenComplete((response, failure) -> {
                    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                    if (cause != null && !(cause instanceof UpstreamServerError)) {
                        abandon(sent, abandoned);
                    }
                    requestContext.runOnContext(v -> {
                        if (cause instanceof UpstreamServerError serverError) {
                            completed(context, route, serverError.response(), null, path, attempt, sent, start);
                        } else {
                            completed(context, route, response, cause, path, attempt, sent, start);
                        }
                    });
                });
    }

    /**
     * The breaker gave up on the exchange (timeout, or any failure but a 5xx answer, which is streamed).
     * Whichever comes second, the pooled connection ({@link #send}) or this call, resets the request, so a
     * connection that arrives in the last moment before the queue timeout is never left holding a paused
     * response nobody reads.
     */
    private static void abandon(AtomicReference<HttpClientRequest> sent, AtomicBoolean abandoned) {
        abandoned.set(true);
        HttpClientRequest request = sent.get();
        if (request != null) {
            request.reset();
        }
    }

    private void completed(RoutingContext context, Route route, HttpClientResponse response, Throwable cause,
            String path, int attempt, AtomicReference<HttpClientRequest> sent, long start) {
        record(route, response, cause, start);
        if (cause == null) {
            stream(context, route, response);
        } else {
            failed(context, route, path, attempt, cause);
        }
    }

    private Future<HttpClientResponse> send(RoutingContext context, RequestOptions options, Route route,
            AtomicReference<HttpClientRequest> sent, AtomicReference<ClientFault> clientFault, AtomicBoolean abandoned) {
        return clients.of(route.upstream()).request(options)
                // No pooled connection within the timeout: the same 504 as no answer within the timeout.
                .recover(failure -> Future.failedFuture(failure instanceof java.util.concurrent.TimeoutException
                        ? new TimeoutException(route.upstream() + ": no pooled connection within the timeout")
                        : failure))
                .compose(upstream -> {
                    upstream.exceptionHandler(failure -> {
                        // Reported through upstream.response() below, or an abandoned exchange's reset: without a
                        // handler Vert.x would log each as an error ("Stream reset: 0").
                    });
                    sent.set(upstream);
                    if (abandoned.get()) {
                        upstream.reset();
                        return Future.failedFuture(new CancellationException("the exchange was abandoned before it was sent"));
                    }
                    context.response().closeHandler(v -> abort(upstream, clientFault, ClientFault.wentAway()));
                    streamBody(context.request(), upstream, clientFault);
                    return upstream.response()
                            // A reset of our own making is the client's fault, whatever error Vert.x reports for it.
                            .recover(failure -> Future.failedFuture(clientFault.get() != null ? clientFault.get() : failure))
                            .map(response -> {
                                response.pause(); // until it is piped to the client, on the request's context
                                // Until the pipe takes over: a reset of a response nobody reads yet (the exchange
                                // was abandoned) is expected, not an error to log ("Stream reset: 0").
                                response.exceptionHandler(failure -> {
                                });
                                if (response.statusCode() >= 500) {
                                    throw new UpstreamServerError(response);
                                }
                                return response;
                            });
                });
    }

    private static void abort(HttpClientRequest upstream, AtomicReference<ClientFault> clientFault, ClientFault fault) {
        if (clientFault.compareAndSet(null, fault)) {
            upstream.reset(0, fault);
        }
    }

    /** Client to upstream, chunk by chunk, counting bytes when the client sent no Content-Length. */
    private void streamBody(HttpServerRequest in, HttpClientRequest upstream, AtomicReference<ClientFault> clientFault) {
        String length = in.getHeader(HttpHeaders.CONTENT_LENGTH);
        boolean chunked = length == null && !in.isEnded()
                && ("chunked".equalsIgnoreCase(in.getHeader(HttpHeaders.TRANSFER_ENCODING))
                        || in.version() == HttpVersion.HTTP_2);
        if (in.isEnded() || "0".equals(length) || (length == null && !chunked)) {
            upstream.end();
            in.resume(); // paused in handle(): let the request's (empty) end be read
            return;
        }
        upstream.setChunked(chunked);
        long max = bodyLimit.maxBytes();
        long[] received = {0};
        in.handler(buffer -> {
            received[0] += buffer.length();
            if (received[0] > max) {
                in.handler(null).endHandler(null);
                abort(upstream, clientFault, ClientFault.bodyTooLarge());
                return;
            }
            upstream.write(buffer);
            if (upstream.writeQueueFull()) {
                in.pause();
                upstream.drainHandler(v -> in.resume());
            }
        });
        in.endHandler(v -> upstream.end());
        in.exceptionHandler(e -> abort(upstream, clientFault, ClientFault.wentAway()));
        in.resume();
    }

    /** Upstream to client: status, end-to-end headers, then the body as it comes. */
    private void stream(RoutingContext context, Route route, HttpClientResponse response) {
        HttpServerResponse out = context.response();
        if (out.closed() || out.headWritten()) {
            response.request().reset();
            return;
        }
        out.setStatusCode(response.statusCode());
        ProxyHeaders.copyResponseHeaders(response.headers(), out.headers());
        String location = response.getHeader(HttpHeaders.LOCATION);
        if (location != null) {
            out.headers().set(HttpHeaders.LOCATION, route.publicLocation(location));
        }
        int status = response.statusCode();
        if (!response.headers().contains(HttpHeaders.CONTENT_LENGTH) && status != 204 && status != 304
                && context.request().method() != HttpMethod.HEAD) {
            out.setChunked(true);
        }
        response.pipeTo(out).onFailure(e -> response.request().reset());
    }

    private void failed(RoutingContext context, Route route, String path, int attempt, Throwable cause) {
        String upstream = route.upstream();
        if (cause instanceof CircuitBreakerOpenException) {
            Duration left = breakers.remainingOpen(upstream);
            unavailable(context, left, upstream + " is unavailable (circuit breaker open); retry in "
                    + left.toMillis() + " ms.");
        } else if (cause instanceof TimeoutException) {
            ProblemResponses.send(context, Problem.of(504, TIMEOUT, "Upstream timeout",
                    upstream + " did not answer within " + timeout(context.request()).toMillis() + " ms."));
        } else if (cause instanceof ClientFault fault) {
            if (fault.isBodyTooLarge()) {
                bodyLimit.reject(context);
            }
        } else if (cause instanceof ConnectException) {
            if (isRetryable(context.request().method()) && attempt < resilience.connectRetries()
                    && !context.response().closed()) {
                long base = resilience.connectRetryDelay().toMillis();
                long delay = Math.max(1, base / 2 + ThreadLocalRandom.current().nextLong(base + 1)); // jitter
                context.vertx().setTimer(delay, id -> forward(context, route, path, attempt + 1));
                return;
            }
            unavailable(context, Duration.ofSeconds(1), upstream + " cannot be reached.");
        } else {
            // Rare (one in 200,000 fuzzed requests, BENCHMARKS.md) and not yet explained: say what broke, so the
            // next one can be told apart (a pooled connection the upstream closed, a reset, a protocol error).
            LOG.warnf("Exchange with %s broke off, answered 502: %s", upstream, cause);
            LOG.debugf(cause, "Exchange with %s failed", upstream);
            ProblemResponses.send(context, Problem.of(502, UPSTREAM_ERROR, "Upstream error",
                    upstream + " broke off the exchange."));
        }
    }

    /** 503 with {@code Retry-After} in seconds (RFC 9110) and the exact wait as {@code retryAfterMs}. */
    private static void unavailable(RoutingContext context, Duration wait, String detail) {
        long millis = Math.max(0, wait.toMillis());
        context.response().putHeader(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, (millis + 999) / 1000)));
        ProblemResponses.send(context, Problem.of(503, UNAVAILABLE, "Upstream unavailable", detail),
                Map.of("retryAfterMs", millis));
    }

    /** The upstream's time to answer: the timeout, plus the wait of a long poll ({@code Prefer: wait=N}). */
    private Duration timeout(HttpServerRequest in) {
        return PreferWait.from(in.headers().getAll(PreferWait.PREFER))
                .map(wait -> resilience.timeout().plus(wait.duration()))
                .orElse(resilience.timeout());
    }

    /** Only requests without a body and without side effects, and only when nothing reached the upstream. */
    private static boolean isRetryable(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD;
    }

    private MultiMap upstreamHeaders(RoutingContext context) {
        HttpServerRequest in = context.request();
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        ProxyHeaders.copyRequestHeaders(in.headers(), headers);
        headers.set(RequestIds.HEADER, RequestIds.of(context));
        if (in.remoteAddress() != null) {
            headers.set("X-Forwarded-For", in.remoteAddress().hostAddress());
        }
        headers.set("X-Forwarded-Proto", in.scheme());
        if (in.authority() != null) {
            headers.set("X-Forwarded-Host", in.authority().toString());
        }
        return headers;
    }

    /** Time to the upstream's response head, by upstream and outcome: 2xx..5xx, timeout, open, error. */
    private void record(Route route, HttpClientResponse response, Throwable cause, long start) {
        String outcome;
        if (cause == null) {
            outcome = (response.statusCode() / 100) + "xx";
        } else if (cause instanceof CircuitBreakerOpenException) {
            outcome = "breaker_open";
        } else if (cause instanceof TimeoutException) {
            outcome = "timeout";
        } else if (cause instanceof ClientFault) {
            outcome = "client_fault";
        } else {
            outcome = "error";
        }
        timers.computeIfAbsent(route.upstream() + '|' + outcome, key -> Timer.builder("gateway.upstream.duration")
                .description("Time from sending a request upstream to its response head")
                .tag("upstream", route.upstream())
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry))
                .record(System.nanoTime() - start, java.util.concurrent.TimeUnit.NANOSECONDS);
    }
}
