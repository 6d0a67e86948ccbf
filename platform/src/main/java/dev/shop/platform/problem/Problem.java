package dev.shop.platform.problem;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The body of every error answer: an RFC 9457 problem detail with this system's extensions
 * {@code code}, {@code traceId} and {@code violations}.
 *
 * <pre>{@code
 * {"type": "https://shop.dev/problems/out-of-stock", "title": "Out of stock", "status": 409,
 *  "detail": "Only 3 left of SKU-0001", "instance": "/orders", "code": "OUT_OF_STOCK",
 *  "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"}
 * }</pre>
 *
 * Absent members are left out of the JSON (only here: elsewhere {@code null} stays visible).
 *
 * @param type       URI naming the kind of problem; {@code about:blank} when the HTTP status says it all
 * @param title      short summary of the kind of problem, the same for every occurrence
 * @param status     the HTTP status code
 * @param detail     explanation of this occurrence, safe to show to the client
 * @param instance   path of the request that failed
 * @param code       stable, machine-readable UPPER_SNAKE name; clients switch on this
 * @param traceId    id to quote when reporting the problem; finds the trace and the logs
 * @param violations the invalid fields, only for validation problems
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
        URI type,
        String title,
        int status,
        String detail,
        String instance,
        String code,
        String traceId,
        List<Violation> violations) {

    /** Media type of every error answer (RFC 9457). */
    public static final String MEDIA_TYPE = "application/problem+json";

    /** RFC 9457: the problem has no meaning beyond its HTTP status. */
    public static final URI ABOUT_BLANK = URI.create("about:blank");

    private static final String TYPE_BASE = "https://shop.dev/problems/";

    public Problem {
        violations = violations == null || violations.isEmpty() ? null : List.copyOf(violations);
    }

    /** A problem of this system's own kind: its {@code type} is derived from its {@code code}. */
    public static Problem of(int status, String code, String title, String detail) {
        return new Problem(typeOf(code), title, status, detail, null, code, null, null);
    }

    /** A problem that only repeats what the HTTP status says, e.g. 404 or 405: {@code type} is about:blank. */
    public static Problem ofHttpStatus(int status, String code, String title, String detail) {
        return new Problem(ABOUT_BLANK, title, status, detail, null, code, null, null);
    }

    /** {@code OUT_OF_STOCK} -> {@code https://shop.dev/problems/out-of-stock}. */
    public static URI typeOf(String code) {
        return URI.create(TYPE_BASE + code.toLowerCase(Locale.ROOT).replace('_', '-'));
    }

    public Problem withViolations(List<Violation> violations) {
        return new Problem(type, title, status, detail, instance, code, traceId, violations);
    }

    /** The same problem, placed at the request that caused it. */
    public Problem at(String instance, String traceId) {
        return new Problem(type, title, status, detail, instance, code, traceId, violations);
    }
}
