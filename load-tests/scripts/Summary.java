import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Prints the short text summary of a Gatling run, read from Gatling's console output (Gatling 3.15 writes no
 * JSON stats): rate, p50/p95/p99/max and errors, plus the catalog cache hit ratio from inventory-service's
 * /q/metrics. The saga completion time is the "saga completion" group of the HTML report.
 * Usage: java load-tests/scripts/Summary.java <console log> <report dir> [gateway base URL]
 */
public class Summary {

    public static void main(String[] args) throws Exception {
        String console = Files.readString(Path.of(args[0]));
        int global = console.lastIndexOf("---- Global Information");
        String stats = global >= 0 ? console.substring(global) : "";
        long total = number(stats, "request count", 1);
        long failed = number(stats, "request count", 3);
        System.out.println();
        System.out.println("Summary (report: " + args[1] + "index.html)");
        System.out.printf("  requests        %d (%s req/s mean), failed %d (%.3f%%)%n", total,
                cell(stats, "mean throughput (rps)", 1), failed, total <= 0 ? 0 : 100.0 * failed / total);
        System.out.printf("  response time   p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n",
                number(stats, "response time 50th percentile (ms)", 1), number(stats, "response time 95th percentile (ms)", 1),
                number(stats, "response time 99th percentile (ms)", 1), number(stats, "max response time (ms)", 1));
        Matcher checkouts = Pattern.compile("(?m)^> place order\\s*\\|\\s*([0-9,]+)\\s*\\|\\s*([0-9,]+)").matcher(console);
        if (checkouts.find()) {
            System.out.println("  orders placed   " + checkouts.group(2).replace(",", "") + " of "
                    + checkouts.group(1).replace(",", "") + " (saga completion: the group in the HTML report)");
        }
        String inventory = args.length > 2 ? args[2].replaceFirst(":8080$", ":8084") : "http://localhost:8084";
        System.out.println("  cache hit ratio " + cacheHitRatio(inventory + "/q/metrics"));
    }

    /** A cell of the row starting with "> label" in Gatling's table: column 1 = total, 2 = OK, 3 = KO. */
    static String cell(String table, String label, int column) {
        Matcher row = Pattern.compile("(?m)^> " + Pattern.quote(label) + "\\s*((?:\\|\\s*[-0-9.,]+\\s*)+)").matcher(table);
        if (!row.find()) {
            return "-1";
        }
        String[] cells = row.group(1).split("\\|");
        return column < cells.length ? cells[column].trim().replace(",", "") : "-1";
    }

    static long number(String table, String label, int column) {
        return Math.round(Double.parseDouble(cell(table, label, column)));
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

}
