package dev.shop.psp.ledger;

/** A request to charge {@code amountCents} to a test payment method, on behalf of {@code reference} (the order). */
public record NewCharge(long amountCents, String currency, String paymentMethod, String reference) {

    /** Same fields, same fingerprint: what "same request body" means for an idempotency key. */
    public String fingerprint() {
        return IdempotencyKeys.fingerprint("charge", amountCents, currency, paymentMethod, reference);
    }
}
