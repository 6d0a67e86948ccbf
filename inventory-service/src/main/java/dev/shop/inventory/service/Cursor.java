package dev.shop.inventory.service;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import dev.shop.platform.problem.ProblemException;

/**
 * The opaque {@code cursor} of catalog pages: base64url of {@code p1:<seq>}, the catalog position of the last
 * product of the previous page. Clients must not build or parse it; the {@code p1} prefix lets the format change.
 */
public final class Cursor {

    private static final String PREFIX = "p1:";

    /** Where a walk starts: before the first product. */
    public static final long START = 0;

    private Cursor() {
    }

    public static String after(long seq) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((PREFIX + seq).getBytes(StandardCharsets.US_ASCII));
    }

    /** The position a cursor points after; {@link #START} for none; 400 {@code INVALID_CURSOR} if it is not ours. */
    public static long decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return START;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (text.startsWith(PREFIX)) {
                long seq = Long.parseLong(text.substring(PREFIX.length()));
                if (seq >= 0) {
                    return seq;
                }
            }
        } catch (IllegalArgumentException e) {
            // not base64url, or not a number: same answer as any other foreign cursor
        }
        throw new ProblemException(400, "INVALID_CURSOR", "Invalid cursor",
                "The cursor is not one this API returned; start again without a cursor.");
    }
}
