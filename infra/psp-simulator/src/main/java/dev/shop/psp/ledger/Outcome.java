package dev.shop.psp.ledger;

/**
 * What the ledger answers to a charge or refund.
 *
 * @param replayed true when the idempotency key had already been used with the same request: the
 *                 original answer is given back and nothing new happened
 */
public record Outcome<T>(T value, boolean replayed) {

    static <T> Outcome<T> created(T value) {
        return new Outcome<>(value, false);
    }

    static <T> Outcome<T> replay(T value) {
        return new Outcome<>(value, true);
    }
}
