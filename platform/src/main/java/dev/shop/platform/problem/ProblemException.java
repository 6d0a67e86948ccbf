package dev.shop.platform.problem;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Throw this from any layer to answer with an RFC 9457 problem+json response.
 * The {@code code} is stable and machine-readable (e.g. {@code OUT_OF_STOCK}); clients switch on it.
 *
 * <pre>{@code
 * throw new ProblemException(503, "UPSTREAM_UNAVAILABLE", "Upstream unavailable",
 *         "inventory-service is not answering").retryAfter(Duration.ofSeconds(5));
 * }</pre>
 *
 * It is an answer, not a bug: no stack trace is captured and a 4xx is not logged
 * (a 5xx is logged in one line, with the cause if one was given).
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String code;
    private final String title;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private List<Violation> violations = List.of();

    public ProblemException(int status, String code, String title, String detail) {
        this(status, code, title, detail, null);
    }

    public ProblemException(int status, String code, String title, String detail, Throwable cause) {
        super(detail, cause, false, false);
        this.status = status;
        this.code = code;
        this.title = title;
    }

    /** Adds a response header, e.g. {@code Retry-After} or {@code Location}. */
    public ProblemException withHeader(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** Adds {@code Retry-After} in whole seconds (rounded up), e.g. for 429 and 503. */
    public ProblemException retryAfter(Duration wait) {
        long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
        return withHeader("Retry-After", Long.toString(seconds));
    }

    /** Lists invalid fields, for validation problems found by hand rather than by Bean Validation. */
    public ProblemException withViolations(List<Violation> violations) {
        this.violations = List.copyOf(violations);
        return this;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, String> headers() {
        return Collections.unmodifiableMap(headers);
    }

    public List<Violation> violations() {
        return violations;
    }

    /** The problem body this exception answers with, not yet placed at a request. */
    public Problem toProblem() {
        return Problem.of(status, code, title, detail()).withViolations(violations);
    }
}
