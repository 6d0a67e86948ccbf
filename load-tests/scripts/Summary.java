import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints the short text summary of a Gatling run: rate, p50/p95/p99/max, errors, the saga completion time
 * when the run had checkouts, and the catalog cache hit ratio read from inventory-service's /q/metrics.
 * Usage: java load-tests/scripts/Summary.java <report dir> [inventory base URL]
 */
public class Summary {

    public static void main(String[] args) throws Exception {
        Path report = Path.of(args[0]);
        String stats = Files.readString(report.resolve("js/stats.json"));
        String global = Files.readString(report.resolve("js/global_stats.json"));

        long total = number(global, "numberOfRequests", "total");
        long failed = number(global, "numberOfRequests", "ko");
        System.out.println();
        System.out.println("Summary of " + report.getFileName());
        System.out.printf("  requests        %d (%.1f req/s), failed %d (%.3f%%)%n", total,
                decimal(global, "meanNumberOfRequestsPerSecond", "total"), failed, total == 0 ? 0 : 100.0 * failed / total);
        System.out.printf("  response time   p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n",
                number(global, "percentiles1", "total"), number(global, "percentiles3", "total"),
                number(global, "percentiles4", "total"), number(global, "maxResponseTime", "total"));

        int saga = stats.indexOf("\"name\":\"saga completion\"");
        if (saga >= 0) {
            String group = stats.substring(saga);
            System.out.printf("  saga completion p50 %d ms, p99 %d ms (POST -> CONFIRMED), %d orders%n",
                    number(group, "percentiles1", "total"), number(group, "percentiles4", "total"),
                    number(group, "numberOfRequests", "ok"));
        }
        String inventory = args.length > 1 ? args[1].replaceFirst(":8080$", ":8084") : "http://localhost:8084";
        System.out.println("  cache hit ratio " + cacheHitRatio(inventory + "/q/metrics"));
    }

    static String cacheHitRatio(String metricsUrl) {
        try {
            String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(metricsUrl)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            double hits = 0;
            double misses = 0;
            Matcher line = Pattern.compile("(?m)^(cache_\\w*)\\{([^}]*)\\}\\s+([0-9.eE+]+)$").matcher(body);
            while (line.find()) {
                if (line.group(2).contains("\"hit\"")) {
                    hits += Double.parseDouble(line.group(3));
                } else if (line.group(2).contains("\"miss\"")) {
                    misses += Double.parseDouble(line.group(3));
                }
            }
            return hits + misses == 0 ? "n/a (no cache metrics at " + metricsUrl + ")"
                    : String.format("%.1f%% (%.0f hits, %.0f misses since the service started)",
                            100 * hits / (hits + misses), hits, misses);
        } catch (Exception e) {
            return "n/a (" + metricsUrl + " unreachable)";
        }
    }

    static long number(String json, String field, String key) {
        return Math.round(decimal(json, field, key));
    }

    static double decimal(String json, String field, String key) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*\\{[^}]*?\"" + key + "\"\\s*:\\s*\"?([0-9.]+)").matcher(json);
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }
}
