package dev.shop.stack.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One request as the fuzzer builds it: a valid request of one endpoint first, then changed by mutations. Either
 * {@link #json} (a tree that mutations take apart) or {@link #rawBody} (bytes, once a mutation broke the text
 * itself) is the body. Header names are kept as given; a null value removes the header.
 */
final class FuzzRequest {

    final String endpoint;
    String method;
    /** Path as sent, already percent-encoded where needed. */
    String path;
    /** Query as sent (without '?'), already encoded; null for none. */
    String query;
    final Map<String, List<String>> headers = new LinkedHashMap<>();
    Json json;
    byte[] rawBody;
    final List<String> mutations = new ArrayList<>();

    FuzzRequest(String endpoint, String method, String path) {
        this.endpoint = endpoint;
        this.method = method;
        this.path = path;
    }

    FuzzRequest header(String name, String value) {
        headers.remove(name);
        if (value != null) {
            headers.put(name, new ArrayList<>(List.of(value)));
        }
        return this;
    }

    FuzzRequest addHeader(String name, String value) {
        headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        return this;
    }

    String firstHeader(String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    FuzzRequest json(Json body) {
        this.json = body;
        this.rawBody = null;
        return header("Content-Type", "application/json");
    }

    boolean hasBody() {
        return json != null || rawBody != null;
    }

    byte[] body() {
        if (rawBody != null) {
            return rawBody;
        }
        return json == null ? new byte[0] : json.write().getBytes(StandardCharsets.UTF_8);
    }

    /** From here on the body is bytes: for mutations of the text itself. */
    byte[] bodyAsBytes() {
        rawBody = body();
        json = null;
        return rawBody;
    }

    /** The kinds of mutation applied, without their details: {@code [origin, nul-in-string]}. */
    String mutationNames() {
        return mutations.stream().map(mutation -> mutation.split(" ", 2)[0]).sorted().distinct().toList().toString();
    }

    String target() {
        return path + (query == null ? "" : "?" + query);
    }

    /** One line that says what was sent, enough to send it again with curl. */
    String describe(int maxBody) {
        StringBuilder out = new StringBuilder(method).append(' ').append(abbreviate(target(), 300));
        headers.forEach((name, values) -> values.forEach(value -> out.append("\n    ").append(name).append(": ")
                .append(name.equalsIgnoreCase("Authorization") ? abbreviate(value, 60) : abbreviate(value, 200))));
        if (hasBody()) {
            byte[] body = body();
            out.append("\n    body (").append(body.length).append(" bytes): ")
                    .append(abbreviate(new String(body, StandardCharsets.UTF_8), maxBody));
        }
        return out.append("\n    mutations: ").append(mutations.isEmpty() ? "none" : String.join(", ", mutations)).toString();
    }

    static String abbreviate(String text, int max) {
        String printable = text.replace("\0", "\\0");
        return printable.length() <= max ? printable
                : printable.substring(0, max) + "... (" + printable.length() + " chars)";
    }
}
