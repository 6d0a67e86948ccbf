package dev.shop.platform.events;

/**
 * An event that can never be processed, however often it is retried: malformed envelope, unreadable
 * data, an unknown version of a type the consumer handles. Consumers let it escape so that the message
 * goes to {@code <topic>.dlq} with this message as its {@code dead-letter-reason}, and the partition moves on.
 * Transient failures (database down) must <em>not</em> use it: they are retried.
 */
public class PoisonEventException extends RuntimeException {

    public PoisonEventException(String message) {
        super(message);
    }

    public PoisonEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
