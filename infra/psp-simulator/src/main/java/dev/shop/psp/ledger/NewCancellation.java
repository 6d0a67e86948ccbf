package dev.shop.psp.ledger;

/** A request to cancel the charge made, or not yet made, with the idempotency key {@code chargeIdempotencyKey}. */
public record NewCancellation(String chargeIdempotencyKey) {

    public String fingerprint() {
        return IdempotencyKeys.fingerprint("cancellation", chargeIdempotencyKey);
    }
}
