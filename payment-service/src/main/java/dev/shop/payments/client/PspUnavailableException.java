package dev.shop.payments.client;

/** The PSP did not give a final answer (503, 5xx, refused, timed out, busy with the same key): try again later. */
public class PspUnavailableException extends RuntimeException {

    public PspUnavailableException(String message) {
        super(message);
    }

    public PspUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
