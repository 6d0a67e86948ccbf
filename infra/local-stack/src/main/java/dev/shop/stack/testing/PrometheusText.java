package dev.shop.stack.testing;

import java.util.Arrays;
import java.util.stream.DoubleStream;

/**
 * Reads samples out of a {@code /q/metrics} answer in tests. The services answer in OpenMetrics, where a counter's
 * line may end with an exemplar (the trace of one of its events):
 * <pre>cache_requests_total{cache="products",result="hit",service="inventory-service"} 3.0 # {span_id="…",trace_id="…"} 1.0 1795318377.881</pre>
 * so the value is the token right after the labels, not the last one on the line.
 */
public final class PrometheusText {

    private PrometheusText() {
    }

    /** The sum of the samples of {@code name} whose labels contain every one of {@code labels}. */
    public static double sum(String metrics, String name, String... labels) {
        return samples(metrics, name, labels).sum();
    }

    /** The largest sample of {@code name} whose labels contain every one of {@code labels}; NaN when none. */
    public static double max(String metrics, String name, String... labels) {
        return samples(metrics, name, labels).max().orElse(Double.NaN);
    }

    private static DoubleStream samples(String metrics, String name, String... labels) {
        return metrics.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> Arrays.stream(labels).allMatch(labelsOf(line)::contains))
                .mapToDouble(PrometheusText::valueOf);
    }

    private static String labelsOf(String line) {
        int open = line.indexOf('{');
        int space = line.indexOf(' ');
        return open >= 0 && open < space ? line.substring(open, line.indexOf('}') + 1) : "";
    }

    private static double valueOf(String line) {
        int start = line.indexOf('{') >= 0 && line.indexOf('{') < line.indexOf(' ') ? line.indexOf('}') + 2
                : line.indexOf(' ') + 1;
        int end = line.indexOf(' ', start);
        return Double.parseDouble(line.substring(start, end < 0 ? line.length() : end));
    }
}
