package dev.shop.stack.fuzz;

import java.time.Instant;
import java.util.List;

import dev.shop.stack.testing.ForgedTokens;

/** Mutations of the method and the headers: content types, tokens, Idempotency-Keys, preferences, tracing... */
final class HeaderMutations {

    private static final List<String> CONTENT_TYPES = List.of("text/plain", "application/xml",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=ISO-8859-1",
            "application/json; charset=utf-16", "application/json; charset=nonsense", "application/json;;;", "garbage",
            "application/problem+json", "*/*", "application/json, text/plain", "", "application/", "/json",
            "application/json; boundary=\"", "APPLICATION/JSON", "application/merge-patch+json", "text/json");
    private static final List<String> ACCEPTS = List.of("text/csv", "application/xml", "*/*;q=abc", "", "application/json;q=0",
            "garbage", "text/html", "application/problem+json", "*/*; q=0", "application/*", "image/png, */*;q=0.1",
            "application/json;charset=utf-16", ",,,", "application/json; q=1.5");
    private static final List<String> PREFERS = List.of("wait=abc", "wait=-1", "wait=99999999999999999999999", "wait=1",
            "wait", "wait=1, wait=2", "respond-async", "wait=\"1\"", "wait=1;x=y", "return=minimal", "wait= 1", "=", ",");
    private static final List<String> TRACEPARENTS = List.of("garbage", "00-", "00-00000000000000000000000000000000-0000000000000000-00",
            "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-zz",
            "00-4BF92F3577B34DA6A3CE929D0E0E4736-00F067AA0BA902B7-01", "00-" + "a".repeat(100), "");
    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "FOO");
    private static final List<String> AUTHORIZATION_SCHEMES = List.of("Bearer", "Bearer ", "Basic YWRtaW46YWRtaW4=",
            "Token %s", "%s", "bearer %s", "Bearer  %s", "Bearer %sx", "Bearer %s.x", "Bearer x.%s", "Bearer a.b.c",
            "Bearer ...", "Bearer e30.e30.", "Bearer eyJhbGciOiJub25lIn0.e30.", "Bearer %s, Bearer %s", "Digest x");

    static final List<Mutation> ALL = List.of(
            Mutation.of("method", (r, g, f) -> {
                r.method = g.pick(METHODS);
                return r.method;
            }),
            Mutation.of("content-type", (r, g, f) -> {
                String type = g.chance(0.1) ? null : g.pick(CONTENT_TYPES);
                r.header("Content-Type", type);
                return type == null ? "none" : Json.quote(type);
            }),
            Mutation.of("accept", (r, g, f) -> {
                String accept = g.pick(ACCEPTS);
                r.header("Accept", accept);
                return Json.quote(accept);
            }),
            Mutation.of("idempotency-key", (r, g, f) -> {
                int choice = g.between(0, 7);
                String key = switch (choice) {
                    case 0 -> null;
                    case 1 -> "";
                    case 2 -> " ";
                    case 3 -> g.alphanumeric(g.pick(255, 256, 1000, 7000));
                    case 4 -> latin1(g, g.length(100));
                    case 5, 6 -> f.sharedIdempotencyKey;
                    default -> g.uuid() + ", " + g.uuid();
                };
                r.header("Idempotency-Key", key);
                if (choice == 6) {
                    r.addHeader("Idempotency-Key", g.uuid());
                }
                return key == null ? "none" : FuzzRequest.abbreviate(Json.quote(key), 40);
            }),
            Mutation.of("prefer", (r, g, f) -> {
                String prefer = g.pick(PREFERS);
                r.header("Prefer", prefer);
                return Json.quote(prefer);
            }),
            Mutation.of("tracing", (r, g, f) -> {
                String traceparent = g.chance(0.8) ? g.pick(TRACEPARENTS) : latin1(g, g.length(300));
                r.header("traceparent", traceparent);
                if (g.chance(0.3)) {
                    r.header("tracestate", latin1(g, g.length(2000)));
                }
                r.header("X-Request-Id", g.chance(0.5) ? latin1(g, g.length(3000)) : null);
                return FuzzRequest.abbreviate(Json.quote(traceparent), 60);
            }),
            Mutation.of("forwarding", (r, g, f) -> {
                r.header(g.pick("X-Forwarded-For", "Forwarded", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Real-IP"),
                        g.pick("999.1.1.1", "::::", "for=\"[::1\"", "gopher", latin1(g, g.length(100)), "", "unknown, 1.2.3.4"));
                return "";
            }),
            Mutation.of("origin", (r, g, f) -> {
                r.header("Origin", g.pick("http://evil.example", "null", "", latin1(g, 50)));
                if (g.chance(0.5)) {
                    r.method = "OPTIONS";
                    r.header("Access-Control-Request-Method", g.pick("PUT", "FOO", ""));
                }
                return "";
            }),
            Mutation.of("content-encoding", (r, g, f) -> {
                String encoding = g.pick("gzip", "br", "deflate", "identity, gzip", "garbage");
                r.header("Content-Encoding", encoding);
                return encoding;
            }),
            Mutation.of("odd-headers", (r, g, f) -> {
                int count = g.pick(1, 10, 60);
                for (int i = 0; i < count; i++) {
                    r.addHeader(g.pick("X-" + g.alphanumeric(g.between(1, 40)), "Cookie", "Range", "If-None-Match",
                            "Accept-Language", "Accept-Charset", "If-Modified-Since", "Cache-Control", "Content-Language"),
                            latin1(g, g.length(200)));
                }
                return count + " headers";
            }),
            Mutation.of("large-header", (r, g, f) -> {
                int size = g.pick(4000, 8000, 12000, 25000);
                r.header("X-Large", g.alphanumeric(size));
                return size + " chars";
            }));

    /** Tokens of every kind but the right one: none, garbage, forged, tampered, expired, of the wrong role. */
    static final List<Mutation> TOKENS = List.of(
            Mutation.of("no-token", (r, g, f) -> {
                r.header("Authorization", null);
                return "";
            }),
            Mutation.of("garbled-authorization", (r, g, f) -> {
                String scheme = g.chance(0.85) ? g.pick(AUTHORIZATION_SCHEMES) : "Bearer " + latin1(g, g.length(2000));
                String real = g.chance(0.5) ? f.admin() : f.customer(0);
                r.header("Authorization", scheme.replace("%s", real));
                return FuzzRequest.abbreviate(Json.quote(scheme), 30);
            }),
            Mutation.of("forged-token", (r, g, f) -> {
                String claims = f.forgedClaims();
                int kind = g.between(0, 3);
                String token = switch (kind) {
                    case 0 -> ForgedTokens.signedByUnknownKey(f.keycloakKeyId(), claims);
                    case 1 -> ForgedTokens.unsigned(f.keycloakKeyId(), claims);
                    case 2 -> ForgedTokens.signedByUnknownKey(g.alphanumeric(10), claims.replaceFirst("\"exp\":\\d+",
                            "\"exp\":" + (Instant.now().getEpochSecond() - 3600)));
                    default -> ForgedTokens.withTamperedPayload(g.chance(0.5) ? f.admin() : f.customer(0));
                };
                r.header("Authorization", "Bearer " + token);
                return List.of("unknown key", "alg none", "expired", "tampered").get(kind);
            }),
            Mutation.of("other-caller", (r, g, f) -> {
                boolean admin = g.chance(0.5);
                r.header("Authorization", "Bearer " + (admin ? f.admin() : f.customer(g.between(0, f.customers() - 1))));
                return admin ? "admin" : "customer";
            }));

    private HeaderMutations() {
    }

    /** Printable ISO-8859-1 (what an HTTP header value may hold), with spaces and the upper half. */
    static String latin1(Gen gen, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append((char) (gen.chance(0.8) ? gen.between(0x20, 0x7E) : gen.between(0xA0, 0xFF)));
        }
        return out.toString().strip();
    }
}
