package dev.shop.psp.service;

/**
 * The fault knobs in force: added latency, share of calls failed with 503, a full outage, and two answers outside
 * the processor's contract, for testing how strictly a client reads them.
 *
 * @param errorRate 0.0 (never) to 1.0 (always)
 * @param badRequest every /v1 call answers 400 {@code SIMULATED_BAD_REQUEST}, before any effect
 * @param approvalWithoutId a succeeded charge is made, but its 201 answer lacks the charge's {@code id}
 */
public record Faults(long latencyMs, double errorRate, boolean outage, boolean badRequest, boolean approvalWithoutId) {

    public Faults {
        if (latencyMs < 0) {
            throw new IllegalArgumentException("latencyMs must be >= 0");
        }
        if (errorRate < 0.0 || errorRate > 1.0) {
            throw new IllegalArgumentException("errorRate must be within 0.0 and 1.0");
        }
    }
}
