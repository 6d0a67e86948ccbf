package dev.shop.stack;

import java.time.Duration;
import java.time.Instant;

/** Progress lines with the time since start, so a slow first start never looks like a hang. */
public final class Console {

    private static final Instant START = Instant.now();

    private Console() {
    }

    public static void step(String component, String message) {
        long seconds = Duration.between(START, Instant.now()).toSeconds();
        System.out.printf("[%4ds] %-18s %s%n", seconds, component, message);
        System.out.flush();
    }

    public static void info(String message) {
        System.out.println(message);
        System.out.flush();
    }

    public static void error(String message) {
        System.err.println(message);
        System.err.flush();
    }
}
