package dev.shop.platform.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** RFC 7240's {@code wait} preference as the long poll and the gateway read it: plain JUnit, no server. */
@Tag("fast")
class PreferWaitTest {

    private static Optional<Duration> waitOf(String... headers) {
        return PreferWait.from(headers == null ? null : Arrays.asList(headers)).map(PreferWait::duration);
    }

    @Test
    void waitInSecondsIsRead() {
        assertEquals(Optional.of(Duration.ofSeconds(10)), waitOf("wait=10"));
        assertEquals("wait=10", PreferWait.from(List.of("wait=10")).orElseThrow().applied());
    }

    @Test
    void waitIsFoundAmongOtherPreferencesWhateverItsCaseSpacingOrQuotes() {
        assertEquals(Optional.of(Duration.ofSeconds(5)), waitOf("respond-async, WAIT = 5"));
        assertEquals(Optional.of(Duration.ofSeconds(5)), waitOf("return=minimal", "wait=\"5\";foo=bar"));
    }

    @Test
    void longWaitsAreCutToThirtySeconds() {
        assertEquals(Optional.of(PreferWait.MAX), waitOf("wait=31"));
        assertEquals(Optional.of(PreferWait.MAX), waitOf("wait=99999999999999999999"));
    }

    @Test
    void onlyTheFirstWaitCounts() {
        assertEquals(Optional.of(Duration.ofSeconds(2)), waitOf("wait=2, wait=20"));
        assertEquals(Optional.empty(), waitOf("wait=soon, wait=20"));
    }

    @Test
    void absentInvalidOrZeroWaitMeansAnswerAtOnce() {
        assertEquals(Optional.empty(), waitOf((String[]) null));
        assertEquals(Optional.empty(), waitOf());
        assertEquals(Optional.empty(), waitOf("respond-async"));
        assertEquals(Optional.empty(), waitOf("wait"));
        assertEquals(Optional.empty(), waitOf("wait="));
        assertEquals(Optional.empty(), waitOf("wait=-1"));
        assertEquals(Optional.empty(), waitOf("wait=1.5"));
        assertEquals(Optional.empty(), waitOf("wait=0"));
        assertEquals(Optional.empty(), waitOf("waiting=5"));
    }
}
