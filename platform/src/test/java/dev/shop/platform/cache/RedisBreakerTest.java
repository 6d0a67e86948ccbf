package dev.shop.platform.cache;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class RedisBreakerTest {

    @Test
    void opensAfterConsecutiveFailuresOnly() {
        RedisBreaker breaker = new RedisBreaker(3, Duration.ofMinutes(1));
        breaker.failed();
        breaker.failed();
        breaker.succeeded();
        breaker.failed();
        breaker.failed();
        assertTrue(breaker.allowsCall(), "a success in between resets the count");
        breaker.failed();
        assertFalse(breaker.allowsCall());
        assertTrue(breaker.isOpen());
    }

    @Test
    void letsExactlyOneTrialCallThroughAfterOpenFor() throws InterruptedException {
        RedisBreaker breaker = new RedisBreaker(1, Duration.ofMillis(20));
        breaker.failed();
        assertFalse(breaker.allowsCall());
        Thread.sleep(40);
        assertTrue(breaker.allowsCall(), "the first caller after openFor tries Redis");
        assertFalse(breaker.allowsCall(), "the others keep skipping it while the trial runs");
        breaker.succeeded();
        assertTrue(breaker.allowsCall());
        assertFalse(breaker.isOpen());
    }

    @Test
    void failedTrialKeepsItOpen() throws InterruptedException {
        RedisBreaker breaker = new RedisBreaker(1, Duration.ofMillis(20));
        breaker.failed();
        Thread.sleep(40);
        assertTrue(breaker.allowsCall());
        breaker.failed();
        assertFalse(breaker.allowsCall());
    }
}
