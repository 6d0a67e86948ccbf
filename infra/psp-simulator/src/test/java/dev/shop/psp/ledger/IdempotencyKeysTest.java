package dev.shop.psp.ledger;

import dev.shop.platform.problem.ProblemException;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The key states without timing luck: the HTTP tests can only hit "in flight" by chance. */
@Tag("fast")
class IdempotencyKeysTest {

    private final IdempotencyKeys<String> keys = new IdempotencyKeys<>(
            () -> new ProblemException(409, "CHARGE_CANCELLED", "Charge cancelled", "voided"));

    @Test
    void secondRequestWhileTheFirstIsInFlightIs409() {
        assertEquals(Optional.empty(), keys.claim("k", "body-a"));

        ProblemException e = assertThrows(ProblemException.class, () -> keys.claim("k", "body-a"));
        assertEquals(409, e.status());
        assertEquals("IDEMPOTENCY_KEY_IN_FLIGHT", e.code());
        assertEquals("1", e.headers().get("Retry-After"));
    }

    @Test
    void otherBodyIs422EvenWhileInFlight() {
        keys.claim("k", "body-a");

        ProblemException e = assertThrows(ProblemException.class, () -> keys.claim("k", "body-b"));
        assertEquals(422, e.status());
        assertEquals("IDEMPOTENCY_KEY_REUSED", e.code());
    }

    @Test
    void completedKeyReplaysItsAnswer() {
        keys.claim("k", "body-a");
        keys.complete("k", "body-a", "answer");

        assertEquals(Optional.of("answer"), keys.claim("k", "body-a"));
    }

    @Test
    void releasedKeyCanBeClaimedAgain() {
        keys.claim("k", "body-a");
        keys.release("k");

        assertEquals(Optional.empty(), keys.claim("k", "body-b"));
    }

    @Test
    void voidingAnUnusedKeyRefusesEveryLaterClaim() {
        assertEquals(new IdempotencyKeys.Use.Unused<String>(), keys.voidUnused("k"));
        keys.completeVoid("k");

        ProblemException e = assertThrows(ProblemException.class, () -> keys.claim("k", "body-a"));
        assertEquals("CHARGE_CANCELLED", e.code());
        assertEquals(new IdempotencyKeys.Use.Voided<String>(), keys.voidUnused("k"), "voiding twice is no error");
    }

    @Test
    void claimWhileAVoidIsInFlightIs409AndSucceedsIfTheVoidIsReleased() {
        keys.voidUnused("k");

        ProblemException e = assertThrows(ProblemException.class, () -> keys.claim("k", "body-a"));
        assertEquals("IDEMPOTENCY_KEY_IN_FLIGHT", e.code());

        keys.release("k");
        assertEquals(Optional.empty(), keys.claim("k", "body-a"));
    }

    @Test
    void voidingAKeyInFlightIs409() {
        keys.claim("k", "body-a");

        ProblemException e = assertThrows(ProblemException.class, () -> keys.voidUnused("k"));
        assertEquals(409, e.status());
        assertEquals("IDEMPOTENCY_KEY_IN_FLIGHT", e.code());
    }

    @Test
    void voidingAnAnsweredKeyGivesItsAnswerAndChangesNothing() {
        keys.claim("k", "body-a");
        keys.complete("k", "body-a", "answer");

        assertEquals(new IdempotencyKeys.Use.Answered<>("answer"), keys.voidUnused("k"));
        assertEquals(Optional.of("answer"), keys.claim("k", "body-a"));
    }

    @Test
    void fingerprintSeparatesItsParts() {
        assertEquals(IdempotencyKeys.fingerprint("x", 1, "EUR"), IdempotencyKeys.fingerprint("x", 1, "EUR"));
        assertNotEquals(IdempotencyKeys.fingerprint("ab", "c"), IdempotencyKeys.fingerprint("a", "bc"));
    }
}
