package dev.shop.payments.client;

/**
 * The PSP gave a final answer its contract does not have for the call (ADR 0015): a 400 (our request was wrong, the
 * card was never asked), an approval without a charge id, a cancellation in an unknown state, any other status. Not
 * unavailability: asking again would most likely get the same answer, so it is not retried by {@link PspClient} and
 * does not count against the breaker; {@code PaymentProcessor} bounds what happens next.
 */
public class UnexpectedPspAnswerException extends RuntimeException {

    private final PspOperation operation;

    public UnexpectedPspAnswerException(PspOperation operation, String answer) {
        super("PSP answered the " + operation.tag() + " with " + answer);
        this.operation = operation;
    }

    public PspOperation operation() {
        return operation;
    }
}
