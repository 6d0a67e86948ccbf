package dev.shop.stack.fuzz;

import java.util.List;
import java.util.SplittableRandom;

/** The random choices of one request, from a seed: the same seed and request number make the same request. */
final class Gen {

    private static final String ALPHANUMERIC = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    /** Characters that break parsers, escapers and databases more often than letters do. */
    private static final List<String> NASTY = List.of("\0", "'", "\"", "\\", "%", "_", "<", ">", "&", ";", "/",
            "..", "\u00e9", "\u00df", "\u0130", "\u202e", "\u200b", "\ufeff", "\ufffd", "\u4e2d", "\ud83d\ude00",
            "\u0301", " ", "\t", "\n", "\r", "\u007f", "\u0085", "\u2028", "$", "{", "}", "[", "]", "*", "?", "#");

    private final SplittableRandom random;

    Gen(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The generator of request number {@code index} of a run: independent of every other request's choices. */
    static Gen of(long runSeed, long index) {
        return new Gen(new SplittableRandom(runSeed ^ (index * 0x9E3779B97F4A7C15L)).nextLong());
    }

    boolean chance(double probability) {
        return random.nextDouble() < probability;
    }

    int between(int fromInclusive, int toInclusive) {
        return random.nextInt(fromInclusive, toInclusive + 1);
    }

    long nextLong() {
        return random.nextLong();
    }

    <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }

    @SafeVarargs
    final <T> T pick(T... choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** Length 0..max with short lengths far more likely, so that most strings are small but some are long. */
    int length(int max) {
        return chance(0.8) ? between(0, Math.min(max, 40)) : between(0, max);
    }

    String alphanumeric(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return out.toString();
    }

    /** Letters mixed with quotes, escapes, control and invisible characters, emoji, right-to-left marks, NUL... */
    String nasty(int length) {
        StringBuilder out = new StringBuilder();
        while (out.length() < length) {
            out.append(chance(0.5) ? pick(NASTY) : alphanumeric(between(1, 4)));
        }
        return out.toString();
    }

    /** Any code point, surrogates included (which encode as '?' in UTF-8: a way to get odd bytes through). */
    String unicode(int length) {
        StringBuilder out = new StringBuilder();
        while (out.length() < length) {
            int codePoint = chance(0.9) ? between(0, 0xFFFF) : between(0x10000, 0x10FFFF);
            out.appendCodePoint(codePoint);
        }
        return out.toString();
    }

    String uuid() {
        return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
    }
}
