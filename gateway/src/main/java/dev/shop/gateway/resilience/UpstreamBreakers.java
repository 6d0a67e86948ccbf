package dev.shop.gateway.resilience;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import dev.shop.gateway.config.GatewayConfig;
import dev.shop.gateway.routing.Routes;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.faulttolerance.api.CircuitBreakerState;
import io.smallrye.faulttolerance.api.TypedGuard;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientResponse;

/**
 * One circuit breaker and timeout per upstream (SmallRye Fault Tolerance's programmatic API), named
 * {@code gateway-<upstream>}: a broken order-service never slows down the catalog.
 * <p>
 * What counts against a breaker: connection failures, the timeout (no response head within
 * {@code shop.resilience.timeout}, plus the wait of a long poll's {@code Prefer: wait}), and 5xx answers. A long poll
 * that answers within its wait is a success like any other: the breaker counts failures, not durations. A 4xx is an answer, not a failure; a body over the
 * limit or a client hanging up is the client's doing ({@link ClientFault}). When the failure ratio over the
 * last {@code request-volume-threshold} calls reaches {@code failure-ratio}, the breaker opens: calls fail at
 * once, without touching the upstream, for {@code delay}; then one trial call decides whether it closes.
 */
@ApplicationScoped
public class UpstreamBreakers {

    private static final Logger LOG = Logger.getLogger(UpstreamBreakers.class);
    private static final TypeLiteral<CompletionStage<HttpClientResponse>> RESPONSE = new TypeLiteral<>() {
    };

    private final Map<String, Breaker> breakers = new ConcurrentHashMap<>();
    private final Duration delay;
    private final Vertx vertx;

    UpstreamBreakers(GatewayConfig config, Routes routes, MeterRegistry registry, Vertx vertx) {
        GatewayConfig.Resilience resilience = config.resilience();
        this.delay = resilience.breaker().delay();
        this.vertx = vertx;
        for (var route : routes.all()) {
            breakers.computeIfAbsent(route.upstream(), name -> new Breaker(name, resilience, registry));
        }
    }

    /**
     * Calls the upstream through its breaker, and fails with a {@link TimeoutException} (a failure for the breaker)
     * when no response head has come within {@code timeout}: a timer per call rather than the guard's own timeout,
     * because a long poll may wait longer than other requests.
     *
     * @param call sends the request and completes with the response head (paused), or fails with
     *             {@link UpstreamServerError} for a 5xx
     */
    public CompletionStage<HttpClientResponse> call(String upstream, Duration timeout,
            Supplier<CompletionStage<HttpClientResponse>> call) {
        return breakers.get(upstream).guard.get(() -> {
            CompletableFuture<HttpClientResponse> answer = new CompletableFuture<>();
            long timer = vertx.setTimer(Math.max(1, timeout.toMillis()), id -> answer.completeExceptionally(
                    new TimeoutException(upstream + " did not answer within " + timeout.toMillis() + " ms")));
            call.get().whenComplete((response, failure) -> {
                vertx.cancelTimer(timer);
                if (failure != null) {
                    answer.completeExceptionally(failure);
                } else {
                    answer.complete(response); // after the timeout: ignored, the caller resets the abandoned request
                }
            });
            return answer;
        });
    }

    /** How long the breaker of {@code upstream} stays open from now (zero when it is not open). */
    public Duration remainingOpen(String upstream) {
        Breaker breaker = breakers.get(upstream);
        if (breaker == null || breaker.state.get() != CircuitBreakerState.OPEN) {
            return Duration.ZERO;
        }
        Duration open = Duration.ofNanos(System.nanoTime() - breaker.openedAt.get());
        Duration left = delay.minus(open);
        return left.isNegative() ? Duration.ZERO : left;
    }

    public CircuitBreakerState state(String upstream) {
        return breakers.get(upstream).state.get();
    }

    private static final class Breaker {

        final AtomicReference<CircuitBreakerState> state = new AtomicReference<>(CircuitBreakerState.CLOSED);
        final AtomicLong openedAt = new AtomicLong();
        final TypedGuard<CompletionStage<HttpClientResponse>> guard;

        Breaker(String upstream, GatewayConfig.Resilience config, MeterRegistry registry) {
            GatewayConfig.Breaker breaker = config.breaker();
            this.guard = TypedGuard.create(RESPONSE)
                    .withDescription("gateway-" + upstream)
                    .withCircuitBreaker()
                        .name("gateway-" + upstream)
                        .requestVolumeThreshold(breaker.requestVolumeThreshold())
                        .failureRatio(breaker.failureRatio())
                        .delay(breaker.delay().toMillis(), ChronoUnit.MILLIS)
                        .successThreshold(breaker.successThreshold())
                        .skipOn(ClientFault.class)
                        .onStateChange(newState -> changed(upstream, newState))
                        .done()
                    // The call is non-blocking: it runs on the event loop that received the request.
                    .withThreadOffload(false)
                    .build();
            Gauge.builder("gateway.upstream.breaker.state", state, current -> switch (current.get()) {
                case CLOSED -> 0;
                case OPEN -> 1;
                case HALF_OPEN -> 2;
            })
                    .description("Circuit breaker of the upstream: 0 closed, 1 open, 2 half-open")
                    .tag("upstream", upstream)
                    .register(registry);
        }

        private void changed(String upstream, CircuitBreakerState newState) {
            if (newState == CircuitBreakerState.OPEN) {
                openedAt.set(System.nanoTime());
            }
            state.set(newState);
            LOG.infof("Circuit breaker of upstream %s is now %s", upstream, newState);
        }
    }
}
