package dev.shop.platform.cache;

import java.util.regex.Pattern;

/**
 * Redis keys of one cached entity: {@code <service>:<entity>:v<schema>:<id>}, e.g.
 * {@code inventory:product:v1:6f1c...}. Bump {@code schema} when the cached JSON changes incompatibly: old
 * and new instances then use different keys during a rolling deploy, and the old keys simply expire.
 * Next to each value a short-lived fence key ({@code <key>:fence}) records the last invalidation.
 */
public record CacheKeys(String service, String entity, int schema) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    public CacheKeys {
        if (!NAME.matcher(service).matches() || !NAME.matcher(entity).matches() || schema < 1) {
            throw new IllegalArgumentException("cache keys need lower-case names and a schema >= 1: "
                    + service + ":" + entity + ":v" + schema);
        }
    }

    /** The key of the cached value. */
    public String valueKey(String id) {
        return service + ":" + entity + ":v" + schema + ":" + id;
    }

    /** The key whose token changes at each invalidation of {@code id} (see {@link CacheAside}). */
    public String fenceKey(String id) {
        return valueKey(id) + ":fence";
    }
}
