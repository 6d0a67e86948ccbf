package dev.shop.stack.fuzz;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** What a fuzz run saw: answers by status class and endpoint, and every answer that breaks the contract. */
public final class FuzzReport {

    private static final int FAILURES_SHOWN = 20;

    private final long seed;
    private final String gateway;
    private final long startedAt = System.nanoTime();
    private final LongAdder sent = new LongAdder();
    private final LongAdder[] byClass = {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()};
    private final LongAdder serverErrors = new LongAdder();
    private final LongAdder nonProblemErrors = new LongAdder();
    private final LongAdder noAnswer = new LongAdder();
    private final LongAdder unsendable = new LongAdder();
    private final LongAdder overServerLimits = new LongAdder();
    private final Map<String, LongAdder[]> byEndpoint = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> problemCodes = new ConcurrentHashMap<>();
    private final List<String> failures = new ArrayList<>();
    /** Failures grouped by endpoint, what went wrong and the kinds of mutation: what to fix, in a long run. */
    private final Map<String, LongAdder> failureKinds = new ConcurrentHashMap<>();
    private final LongAdder failureCount = new LongAdder();

    FuzzReport(long seed, String gateway) {
        this.seed = seed;
        this.gateway = gateway;
    }

    void answered(FuzzRequest request, int status, String problemCode) {
        sent.increment();
        int statusClass = Math.min(Math.max(status / 100, 1), 5) - 1;
        byClass[statusClass].increment();
        byEndpoint.computeIfAbsent(request.endpoint, e -> newCounters())[statusClass].increment();
        if (problemCode != null) {
            problemCodes.computeIfAbsent(status + " " + problemCode, c -> new LongAdder()).increment();
        }
    }

    void serverError(long index, FuzzRequest request, int status, String body) {
        serverErrors.increment();
        failed("answered " + status, index, request, body);
    }

    void notAProblem(long index, FuzzRequest request, int status, String why, String body) {
        nonProblemErrors.increment();
        failed("answered " + status + " without a problem+json body (" + why + ")", index, request, body);
    }

    void noAnswer(long index, FuzzRequest request, Exception e) {
        sent.increment();
        noAnswer.increment();
        failed("got no answer: " + e, index, request, "");
    }

    /** 414 or 431 without a body: refused by the HTTP server itself for its size, before any handler of ours. */
    void overServerLimits() {
        overServerLimits.increment();
    }

    /** The HTTP client refused to send it (a header or URI it will not write): a gap in the generators, not a failure. */
    void unsendable(FuzzRequest request) {
        unsendable.increment();
    }

    private synchronized void failed(String what, long index, FuzzRequest request, String body) {
        failureCount.increment();
        failureKinds.computeIfAbsent(request.endpoint + ": " + what.replaceAll(": .*", "") + " after "
                + request.mutationNames(), kind -> new LongAdder()).increment();
        if (failures.size() < FAILURES_SHOWN) {
            failures.add("request #" + index + " (replay: -Dfuzz.seed=" + seed + ", request " + index + ") " + what
                    + "\n  " + request.describe(300) + (body.isEmpty() ? "" : "\n  answer: " + FuzzRequest.abbreviate(body, 500)));
        }
    }

    public boolean clean() {
        return failureCount.sum() == 0;
    }

    long sent() {
        return sent.sum();
    }

    /** One line for the progress output. */
    String progress(long total) {
        double seconds = (System.nanoTime() - startedAt) / 1e9;
        return String.format("[fuzz] %,d / %,d requests, %.0f req/s; 2xx %,d, 4xx %,d, 5xx %,d; non-problem errors %,d; no answer %,d",
                sent(), total, sent() / Math.max(seconds, 0.001), byClass[1].sum(), byClass[3].sum(), byClass[4].sum(),
                nonProblemErrors.sum(), noAnswer.sum());
    }

    /** The final table: totals, answers by status class (overall and per endpoint), problem codes, failures. */
    public String table() {
        double seconds = (System.nanoTime() - startedAt) / 1e9;
        StringBuilder out = new StringBuilder();
        out.append(String.format("%nFuzz run against %s, seed %d: %,d requests in %.1f s (%.0f req/s)%n%n", gateway, seed,
                sent(), seconds, sent() / Math.max(seconds, 0.001)));
        out.append(String.format("| %-32s | %9s | %9s | %9s | %9s | %9s |%n", "endpoint", "1xx", "2xx", "3xx", "4xx", "5xx"));
        out.append("|").append("-".repeat(34)).append(("|" + "-".repeat(11)).repeat(5)).append("|\n");
        byEndpoint.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> out.append(row(entry.getKey(), entry.getValue())));
        out.append(row("all", byClass));
        out.append(String.format("%n| %-40s | %9s |%n|%s|%s|%n", "outcome", "count", "-".repeat(42), "-".repeat(11)));
        out.append(String.format("| %-40s | %,9d |%n", "requests answered or failed", sent()));
        out.append(String.format("| %-40s | %,9d |%n", "answers >= 500", serverErrors.sum()));
        out.append(String.format("| %-40s | %,9d |%n", "error answers without problem+json", nonProblemErrors.sum()));
        out.append(String.format("| %-40s | %,9d |%n", "no answer (reset, timeout)", noAnswer.sum()));
        out.append(String.format("| %-40s | %,9d |%n", "414/431 by the HTTP server (size limits)", overServerLimits.sum()));
        out.append(String.format("| %-40s | %,9d |%n", "not sent (the HTTP client refused it)", unsendable.sum()));
        out.append("\nMost frequent problems: ");
        problemCodes.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, LongAdder> e) -> e.getValue().sum()).reversed())
                .limit(12)
                .forEach(e -> out.append(e.getKey()).append(String.format(" (%,d), ", e.getValue().sum())));
        out.append('\n');
        if (clean()) {
            out.append("\nNo answer >= 500, every error answer was application/problem+json with type, title and status.\n");
        } else {
            out.append(String.format("%n%,d requests broke the contract. By kind:%n", failureCount.sum()));
            failureKinds.entrySet().stream()
                    .sorted(Comparator.comparingLong((Map.Entry<String, LongAdder> e) -> e.getValue().sum()).reversed())
                    .limit(30)
                    .forEach(e -> out.append(String.format("%,9d  %s%n", e.getValue().sum(), e.getKey())));
            out.append(String.format("%nThe first %d:%n", Math.min(FAILURES_SHOWN, failures.size())));
            synchronized (this) {
                failures.forEach(failure -> out.append("\n- ").append(failure).append('\n'));
            }
        }
        return out.toString();
    }

    private static String row(String name, LongAdder[] counts) {
        return String.format("| %-32s | %,9d | %,9d | %,9d | %,9d | %,9d |%n", name, counts[0].sum(), counts[1].sum(),
                counts[2].sum(), counts[3].sum(), counts[4].sum());
    }

    private static LongAdder[] newCounters() {
        return new LongAdder[] {new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()};
    }
}
