package dev.shop.load;

import java.time.Duration;

/** Every knob of a run, from system properties (-Drate=1000 -Dduration=120 ...), with the documented defaults. */
public final class LoadSettings {

    private LoadSettings() {
    }

    /** Where the gateway answers. */
    public static String baseUrl() {
        return System.getProperty("baseUrl", "http://localhost:8080");
    }

    /** Where Keycloak's realm answers (tokens for the load-test customers). */
    public static String issuer() {
        return System.getProperty("issuer", "http://localhost:8180/realms/shop");
    }

    /** Target HTTP requests per second at the steady level. */
    public static double rate() {
        return Double.parseDouble(System.getProperty("rate", "1000"));
    }

    /** The ramp up to the rate (and a hold at it) before the measured phase; not reported ({@link Phase}). */
    public static Duration warmup() {
        return Duration.ofSeconds(Long.getLong("warmup", 60));
    }

    /** The measured phase, at the constant rate. */
    public static Duration duration() {
        return Duration.ofSeconds(Long.getLong("duration", 120));
    }

    /** How many distinct load-test customers (customer-0001 ...) place orders. */
    public static int customers() {
        return Integer.getInteger("customers", 1000);
    }

    /** Share of checkouts in the mixed suite (0.1 = 90% reads, 10% checkouts). */
    public static double checkoutShare() {
        return Double.parseDouble(System.getProperty("checkoutShare", "0.1"));
    }

    /**
     * A smoke run (CI: a few seconds at a low rate on a box busy with the build) asserts only that nothing failed;
     * the latency objectives are proved by the benchmark runs recorded in BENCHMARKS.md.
     */
    public static boolean smoke() {
        return Boolean.getBoolean("smoke");
    }
}
