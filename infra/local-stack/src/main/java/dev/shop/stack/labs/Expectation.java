package dev.shop.stack.labs;

/**
 * One thing a lab's check looks for: {@code what} is said either way ("an order of alice was CONFIRMED"); the probe
 * says what it found, or what is missing and a hint where to look.
 */
public record Expectation(String what, Probe probe) {

    /** Looks at the running shop (databases, metrics, HTTP) and tells what it found. */
    @FunctionalInterface
    public interface Probe {
        Finding look() throws Exception;
    }

    /** What a probe found: met, with its evidence, or missing, with a hint for the learner. */
    public record Finding(boolean met, String detail) {

        public static Finding met(String evidence) {
            return new Finding(true, evidence);
        }

        public static Finding missing(String hint) {
            return new Finding(false, hint);
        }
    }

    Finding check() {
        try {
            return probe.look();
        } catch (Exception e) {
            return Finding.missing("could not look: " + e.getMessage());
        }
    }
}
