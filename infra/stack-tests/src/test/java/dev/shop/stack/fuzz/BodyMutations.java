package dev.shop.stack.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/** Mutations of request bodies: their values, their structure, and the bytes of their text. */
final class BodyMutations {

    private static final List<String> ODD_NUMBERS = List.of("1e400", "-1e400", "1e-400", "99999999999999999999999999",
            "-9223372036854775809", "9223372036854775808", "2147483648", "-2147483649", "-1", "0", "1.5", "-0", "0.0",
            "1E2", "0x10", "NaN", "Infinity", "-Infinity", "01", "1.", "+1", "-", ".5", "1_000", "1e", "9".repeat(5000));
    private static final List<String> OTHER_TYPES = List.of("true", "false", "null", "[]", "{}", "\"\"", "0", "\"x\"",
            "[null]", "{\"\":null}", "[[]]");
    private static final List<String> SUSPICIOUS_NAMES = List.of("__proto__", "constructor", "id", "sku", "status",
            "customerId", "totalCents", "unitPriceCents", "@type", "$ref", "", " ", "\0", "class", "available");
    private static final List<String> TRAILERS = List.of(" xyz", "{}", "[]", "}", ",", " \"x\"", "\0", "\n{\"a\":1}",
            "null", " 1", "]", "//", "/* */", "\0\0");
    private static final List<String> NOT_JSON = List.of("<order><lines/></order>", "a=b&c=d", "", " ", "null", "[]",
            "1", "\"text\"", "true", "{", "}", "[", "{\"a\"", "{'a': 1}", "{a: 1}", "{\"a\":1,}", "[1,]",
            "\"\\ud800\"", "{\"a\":\"\\x41\"}", "{\"a\":\"\\u12\"}", "\u00ef\u00bb\u00bf{}", "--", "NaN");
    private static final List<byte[]> BAD_UTF8 = List.of(new byte[] {(byte) 0xFF}, new byte[] {(byte) 0xC3, 0x28},
            new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, new byte[] {(byte) 0xF8, (byte) 0x88, (byte) 0x80},
            new byte[] {(byte) 0xC0, (byte) 0xAF}, new byte[] {(byte) 0xE2, (byte) 0x82}, new byte[] {(byte) 0x80});

    static final List<Mutation> ALL = List.of(
            Mutation.onBody("nul-in-string", (r, g, f) -> {
                JsonSlots.Slot slot = JsonSlots.of(r).aString(g);
                if (slot == null) {
                    return null;
                }
                String old = slot.value() instanceof Json.Str s ? s.value() : "";
                int at = g.between(0, old.length());
                slot.replace().accept(Json.string(old.substring(0, at) + "\0" + old.substring(at)));
                return slot.path();
            }),
            Mutation.onBody("escaped-surrogate", (r, g, f) -> replaceAny(r, g,
                    new Json.Raw(g.pick("\"a\\ud800b\"", "\"\\udfff\"", "\"\\ud83d\"", "\"\\udc00\\ud800\"")))),
            Mutation.onBody("control-characters", (r, g, f) -> {
                JsonSlots.Slot slot = JsonSlots.of(r).aString(g);
                if (slot == null) {
                    return null;
                }
                StringBuilder control = new StringBuilder();
                for (int i = g.between(1, 5); i > 0; i--) {
                    control.append((char) g.between(1, 31));
                }
                // Escaped (valid JSON) or raw (invalid: control characters must be escaped).
                slot.replace().accept(g.chance(0.5) ? Json.string(control.toString())
                        : new Json.Raw("\"" + control + "\""));
                return slot.path();
            }),
            Mutation.onBody("long-string", (r, g, f) -> {
                int length = g.pick(201, 321, 2001, 10_000, 100_000, 400_000);
                return replaceString(r, g, g.chance(0.5) ? g.alphanumeric(length) : g.unicode(length));
            }),
            Mutation.onBody("nasty-string", (r, g, f) -> replaceString(r, g, g.chance(0.7)
                    ? g.nasty(g.length(200)) : g.unicode(g.length(200)))),
            Mutation.onBody("odd-number", (r, g, f) -> replaceAny(r, g, new Json.Raw(g.pick(ODD_NUMBERS)))),
            Mutation.onBody("other-type", (r, g, f) -> replaceAny(r, g, new Json.Raw(g.pick(OTHER_TYPES)))),
            Mutation.onBody("missing-field", (r, g, f) -> {
                List<Json.Obj> objects = JsonSlots.of(r).objects().stream().filter(o -> !o.members().isEmpty()).toList();
                if (objects.isEmpty()) {
                    return null;
                }
                Json.Obj object = g.pick(objects);
                return object.members().remove(g.between(0, object.members().size() - 1)).name;
            }),
            Mutation.onBody("unknown-field", (r, g, f) -> {
                List<Json.Obj> objects = JsonSlots.of(r).objects();
                if (objects.isEmpty()) {
                    return null;
                }
                String name = g.chance(0.6) ? g.pick(SUSPICIOUS_NAMES) : g.nasty(g.length(30));
                g.pick(objects).members().add(new Json.Member(name, new Json.Raw(g.pick(OTHER_TYPES))));
                return Json.quote(name);
            }),
            Mutation.onBody("duplicate-key", (r, g, f) -> {
                List<Json.Obj> objects = JsonSlots.of(r).objects().stream().filter(o -> !o.members().isEmpty()).toList();
                if (objects.isEmpty()) {
                    return null;
                }
                Json.Obj object = g.pick(objects);
                Json.Member member = g.pick(object.members());
                Json value = g.chance(0.5) ? member.value : new Json.Raw(g.pick(OTHER_TYPES));
                object.members().add(g.between(0, object.members().size()), new Json.Member(member.name, value));
                return member.name;
            }),
            Mutation.onBody("deep-nesting", (r, g, f) -> {
                int depth = g.pick(64, 500, 999, 1001, 2000, 5000);
                boolean arrays = g.chance(0.5);
                String nested = (arrays ? "[" : "{\"a\":").repeat(depth) + "1" + (arrays ? "]" : "}").repeat(depth);
                String path = replaceAny(r, g, new Json.Raw(nested));
                return path == null ? null : path + " depth " + depth;
            }),
            Mutation.onBody("many-items", (r, g, f) -> {
                JsonSlots slots = JsonSlots.of(r);
                if (slots.isEmpty()) {
                    return null;
                }
                Json item = new Json.Raw(slots.aMember(g).value().write()); // a copy: the item may contain the slot
                // Up to about 2 MB in all: beyond the gateway's limit, yet no strain on the fuzzer's own memory.
                int count = Math.min(g.pick(51, 101, 1000, 20_000), Math.max(1, 2_000_000 / item.write().length()));
                Json.Arr many = new Json.Arr(new java.util.ArrayList<>(java.util.Collections.nCopies(count, item)));
                slots.aMember(g).replace().accept(many);
                return "x" + count;
            }),
            Mutation.onBody("trailing-content", (r, g, f) -> {
                String trailer = g.pick(TRAILERS);
                r.rawBody = concat(r.bodyAsBytes(), trailer.getBytes(StandardCharsets.UTF_8));
                return Json.quote(trailer);
            }),
            Mutation.onBody("truncated", (r, g, f) -> {
                byte[] body = r.bodyAsBytes();
                int at = g.between(0, Math.max(0, body.length - 1));
                r.rawBody = Arrays.copyOf(body, at);
                return "at " + at;
            }),
            Mutation.onBody("not-json", (r, g, f) -> {
                String text = g.chance(0.8) ? g.pick(NOT_JSON) : g.unicode(g.length(300));
                r.bodyAsBytes();
                r.rawBody = text.getBytes(StandardCharsets.UTF_8);
                return Json.quote(FuzzRequest.abbreviate(text, 40));
            }),
            Mutation.onBody("invalid-utf8", (r, g, f) -> {
                byte[] body = r.bodyAsBytes();
                byte[] bad = g.pick(BAD_UTF8);
                int at = g.between(0, body.length);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.write(body, 0, at);
                out.writeBytes(bad);
                out.write(body, at, body.length - at);
                r.rawBody = out.toByteArray();
                return "at " + at;
            }),
            Mutation.onBody("byte-order-mark", (r, g, f) -> {
                r.rawBody = concat(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, r.bodyAsBytes());
                return "";
            }),
            Mutation.onBody("empty-body", (r, g, f) -> {
                r.bodyAsBytes();
                r.rawBody = new byte[0];
                return "";
            }),
            Mutation.of("body-where-none-belongs", (r, g, f) -> {
                if (r.hasBody()) {
                    return null;
                }
                r.json(Json.object("lines", Json.array(), "x", Json.string(g.nasty(10))));
                return "";
            }));

    /** Rare, because each sends a megabyte: a body over the gateway's 1 MiB limit (413). */
    static final Mutation TOO_LARGE = Mutation.of("too-large", (r, g, f) -> {
        byte[] body = new byte[1_048_576 + g.between(1, 200_000)];
        Arrays.fill(body, (byte) ' ');
        body[0] = '[';
        body[body.length - 1] = ']';
        r.bodyAsBytes();
        r.rawBody = body;
        r.header("Content-Type", "application/json");
        return body.length + " bytes";
    });

    private BodyMutations() {
    }

    private static String replaceAny(FuzzRequest request, Gen gen, Json value) {
        JsonSlots slots = JsonSlots.of(request);
        if (slots.isEmpty()) {
            return null;
        }
        JsonSlots.Slot slot = slots.aMember(gen);
        slot.replace().accept(value);
        return slot.path();
    }

    private static String replaceString(FuzzRequest request, Gen gen, String value) {
        JsonSlots.Slot slot = JsonSlots.of(request).aString(gen);
        if (slot == null) {
            return null;
        }
        slot.replace().accept(Json.string(value));
        return slot.path() + " (" + value.length() + " chars)";
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
