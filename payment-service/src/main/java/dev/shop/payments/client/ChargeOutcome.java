package dev.shop.payments.client;

/** The PSP's final answer to a charge. Unavailability is not an outcome: it is {@link PspUnavailableException}. */
public sealed interface ChargeOutcome {

    /** 201: money moved. */
    record Approved(String chargeId) implements ChargeOutcome {
    }

    /** 402 (or a 400 for an unusable payment method): the card said no; final, never retried. */
    record Declined(String code) implements ChargeOutcome {
    }

    /**
     * 409 {@code CHARGE_CANCELLED}: a cancellation of this order voided the charge's idempotency key before the charge
     * was made; nothing moved, and no charge with this key ever will. Final, never retried.
     */
    record Cancelled() implements ChargeOutcome {
    }
}
