package dev.shop.psp.rest;

import dev.shop.platform.problem.ProblemException;

/** The {@code Idempotency-Key} request header every POST under /v1 requires. */
final class IdempotencyKeyHeader {

    static final String NAME = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final int MAX_LENGTH = 255;

    private IdempotencyKeyHeader() {
    }

    /** @throws ProblemException 400 {@code IDEMPOTENCY_KEY_MISSING} or {@code IDEMPOTENCY_KEY_INVALID} */
    static String require(String value) {
        if (value == null || value.isBlank()) {
            throw new ProblemException(400, "IDEMPOTENCY_KEY_MISSING", "Idempotency key missing",
                    "This request needs an Idempotency-Key header, so that a retry never charges twice.");
        }
        if (value.length() > MAX_LENGTH) {
            throw new ProblemException(400, "IDEMPOTENCY_KEY_INVALID", "Idempotency key invalid",
                    "The Idempotency-Key header must be at most " + MAX_LENGTH + " characters.");
        }
        return value;
    }
}
