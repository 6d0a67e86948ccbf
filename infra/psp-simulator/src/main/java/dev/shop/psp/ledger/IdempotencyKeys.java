package dev.shop.psp.ledger;

import dev.shop.platform.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Idempotency keys of one operation (charges or refunds), after Stripe and the IETF
 * Idempotency-Key draft: the first request with a key claims it, later ones replay its answer.
 *
 * <ul>
 *   <li>same key, same fingerprint, answered: the recorded answer is replayed;</li>
 *   <li>same key, other fingerprint: 422 {@code IDEMPOTENCY_KEY_REUSED};</li>
 *   <li>same key while the first request is still running: 409 {@code IDEMPOTENCY_KEY_IN_FLIGHT}.</li>
 * </ul>
 * A claim is completed only after its effect is durable, and released if the request failed without
 * an effect (an unknown charge, an over-refund), so such answers are not recorded, as at Stripe.
 * Keys are kept for the life of the journal.
 */
final class IdempotencyKeys<T> {

    /** {@code answer == null} while the claiming request is in flight. */
    private record Entry<T>(String fingerprint, T answer) {
    }

    private final ConcurrentHashMap<String, Entry<T>> entries = new ConcurrentHashMap<>();

    /**
     * Returns the answer to replay, or empty when the caller now owns the key and must
     * {@link #complete} or {@link #release} it.
     */
    Optional<T> claim(String key, String fingerprint) {
        Entry<T> existing = entries.putIfAbsent(key, new Entry<>(fingerprint, null));
        if (existing == null) {
            return Optional.empty();
        }
        if (!existing.fingerprint().equals(fingerprint)) {
            throw new ProblemException(422, "IDEMPOTENCY_KEY_REUSED", "Idempotency key reused",
                    "This Idempotency-Key was already used with a different request body.");
        }
        if (existing.answer() == null) {
            throw new ProblemException(409, "IDEMPOTENCY_KEY_IN_FLIGHT", "Request in flight",
                    "A request with this Idempotency-Key is still being processed; retry shortly with the same key.")
                    .retryAfter(Duration.ofSeconds(1));
        }
        return Optional.of(existing.answer());
    }

    void complete(String key, String fingerprint, T answer) {
        entries.put(key, new Entry<>(fingerprint, answer));
    }

    void release(String key) {
        entries.remove(key);
    }

    /** SHA-256 over the parts, separated so that ("ab", "c") and ("a", "bc") differ. */
    static String fingerprint(Object... parts) {
        StringBuilder canonical = new StringBuilder();
        for (Object part : parts) {
            canonical.append(part).append('\u001f');
        }
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(canonical.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
