package dev.shop.stack.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Mutations of the path (ids, segments, encodings) and of the query (limits, cursors, statuses, odd parameters). */
final class UrlMutations {

    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final List<String> ODD_IDS = List.of("not-a-uuid", "", "00000000-0000-0000-0000-000000000000", "%00",
            "%2e%2e", "..", ".", "..%2F..%2Fq%2Fhealth", "%FF", "%C0%AF", "me", "1", "-1", "%20", "+", "null", "%7Bid%7D",
            "ffffffff-ffff-ffff-ffff-ffffffffffff", "8D3F5A4E-8A43-4D4C-9D59-2B1F0F2A6C11", "%7B8d3f5a4e%7D", "%2F",
            "8d3f5a4e-8a43-4d4c-9d59-2b1f0f2a6c1", "8d3f5a4e-8a43-4d4c-9d59-2b1f0f2a6c111", "8d3f5a4e8a434d4c9d592b1f0f2a6c11",
            "a;b=c", "~", "%25", "%0d%0a");
    private static final List<String> ODD_LIMITS = List.of("-1", "0", "101", "1000000000000000000000", "abc", "", "1e2",
            "1.5", "%00", "%2B1", "%201", "0x10", "2147483648", "-2147483649", "1,2", "%EF%BC%91");
    private static final List<String> ODD_STATUSES = List.of("pending", "UNKNOWN", "", "%00", "CONFIRMED,CANCELLED", "1",
            "PENDING%00", "confirmed", "%20PENDING");

    static final List<Mutation> PATH = List.of(
            Mutation.of("path-id", (r, g, f) -> {
                Matcher id = UUID.matcher(r.path);
                String replacement = g.chance(0.8) ? g.pick(ODD_IDS) : encode(g.nasty(g.length(60)));
                if (!id.find()) {
                    r.path = r.path + "/" + replacement;
                } else {
                    r.path = r.path.substring(0, id.start()) + replacement + r.path.substring(id.end());
                }
                return FuzzRequest.abbreviate(replacement, 40);
            }),
            Mutation.of("path-random-id", (r, g, f) -> {
                Matcher id = UUID.matcher(r.path);
                if (!id.find()) {
                    return null;
                }
                r.path = r.path.substring(0, id.start()) + g.uuid() + r.path.substring(id.end());
                return "";
            }),
            Mutation.of("path-shape", (r, g, f) -> {
                int choice = g.between(0, 9);
                r.path = switch (choice) {
                    case 0 -> r.path + "/";
                    case 1 -> r.path.replace("/api/v1/", "/api/v1//");
                    case 2 -> r.path + "/x";
                    case 3 -> r.path.replace("/api/v1/", "/api/v1/x/../");
                    case 4 -> r.path.toUpperCase();
                    case 5 -> r.path.replace("/api/v1/", g.pick("/api/v2/", "/api/", "/api/v1/unknown/", "/API/v1/"));
                    case 6 -> r.path + ";jsessionid=" + g.alphanumeric(8);
                    case 7 -> r.path.replace("/api/v1/", "/api/v1/%2e%2e/");
                    case 8 -> r.path + "/" + g.alphanumeric(g.pick(100, 1000, 3000, 5000));
                    default -> encodedFirstLetter(r.path);
                };
                return "#" + choice;
            }));

    static final List<Mutation> QUERY = List.of(
            Mutation.of("query-limit", (r, g, f) -> {
                String limit = g.pick(ODD_LIMITS);
                r.query = withParameter(r.query, "limit", limit, g.chance(0.2));
                return Json.quote(limit);
            }),
            Mutation.of("query-cursor", (r, g, f) -> {
                String real = r.path.contains("orders") ? f.orderCursor : f.productCursor;
                String cursor = switch (g.between(0, 6)) {
                    case 0 -> base64(g.nasty(g.length(80)));
                    // Well-formed in shape, forged in content: positions far outside any real one, odd separators.
                    case 1 -> base64(g.pick("{\"id\":\"x\"}", "{}", "[]", "null", "1|2|3", "\0", "|", ",", "p1:", "p1:-1",
                            "p1:" + Long.MAX_VALUE, "p1:" + Long.MIN_VALUE, "p1:99999999999999999999", "p1:1e3", "p2:1",
                            Long.MIN_VALUE + "," + g.uuid(), Long.MAX_VALUE + "," + g.uuid(), "-1," + g.uuid(),
                            "-62135596800000001," + g.uuid(), "0," + g.uuid(), "1,not-a-uuid", "1," + g.uuid() + ",x",
                            "," + g.uuid(), "1e3," + g.uuid()));
                    case 2 -> real == null ? "x" : flip(real, g);
                    case 3 -> real == null ? "" : real.substring(0, g.between(0, real.length()));
                    case 4 -> g.alphanumeric(g.pick(1, 100, 3000));
                    case 5 -> encode(g.nasty(g.length(60)));
                    default -> g.pick("", "%00", "=", "%25", "null", "undefined", "..%2F");
                };
                r.query = withParameter(r.query, "cursor", cursor, g.chance(0.2));
                return FuzzRequest.abbreviate(cursor, 40);
            }),
            Mutation.of("query-ids", (r, g, f) -> { // GET /products?ids= (ADR 0023): real, unknown, odd, too many
                int count = g.pick(1, 2, 50, 51, 200);
                StringBuilder ids = new StringBuilder();
                for (int i = 0; i < count; i++) {
                    String id = switch (g.between(0, 3)) {
                        case 0 -> g.pick(f.productIds);
                        case 1 -> g.uuid();
                        case 2 -> g.pick(ODD_IDS);
                        default -> encode(g.nasty(g.length(20)));
                    };
                    ids.append(i == 0 ? "" : "&").append("ids=").append(id);
                }
                r.query = r.query == null || r.query.isEmpty() ? ids.toString() : r.query + "&" + ids;
                return FuzzRequest.abbreviate(ids.toString(), 40);
            }),
            Mutation.of("query-status", (r, g, f) -> {
                String status = g.pick(ODD_STATUSES);
                r.query = withParameter(r.query, "status", status, g.chance(0.2));
                return Json.quote(status);
            }),
            Mutation.of("query-order-id", (r, g, f) -> {
                String orderId = g.chance(0.3) ? g.uuid() : g.pick(ODD_IDS);
                r.query = withParameter(r.query, "orderId", orderId, g.chance(0.2));
                return FuzzRequest.abbreviate(orderId, 40);
            }),
            Mutation.of("query-odd", (r, g, f) -> {
                String odd = g.pick("foo=bar", "limit%5B%5D=1", "a", "&&&", "=x", "limit", "cursor", "orderId=",
                        encode(g.nasty(g.length(30))) + "=" + encode(g.nasty(g.length(30))), "%00=%00", "x=" + "y".repeat(3000));
                r.query = r.query == null || r.query.isEmpty() ? odd : r.query + "&" + odd;
                return FuzzRequest.abbreviate(odd, 40);
            }));

    private UrlMutations() {
    }

    /** {@code /api/v1/orders} as {@code /api/v1/%6frders}: the same path for a server that decodes before routing. */
    private static String encodedFirstLetter(String path) {
        String prefix = "/api/v1/";
        if (!path.startsWith(prefix) || path.length() <= prefix.length()) {
            return path;
        }
        return prefix + "%" + Integer.toHexString(path.charAt(prefix.length())) + path.substring(prefix.length() + 1);
    }

    /** The parameter set to {@code value}, or added once more when {@code repeat} (two values for one name). */
    private static String withParameter(String query, String name, String value, boolean repeat) {
        String parameter = name + "=" + value;
        if (query == null || query.isEmpty()) {
            return parameter;
        }
        if (repeat || !query.matches("(^|.*&)" + name + "=.*")) {
            return query + "&" + parameter;
        }
        return query.replaceAll("(^|&)" + name + "=[^&]*", "$1" + Matcher.quoteReplacement(parameter));
    }

    /** Percent-encodes every byte of the UTF-8 form but unreserved characters (RFC 3986). */
    static String encode(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xFF);
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return out.toString();
    }

    private static String base64(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String flip(String cursor, Gen gen) {
        char[] chars = cursor.toCharArray();
        int at = gen.between(0, chars.length - 1);
        chars[at] = chars[at] == 'A' ? 'B' : 'A';
        return new String(chars);
    }
}
