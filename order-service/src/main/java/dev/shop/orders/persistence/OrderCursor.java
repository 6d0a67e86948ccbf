package dev.shop.orders.persistence;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

import dev.shop.platform.problem.ProblemException;

/** The opaque {@code nextCursor} of GET /orders: the position (created_at, id) of the last order of a page. */
public record OrderCursor(Instant createdAt, UUID id) {

    /**
     * No order was created before the epoch or after the year 9999: a position outside them is no cursor of ours
     * (and one far enough out is outside PostgreSQL's timestamps, an error in the query).
     */
    private static final long LATEST_MICROS =
            ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse("9999-12-31T23:59:59Z"));

    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + "," + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** @throws ProblemException 400 INVALID_CURSOR when the text is not a cursor this service wrote */
    public static OrderCursor decode(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII).split(",", 2);
            long micros = Long.parseLong(parts[0]);
            if (micros >= 0 && micros <= LATEST_MICROS) {
                return new OrderCursor(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), UUID.fromString(parts[1]));
            }
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            // not base64url, not a number and a UUID: the same answer as any other foreign cursor
        }
        throw new ProblemException(400, "INVALID_CURSOR", "Invalid cursor",
                "The cursor is not one this API returned; start again without a cursor.");
    }
}
