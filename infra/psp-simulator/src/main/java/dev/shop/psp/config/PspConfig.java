package dev.shop.psp.config;

import io.smallrye.config.ConfigMapping;

/** Settings of the simulator; every default is in {@code application.properties}. */
@ConfigMapping(prefix = "psp")
public interface PspConfig {

    /** Directory of the journal ({@code journal.jsonl}) that makes the ledger survive restarts. */
    String dataDir();

    /** Delay added to every /v1 answer, in milliseconds, at start-up and after a faults reset. */
    long latencyMs();

    /** Share of /v1 calls (0.0 to 1.0) answered 503 {@code PSP_UNAVAILABLE} before any effect. */
    double errorRate();

    /** When true, every /v1 call answers 503 {@code PSP_UNAVAILABLE}. */
    boolean outage();

    /** When true, every /v1 call answers 400 {@code SIMULATED_BAD_REQUEST}, before any effect. */
    boolean badRequest();

    /** When true, a succeeded charge is made but its 201 answer lacks the charge's {@code id}. */
    boolean approvalWithoutId();
}
