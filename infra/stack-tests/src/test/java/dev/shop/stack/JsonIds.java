package dev.shop.stack;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Ids out of API answers, without a JSON library: the {@code "id": "<uuid>"} fields of a body. */
public final class JsonIds {

    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f-]{36})\"");

    private JsonIds() {
    }

    public static String firstId(String json) {
        Matcher id = ID.matcher(json);
        if (!id.find()) {
            throw new IllegalStateException("no id in " + json);
        }
        return id.group(1);
    }

    public static List<String> allIds(String json) {
        return ID.matcher(json).results().map(match -> match.group(1)).toList();
    }
}
