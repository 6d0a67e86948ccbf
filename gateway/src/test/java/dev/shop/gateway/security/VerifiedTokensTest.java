package dev.shop.gateway.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class VerifiedTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    private final MovableClock clock = new MovableClock();
    private final VerifiedTokens tokens = new VerifiedTokens(100, clock);

    @Test
    void aVerifiedTokenIsKnownUntilItsExpiry() {
        tokens.remember("Bearer a.b.c", "alice", NOW.plusSeconds(60));

        clock.advance(Duration.ofSeconds(59));
        assertEquals(Optional.of("alice"), tokens.subjectOf("Bearer a.b.c"));

        clock.advance(Duration.ofSeconds(1));
        assertTrue(tokens.subjectOf("Bearer a.b.c").isEmpty(), "a token is expired at its exp");
    }

    @Test
    void onlyTheExactSameTokenIsKnown() {
        tokens.remember("Bearer a.b.c", "alice", NOW.plusSeconds(60));

        assertTrue(tokens.subjectOf("Bearer a.b.d").isEmpty());
    }

    @Test
    void anAlreadyExpiredTokenIsNotRemembered() {
        tokens.remember("Bearer a.b.c", "alice", NOW);

        assertTrue(tokens.subjectOf("Bearer a.b.c").isEmpty());
    }

    @Test
    void sizeZeroRemembersNothing() {
        VerifiedTokens none = new VerifiedTokens(0, clock);
        none.remember("Bearer a.b.c", "alice", NOW.plusSeconds(60));

        assertTrue(none.subjectOf("Bearer a.b.c").isEmpty());
    }

    private static final class MovableClock extends Clock {

        private Instant now = NOW;

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
