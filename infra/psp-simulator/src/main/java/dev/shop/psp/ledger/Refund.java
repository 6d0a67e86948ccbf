package dev.shop.psp.ledger;

import java.time.Instant;

/** Money given back on a succeeded charge. Refunds in this simulator always succeed at once. */
public record Refund(
        String id,
        String charge,
        String reference,
        long amountCents,
        String currency,
        String status,
        Instant createdAt) {
}
