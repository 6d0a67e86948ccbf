package dev.shop.psp.ledger;

/**
 * A request to refund a charge.
 *
 * @param amountCents {@code null} refunds everything not yet refunded
 */
public record NewRefund(String charge, Long amountCents) {

    public String fingerprint() {
        return IdempotencyKeys.fingerprint("refund", charge, amountCents == null ? "remaining" : amountCents);
    }
}
