package dev.shop.platform.http;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code wait} preference of RFC 7240: {@code Prefer: wait=10} says the client would rather wait up to ten
 * seconds for an answer that has changed than ask again. order-service honours it on {@code GET /orders/{id}} (a
 * long poll) and answers {@code Preference-Applied: wait=10}; the gateway lets such a request wait that much longer
 * for its upstream. Waits longer than {@link #MAX} are cut to it.
 */
public record PreferWait(Duration duration) {

    public static final String PREFER = "Prefer";
    public static final String PREFERENCE_APPLIED = "Preference-Applied";
    /** The longest wait granted, whatever the client asks for. */
    public static final Duration MAX = Duration.ofSeconds(30);

    /**
     * The wait asked for in the {@code Prefer} header values of a request, at most {@link #MAX}. Empty when there is
     * none, when it is not a whole number of seconds, or when it is 0. As RFC 7240 says, only the first {@code wait}
     * counts; preference names are case-insensitive and their parameters ({@code ;...}) are ignored.
     */
    public static Optional<PreferWait> from(List<String> preferHeaders) {
        if (preferHeaders == null) {
            return Optional.empty();
        }
        for (String header : preferHeaders) {
            if (header == null) {
                continue;
            }
            for (String preference : header.split(",")) {
                String nameAndValue = preference.split(";", 2)[0];
                int equals = nameAndValue.indexOf('=');
                String name = (equals < 0 ? nameAndValue : nameAndValue.substring(0, equals)).trim();
                if (name.toLowerCase(Locale.ROOT).equals("wait")) {
                    return equals < 0 ? Optional.empty() : seconds(unquoted(nameAndValue.substring(equals + 1).trim()));
                }
            }
        }
        return Optional.empty();
    }

    /** The value of {@code Preference-Applied}: {@code wait=N}. */
    public String applied() {
        return "wait=" + duration.toSeconds();
    }

    private static Optional<PreferWait> seconds(String value) {
        if (value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        long seconds = value.length() > 9 ? Long.MAX_VALUE : Long.parseLong(value); // delta-seconds may be huge
        return seconds == 0
                ? Optional.empty()
                : Optional.of(new PreferWait(Duration.ofSeconds(Math.min(seconds, MAX.toSeconds()))));
    }

    private static String unquoted(String value) {
        return value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                ? value.substring(1, value.length() - 1)
                : value;
    }
}
