package dev.shop.payments.client;

/**
 * The PSP's final answer to cancelling an order's charge by its idempotency key. Unavailability is not an outcome: it
 * is {@link PspUnavailableException}.
 */
public sealed interface CancellationOutcome {

    /** No money is held for the order: the charge was never made (and now never will be), or it was declined. */
    record NothingCaptured() implements CancellationOutcome {
    }

    /** The charge had succeeded and is now refunded in full. */
    record Refunded(String chargeId) implements CancellationOutcome {
    }
}
