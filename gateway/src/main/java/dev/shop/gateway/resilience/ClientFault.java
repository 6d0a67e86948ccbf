package dev.shop.gateway.resilience;

/**
 * The call failed because of the client, not the upstream (its body went over the limit, it hung up):
 * the breaker ignores it.
 */
public final class ClientFault extends RuntimeException {

    private final boolean bodyTooLarge;

    private ClientFault(String message, boolean bodyTooLarge) {
        super(message, null, false, false);
        this.bodyTooLarge = bodyTooLarge;
    }

    public static ClientFault bodyTooLarge() {
        return new ClientFault("request body over the limit", true);
    }

    public static ClientFault wentAway() {
        return new ClientFault("client closed the connection", false);
    }

    public boolean isBodyTooLarge() {
        return bodyTooLarge;
    }
}
