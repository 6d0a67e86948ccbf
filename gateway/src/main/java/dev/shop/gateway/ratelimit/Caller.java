package dev.shop.gateway.ratelimit;

/**
 * Who a request counts against: a user (the token's {@code sub}) or, without a token, a client address.
 *
 * @param authenticated whether {@code id} is a token subject (else an IP address)
 * @param id            the subject or the address
 */
public record Caller(boolean authenticated, String id) {

    public static Caller user(String subject) {
        return new Caller(true, subject);
    }

    public static Caller anonymous(String address) {
        return new Caller(false, address);
    }

    String key(String prefix) {
        return prefix + (authenticated ? "user:" : "ip:") + id;
    }
}
