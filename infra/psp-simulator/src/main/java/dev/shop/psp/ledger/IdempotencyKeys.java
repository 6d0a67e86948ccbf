package dev.shop.psp.ledger;

import dev.shop.platform.problem.ProblemException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Idempotency keys of one operation (charges, refunds or cancellations), after Stripe and the IETF
 * Idempotency-Key draft: the first request with a key claims it, later ones replay its answer.
 *
 * <ul>
 *   <li>same key, same fingerprint, answered: the recorded answer is replayed;</li>
 *   <li>same key, other fingerprint: 422 {@code IDEMPOTENCY_KEY_REUSED};</li>
 *   <li>same key while the first request is still running: 409 {@code IDEMPOTENCY_KEY_IN_FLIGHT};</li>
 *   <li>a key {@linkplain #voidUnused voided} before any request used it: the problem given at construction
 *       (charges: 409 {@code CHARGE_CANCELLED}), for good.</li>
 * </ul>
 * A claim is completed only after its effect is durable, and released if the request failed without
 * an effect (an unknown charge, an over-refund), so such answers are not recorded, as at Stripe. A void
 * is completed the same way. Keys are kept for the life of the journal.
 */
final class IdempotencyKeys<T> {

    /** What a cancellation found under the key it tried to void; see {@link #voidUnused}. */
    sealed interface Use<T> {

        /** No request had used the key: the caller now holds a void in flight. */
        record Unused<T>() implements Use<T> {
        }

        /** An earlier cancellation voided the key. */
        record Voided<T>() implements Use<T> {
        }

        /** A request used the key and was answered. */
        record Answered<T>(T answer) implements Use<T> {
        }
    }

    private sealed interface Entry<T> {

        /** {@code answer == null} while the claiming request is in flight. */
        record Claimed<T>(String fingerprint, T answer) implements Entry<T> {
        }

        /** A voided key; not {@code durable} while the void is in flight. */
        record Tombstone<T>(boolean durable) implements Entry<T> {
        }
    }

    private final ConcurrentHashMap<String, Entry<T>> entries = new ConcurrentHashMap<>();
    private final Supplier<ProblemException> voidedKeyProblem;

    /** Keys that are never voided. */
    IdempotencyKeys() {
        this(null);
    }

    /** @param voidedKeyProblem the answer to a request that comes with a voided key */
    IdempotencyKeys(Supplier<ProblemException> voidedKeyProblem) {
        this.voidedKeyProblem = voidedKeyProblem;
    }

    /**
     * Returns the answer to replay, or empty when the caller now owns the key and must
     * {@link #complete} or {@link #release} it.
     */
    Optional<T> claim(String key, String fingerprint) {
        return switch (entries.putIfAbsent(key, new Entry.Claimed<>(fingerprint, null))) {
            case null -> Optional.empty();
            case Entry.Tombstone<T> voided when !voided.durable() -> throw inFlight();
            case Entry.Tombstone<T> voided -> throw voidedKeyProblem.get();
            case Entry.Claimed<T> claimed when !claimed.fingerprint().equals(fingerprint) -> throw reused();
            case Entry.Claimed<T> claimed when claimed.answer() == null -> throw inFlight();
            case Entry.Claimed<T> claimed -> Optional.of(claimed.answer());
        };
    }

    void complete(String key, String fingerprint, T answer) {
        entries.put(key, new Entry.Claimed<>(fingerprint, answer));
    }

    /** Frees a claim, or a void in flight, whose request failed without an effect. */
    void release(String key) {
        entries.remove(key);
    }

    /**
     * Voids {@code key} if no request has used it, so that no request can use it later. When the answer is
     * {@link Use.Unused}, the caller holds the void in flight (claims meanwhile get 409 {@code IDEMPOTENCY_KEY_IN_FLIGHT})
     * and must {@link #completeVoid} it once durable, or {@link #release} it.
     *
     * @throws ProblemException 409 {@code IDEMPOTENCY_KEY_IN_FLIGHT} while a request with the key is running
     */
    Use<T> voidUnused(String key) {
        if (voidedKeyProblem == null) {
            throw new IllegalStateException("these idempotency keys are never voided");
        }
        return switch (entries.putIfAbsent(key, new Entry.Tombstone<>(false))) {
            case null -> new Use.Unused<>();
            case Entry.Tombstone<T> voided when !voided.durable() -> throw inFlight();
            case Entry.Tombstone<T> voided -> new Use.Voided<>();
            case Entry.Claimed<T> claimed when claimed.answer() == null -> throw inFlight();
            case Entry.Claimed<T> claimed -> new Use.Answered<>(claimed.answer());
        };
    }

    /** The void of {@code key} is durable: from now on a request with it gets the voided-key problem. */
    void completeVoid(String key) {
        entries.put(key, new Entry.Tombstone<>(true));
    }

    private static ProblemException reused() {
        return new ProblemException(422, "IDEMPOTENCY_KEY_REUSED", "Idempotency key reused",
                "This Idempotency-Key was already used with a different request body.");
    }

    private static ProblemException inFlight() {
        return new ProblemException(409, "IDEMPOTENCY_KEY_IN_FLIGHT", "Request in flight",
                "A request with this Idempotency-Key is still being processed; retry shortly with the same key.")
                .retryAfter(Duration.ofSeconds(1));
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
