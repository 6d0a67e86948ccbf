package dev.shop.payments.client;

/**
 * The PSP's final answer to a charge. Unavailability is not an outcome: it is {@link PspUnavailableException}; nor is
 * an answer outside the PSP's contract: {@link UnexpectedPspAnswerException}.
 */
public sealed interface ChargeOutcome {

    /** 201 with the charge's id: money moved, and the id is what a refund needs. */
    record Approved(String chargeId) implements ChargeOutcome {
    }

    /**
     * 402: the card said no; final, never retried. Only a 402: a 400 means the request was wrong and no card was
     * asked ({@link UnexpectedPspAnswerException}).
     */
    record Declined(String code) implements ChargeOutcome {
    }

    /**
     * 409 {@code CHARGE_CANCELLED}: a cancellation of this order voided the charge's idempotency key before the charge
     * was made; nothing moved, and no charge with this key ever will. Final, never retried.
     */
    record Cancelled() implements ChargeOutcome {
    }
}
