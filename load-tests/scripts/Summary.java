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
 * JSON stats): rate, p50/p95/p99/max and errors; from the services' /q/metrics: the catalog cache hit ratio
 * (inventory-service), and the orders finished by outcome with the saga duration p50/p99 (order-service, from
 * the shop_saga_duration_seconds histogram). The metrics count since the services started: a fresh stack gives
 * the numbers of this run alone. The saga completion time seen by clients in this run (POST -> CONFIRMED, polls
 * included) is read from the "saga completion" group page of the HTML report.
 * The rate is the measured requests over the measured phase: Gatling's own "mean throughput" divides by the whole
 * run, its unreported warm-up included.
 * Usage: java load-tests/scripts/Summary.java <console log> <report dir> [gateway base URL] [measured seconds]
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
        long measuredSeconds = args.length > 3 ? Long.parseLong(args[3]) : 120;
        System.out.printf("  requests        %d (%.0f req/s over the %d s measured), failed %d (%.3f%%)%n", total,
                (double) total / measuredSeconds, measuredSeconds, failed, total <= 0 ? 0 : 100.0 * failed / total);
        System.out.printf("  response time   p50 %d ms, p95 %d ms, p99 %d ms, max %d ms%n",
                number(stats, "response time 50th percentile (ms)", 1), number(stats, "response time 95th percentile (ms)", 1),
                number(stats, "response time 99th percentile (ms)", 1), number(stats, "max response time (ms)", 1));
        Matcher checkouts = Pattern.compile("(?m)^> saga completion / place order\\s*\\|\\s*([0-9,]+)\\s*\\|\\s*([0-9,]+)")
                .matcher(console);
        String placed = null;
        while (checkouts.find()) { // the console repeats its table every 5 s: the last one counts the whole run
            placed = "  orders placed   " + checkouts.group(2).replace(",", "") + " of " + checkouts.group(1).replace(",", "");
        }
        if (placed != null) {
            System.out.println(placed);
        }
        sagaCompletion(Path.of(args[1])).ifPresent(line -> System.out.println("  " + line));
        URI gateway = URI.create(args.length > 2 ? args[2] : "http://localhost:8080");
        System.out.println("  cache hit ratio " + cacheHitRatio(service(gateway, 4) + "/q/metrics"));
        String orders = metrics(service(gateway, 2) + "/q/metrics");
        if (orders != null && orders.contains("shop_orders_finished_total")) {
            System.out.printf("  orders finished CONFIRMED %.0f, CANCELLED %.0f (since order-service started)%n",
                    sum(orders, "shop_orders_finished_total", "outcome=\"CONFIRMED\""),
                    sum(orders, "shop_orders_finished_total", "outcome=\"CANCELLED\""));
            System.out.printf("  saga duration   p50 %.0f ms, p99 %.0f ms (CONFIRMED, server side, histogram buckets)%n",
                    1000 * quantile(orders, "shop_saga_duration_seconds", "outcome=\"CONFIRMED\"", 0.50),
                    1000 * quantile(orders, "shop_saga_duration_seconds", "outcome=\"CONFIRMED\"", 0.99));
        }
    }

    /** The base URL of the application {@code offset} ports above the gateway (8080 + 2 = order-service ...). */
    static String service(URI gateway, int offset) {
        int port = gateway.getPort() < 0 ? 80 : gateway.getPort();
        return gateway.getScheme() + "://" + gateway.getHost() + ":" + (port + offset);
    }

    static String metrics(String url) {
        try {
            return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        } catch (Exception e) {
            return null;
        }
    }

    /** The sum of every series of {@code name} whose labels contain {@code label}. */
    static double sum(String metrics, String name, String label) {
        double total = 0;
        Matcher line = Pattern.compile("(?m)^" + name + "\\{([^}]*)\\}\\s+([0-9.eE+-]+)(?: #.*)?$").matcher(metrics);
        while (line.find()) {
            if (line.group(1).contains(label)) {
                total += Double.parseDouble(line.group(2));
            }
        }
        return total;
    }

    /** The q-quantile of a Prometheus histogram, interpolated linearly inside its bucket (as histogram_quantile). */
    static double quantile(String metrics, String name, String label, double q) {
        java.util.TreeMap<Double, Double> buckets = new java.util.TreeMap<>();
        Matcher line = Pattern.compile("(?m)^" + name + "_bucket\\{([^}]*)\\}\\s+([0-9.eE+-]+)(?: #.*)?$").matcher(metrics);
        while (line.find()) {
            Matcher le = Pattern.compile("le=\"([^\"]+)\"").matcher(line.group(1));
            if (line.group(1).contains(label) && le.find()) {
                double bound = "+Inf".equals(le.group(1)) ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(1));
                buckets.merge(bound, Double.parseDouble(line.group(2)), Double::sum);
            }
        }
        if (buckets.isEmpty() || buckets.lastEntry().getValue() == 0) {
            return Double.NaN;
        }
        double rank = q * buckets.lastEntry().getValue();
        double lowerBound = 0;
        double lowerCount = 0;
        for (var bucket : buckets.entrySet()) {
            if (bucket.getValue() >= rank) {
                if (bucket.getKey().isInfinite()) {
                    return lowerBound;
                }
                double inBucket = bucket.getValue() - lowerCount;
                return lowerBound + (bucket.getKey() - lowerBound) * (inBucket == 0 ? 1 : (rank - lowerCount) / inBucket);
            }
            lowerBound = bucket.getKey();
            lowerCount = bucket.getValue();
        }
        return lowerBound;
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

    /** A cell as a number; Gatling writes "-" in the KO column when nothing failed. */
    static long number(String table, String label, int column) {
        String cell = cell(table, label, column);
        return "-".equals(cell) ? 0 : Math.round(Double.parseDouble(cell));
    }

    /** p50/p95/p99 of the "saga completion" group, from its page in the HTML report (absent for read-only suites). */
    static java.util.Optional<String> sagaCompletion(Path report) throws java.io.IOException {
        Path page;
        try (var files = Files.list(report)) {
            page = files.filter(f -> f.getFileName().toString().startsWith("group_saga-completion")).findFirst().orElse(null);
        }
        if (page == null) {
            return java.util.Optional.empty();
        }
        String html = Files.readString(page);
        return java.util.Optional.of(String.format("saga completion p50 %s ms, p95 %s ms, p99 %s ms (this run, as clients saw it)",
                groupCell(html, "50th percentile"), groupCell(html, "95th percentile"), groupCell(html, "99th percentile")));
    }

    /** The OK column of a row of a group page's stats table: {@code <td class="title">label</td> ... <td class="ok">}. */
    static String groupCell(String html, String label) {
        Matcher row = Pattern.compile(Pattern.quote(label) + "</td>\\s*<td class=\"total\">[^<]*</td>\\s*<td class=\"ok\">([^<]*)<")
                .matcher(html);
        return row.find() ? row.group(1).trim() : "?";
    }

    static String cacheHitRatio(String metricsUrl) {
        try {
            String body = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(metricsUrl)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            double hits = 0;
            double all = 0;
            double gaveUp = 0; // Redis failed or timed out (error), or was skipped by the breaker (bypass)
            Matcher line = Pattern.compile("(?m)^(cache_requests_total)\\{([^}]*)\\}\\s+([0-9.eE+]+)(?: #.*)?$")
                    .matcher(body);
            while (line.find()) {
                double count = Double.parseDouble(line.group(3));
                all += count;
                if (line.group(2).contains("result=\"hit\"")) {
                    hits += count;
                } else if (line.group(2).matches(".*result=\"(error|bypass)\".*")) {
                    gaveUp += count;
                }
            }
            return all == 0 ? "n/a (no cache metrics at " + metricsUrl + ")"
                    : String.format("%.1f%% (%.0f hits of %.0f reads; %.0f not served by Redis: error or breaker "
                            + "open; since the service started)", 100 * hits / all, hits, all, gaveUp);
        } catch (Exception e) {
            return "n/a (" + metricsUrl + " unreachable)";
        }
    }

}
