package dev.shop.stack.fuzz;

import java.util.ArrayList;
import java.util.List;

/**
 * A small mutable JSON tree for request bodies that the fuzzer takes apart: unlike a real JSON library it can hold
 * what no valid document has, a member twice or a raw fragment of anything, and it writes exactly what it holds.
 */
sealed interface Json {

    /** The document as text; {@link Raw} fragments are written as they are. */
    String write();

    static Obj object(Object... namesAndValues) {
        Obj object = new Obj(new ArrayList<>());
        for (int i = 0; i < namesAndValues.length; i += 2) {
            object.members().add(new Member((String) namesAndValues[i], (Json) namesAndValues[i + 1]));
        }
        return object;
    }

    static Arr array(Json... items) {
        return new Arr(new ArrayList<>(List.of(items)));
    }

    static Str string(String value) {
        return new Str(value);
    }

    static Raw number(long value) {
        return new Raw(Long.toString(value));
    }

    /** A member of an object; mutable, so a mutation can replace its value or its name. */
    final class Member {
        String name;
        Json value;

        Member(String name, Json value) {
            this.name = name;
            this.value = value;
        }
    }

    record Obj(List<Member> members) implements Json {
        @Override
        public String write() {
            StringBuilder out = new StringBuilder("{");
            for (int i = 0; i < members.size(); i++) {
                out.append(i == 0 ? "" : ",").append(quote(members.get(i).name)).append(':')
                        .append(members.get(i).value.write());
            }
            return out.append('}').toString();
        }
    }

    record Arr(List<Json> items) implements Json {
        @Override
        public String write() {
            StringBuilder out = new StringBuilder("[");
            for (int i = 0; i < items.size(); i++) {
                out.append(i == 0 ? "" : ",").append(items.get(i).write());
            }
            return out.append(']').toString();
        }
    }

    record Str(String value) implements Json {
        @Override
        public String write() {
            return quote(value);
        }
    }

    /** Written verbatim: numbers, literals, and fragments that are not JSON at all. */
    record Raw(String text) implements Json {
        @Override
        public String write() {
            return text;
        }
    }

    /** A JSON string literal: control characters (NUL included) escaped as {@code \}{@code uXXXX}, the rest as is. */
    static String quote(String value) {
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }
}
