package dev.shop.psp.service;

import dev.shop.platform.problem.ProblemException;
import dev.shop.psp.config.PspConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Makes the simulated processor slow, unavailable or wrong on demand, for resilience and chaos tests.
 * Every /v1 call passes through {@link #beforeCall()} before it touches the ledger, so an injected
 * failure never has an effect and a retry with the same idempotency key is always safe. The one
 * exception is {@link #hidesChargeId()}: the charge is made, only its answer is broken.
 */
@ApplicationScoped
public class FaultInjector {

    private final PspConfig config;
    private final AtomicReference<Faults> current;
    private final Counter outages;
    private final Counter errors;
    private final Counter delays;
    private final Counter badRequests;
    private final Counter approvalsWithoutId;

    public FaultInjector(PspConfig config, MeterRegistry registry) {
        this.config = config;
        this.current = new AtomicReference<>(configured());
        this.outages = injected(registry, "outage");
        this.errors = injected(registry, "error");
        this.delays = injected(registry, "latency");
        this.badRequests = injected(registry, "bad_request");
        this.approvalsWithoutId = injected(registry, "approval_without_id");
    }

    public Faults current() {
        return current.get();
    }

    public Faults set(Faults faults) {
        current.set(faults);
        return faults;
    }

    /** Back to the values configured at start-up ({@code psp.latency-ms}, {@code psp.error-rate}, {@code psp.outage} ...). */
    public Faults reset() {
        return set(configured());
    }

    /**
     * Sleeps the configured latency, then fails the call if an outage is on or the error dice say so, or
     * rejects it as a bad request. Runs on a worker thread (the resources are blocking), never on the event loop.
     *
     * @throws ProblemException 503 {@code PSP_UNAVAILABLE}, 400 {@code SIMULATED_BAD_REQUEST}
     */
    public void beforeCall() {
        Faults faults = current.get();
        if (faults.latencyMs() > 0) {
            delays.increment();
            sleep(faults.latencyMs());
        }
        if (faults.outage()) {
            outages.increment();
            throw unavailable("The card processor is down (simulated outage). Nothing was done; retry later.");
        }
        if (faults.errorRate() > 0 && ThreadLocalRandom.current().nextDouble() < faults.errorRate()) {
            errors.increment();
            throw unavailable("The card processor failed (simulated error). Nothing was done; retrying with the same Idempotency-Key is safe.");
        }
        if (faults.badRequest()) {
            badRequests.increment();
            throw new ProblemException(400, "SIMULATED_BAD_REQUEST", "Bad request (simulated)",
                    "The card processor rejected the request (simulated bad request). Nothing was done.");
        }
    }

    /** Whether the answer to a succeeded charge is to leave out the charge's id (counted when it is). */
    public boolean hidesChargeId() {
        if (current.get().approvalWithoutId()) {
            approvalsWithoutId.increment();
            return true;
        }
        return false;
    }

    private Faults configured() {
        return new Faults(config.latencyMs(), config.errorRate(), config.outage(), config.badRequest(),
                config.approvalWithoutId());
    }

    private static ProblemException unavailable(String detail) {
        return new ProblemException(503, "PSP_UNAVAILABLE", "Card processor unavailable", detail)
                .retryAfter(Duration.ofSeconds(1));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable("Interrupted while simulating latency. Nothing was done.");
        }
    }

    private static Counter injected(MeterRegistry registry, String kind) {
        return Counter.builder("psp.faults.injected")
                .description("Faults injected into /v1 calls by the simulator's knobs")
                .tag("kind", kind)
                .register(registry);
    }
}
