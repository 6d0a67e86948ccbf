package dev.shop.stack.chaos;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a chaos run found. Clean means nothing was lost: every order a client asked for was answered, no key made two
 * orders, every order finished, the invariants hold, no order timed out (every outage was shorter than the saga's
 * deadline), and every component served again within {@link #RECOVERY_LIMIT}.
 */
public record ChaosReport(long ordersAsked, int ordersAnswered, Map<String, Long> finishedBy, int refused,
        int givenUp, int keysWithTwoOrders, int ordersNoClientKnows, int stuck, long retries,
        List<String> invariantViolations, List<Recovery> recoveries, List<String> firstRefusals) {

    /** How long a component took to serve again after a fault. */
    public record Recovery(Fault fault, Duration took) {
    }

    static final Duration RECOVERY_LIMIT = Duration.ofSeconds(30);

    public boolean clean() {
        return givenUp == 0 && keysWithTwoOrders == 0 && ordersNoClientKnows == 0 && stuck == 0
                && invariantViolations.isEmpty() && finishedBy.getOrDefault("CANCELLED TIMEOUT", 0L) == 0
                && refused == 0 && recoveries.stream().allMatch(recovery -> recovery.took().compareTo(RECOVERY_LIMIT) <= 0);
    }

    public String table() {
        String recovered = recoveries.stream()
                .map(recovery -> String.format("| %s | %.1f s |", recovery.fault(), recovery.took().toMillis() / 1000.0))
                .collect(Collectors.joining("\n"));
        String finished = finishedBy.entrySet().stream()
                .map(entry -> "| orders " + entry.getKey() + " | " + entry.getValue() + " |")
                .collect(Collectors.joining("\n"));
        return String.join("\n",
                "| what | count |",
                "|---|---:|",
                "| orders asked for | " + ordersAsked + " |",
                "| orders accepted (201, or 200 on a retry) | " + ordersAnswered + " |",
                finished,
                "| requests sent again with the same key | " + retries + " |",
                "| refused with a 4xx | " + refused + " |",
                "| given up by the client (no answer in " + RetryingCustomers.GIVE_UP.toMinutes() + " min) | " + givenUp + " |",
                "| keys answered with two different orders | " + keysWithTwoOrders + " |",
                "| orders in the database no client was told of | " + ordersNoClientKnows + " |",
                "| orders not finished (stuck) | " + stuck + " |",
                "| invariant violations (./shop check) | " + invariantViolations.size() + " |",
                "",
                "| fault | serving again after |",
                "|---|---:|",
                recovered,
                "",
                invariantViolations.isEmpty() ? "invariants hold"
                        : "VIOLATIONS:\n  " + String.join("\n  ", invariantViolations.subList(0,
                                Math.min(20, invariantViolations.size()))),
                firstRefusals.isEmpty() ? "" : "first refusals:\n  " + String.join("\n  ", firstRefusals));
    }
}
