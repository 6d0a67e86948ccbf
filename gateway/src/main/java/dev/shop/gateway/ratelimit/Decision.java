package dev.shop.gateway.ratelimit;

import java.time.Duration;

/**
 * The rate limiter's answer for one request.
 *
 * @param allowed    whether the request may pass
 * @param policy     the policy applied: {@code user} or {@code anonymous}; null when not applied
 * @param limit      the policy's burst (the bucket's size)
 * @param window     time a drained bucket takes to fill up again (burst / rate)
 * @param remaining  requests the caller may still send right now
 * @param retryAfter when rejected, how long until one more request is allowed
 * @param reset      how long until the bucket is full again
 */
public record Decision(boolean allowed, String policy, int limit, Duration window, long remaining,
        Duration retryAfter, Duration reset) {

    /** Redis did not answer in time (or rate limiting is off): let the request through, say nothing. */
    public static Decision failOpen() {
        return new Decision(true, null, 0, Duration.ZERO, 0, Duration.ZERO, Duration.ZERO);
    }

    /** Whether the limiter knows the caller's bucket, i.e. the RateLimit headers can be sent. */
    public boolean known() {
        return policy != null;
    }

    /**
     * {@code RateLimit-Policy: "user";q=20;w=2} (draft-ietf-httpapi-ratelimit-headers): a quota of
     * {@code q} requests per window of {@code w} seconds, the token bucket's burst and refill time.
     */
    public String policyHeader() {
        return "\"" + policy + "\";q=" + limit + ";w=" + ceilSeconds(window);
    }

    /** {@code RateLimit: "user";r=7;t=1}: {@code r} requests left, the quota fully back in {@code t} seconds. */
    public String limitHeader() {
        return "\"" + policy + "\";r=" + remaining + ";t=" + ceilSeconds(reset);
    }

    /** {@code Retry-After} in whole seconds, as RFC 9110 defines it (rounded up, at least 1). */
    public long retryAfterSeconds() {
        return Math.max(1, ceilSeconds(retryAfter));
    }

    static long ceilSeconds(Duration duration) {
        return (duration.toMillis() + 999) / 1000;
    }
}
