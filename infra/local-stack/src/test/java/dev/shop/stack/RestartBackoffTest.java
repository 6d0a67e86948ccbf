package dev.shop.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class RestartBackoffTest {

    static final Instant START = Instant.parse("2026-12-03T10:00:00Z");

    @Test
    void aComponentThatKeepsDyingWaitsTwiceAsLongEachTimeUpToThirtySeconds() {
        RestartBackoff backoff = new RestartBackoff();
        backoff.ready(START);

        List<Long> delays = new ArrayList<>();
        Instant now = START.plusSeconds(5);
        for (int death = 0; death < 8; death++) {
            Duration delay = backoff.delayAfterFailure(now);
            delays.add(delay.toSeconds());
            now = now.plus(delay).plusSeconds(10);
            backoff.ready(now);
            now = now.plusSeconds(5);
        }

        assertEquals(List.of(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L), delays);
    }

    @Test
    void failedStartsCountLikeDeaths() {
        RestartBackoff backoff = new RestartBackoff();
        backoff.ready(START);

        assertEquals(Duration.ofSeconds(1), backoff.delayAfterFailure(START.plusSeconds(1)));
        assertEquals(Duration.ofSeconds(2), backoff.delayAfterFailure(START.plusSeconds(70)));
        assertEquals(Duration.ofSeconds(4), backoff.delayAfterFailure(START.plusSeconds(200)));
    }

    @Test
    void aMinuteOfHealthStartsTheBackoffOver() {
        RestartBackoff backoff = diedTwiceThenReadyAt(START.plusSeconds(20));

        assertEquals(Duration.ofSeconds(1), backoff.delayAfterFailure(START.plusSeconds(80)));
    }

    @Test
    void lessThanAMinuteOfHealthDoesNot() {
        RestartBackoff backoff = diedTwiceThenReadyAt(START.plusSeconds(20));

        assertEquals(Duration.ofSeconds(4), backoff.delayAfterFailure(START.plusSeconds(79)));
    }

    static RestartBackoff diedTwiceThenReadyAt(Instant ready) {
        RestartBackoff backoff = new RestartBackoff();
        backoff.ready(START);
        backoff.delayAfterFailure(START.plusSeconds(1));
        backoff.delayAfterFailure(START.plusSeconds(3));
        backoff.ready(ready);
        return backoff;
    }
}
