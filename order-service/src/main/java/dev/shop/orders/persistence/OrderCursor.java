package dev.shop.orders.persistence;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

import dev.shop.platform.problem.ProblemException;

/** The opaque {@code nextCursor} of GET /orders: the position (created_at, id) of the last order of a page. */
public record OrderCursor(Instant createdAt, UUID id) {

    public String encode() {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, createdAt);
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((micros + "," + id).getBytes(StandardCharsets.US_ASCII));
    }

    /** @throws ProblemException 400 INVALID_CURSOR when the text is not a cursor this service wrote */
    public static OrderCursor decode(String text) {
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.US_ASCII).split(",", 2);
            return new OrderCursor(Instant.EPOCH.plus(Long.parseLong(parts[0]), ChronoUnit.MICROS),
                    UUID.fromString(parts[1]));
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw new ProblemException(400, "INVALID_CURSOR", "Invalid cursor",
                    "The cursor is not one this API returned; start again without a cursor.");
        }
    }
}
