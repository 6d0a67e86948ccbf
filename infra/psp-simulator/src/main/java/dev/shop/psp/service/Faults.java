package dev.shop.psp.service;

/**
 * The fault knobs in force: added latency, share of calls failed with 503, and a full outage.
 *
 * @param errorRate 0.0 (never) to 1.0 (always)
 */
public record Faults(long latencyMs, double errorRate, boolean outage) {

    public Faults {
        if (latencyMs < 0) {
            throw new IllegalArgumentException("latencyMs must be >= 0");
        }
        if (errorRate < 0.0 || errorRate > 1.0) {
            throw new IllegalArgumentException("errorRate must be within 0.0 and 1.0");
        }
    }
}
