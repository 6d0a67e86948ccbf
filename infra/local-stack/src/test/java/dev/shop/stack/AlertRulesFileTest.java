package dev.shop.stack;

import static dev.shop.stack.DockerComposeFileTest.list;
import static dev.shop.stack.DockerComposeFileTest.map;
import static dev.shop.stack.DockerComposeFileTest.repositoryRoot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * infra/observability/alerts.yml cannot be loaded into a Prometheus here, so these tests hold it to what an operator
 * relies on: every rule is complete, every metric it reads is one of docs/observability.md's metric table, every
 * shop metric of that table is declared in the code, and the compose Prometheus loads the file.
 */
class AlertRulesFileTest {

    static final Set<String> SEVERITIES = Set.of("warning", "critical");

    /** The series Prometheus derives from one timer or histogram; a documented family covers all of them. */
    static final List<String> SERIES_SUFFIXES = List.of("_bucket", "_count", "_sum", "_max");

    /** PromQL words that look like metric names: keywords, and label lists after by/without/on/ignoring. */
    static final Set<String> PROMQL_KEYWORDS = Set.of("by", "without", "on", "ignoring", "group_left", "group_right",
            "bool", "and", "or", "unless", "offset", "inf", "nan");

    /** Prefixes of the metrics the shop's own code declares (the rest come from Quarkus and its libraries). */
    static final List<String> SHOP_PREFIXES = List.of("shop_", "gateway_", "cache_");

    static Path repo;
    static List<Map<String, Object>> rules;
    static Set<String> documentedMetrics;

    @BeforeAll
    static void load() throws IOException {
        repo = repositoryRoot();
        try (InputStream in = Files.newInputStream(repo.resolve("infra/observability/alerts.yml"))) {
            Map<String, Object> file = new Yaml().load(in);
            rules = new ArrayList<>();
            for (Object group : list(file.get("groups"))) {
                Map<String, Object> named = map(group, "group");
                assertTrue(named.get("name") instanceof String, "a group without a name: " + group);
                list(named.get("rules")).forEach(rule -> rules.add(map(rule, "rule in " + named.get("name"))));
            }
        }
        documentedMetrics = metricTableOf(Files.readString(repo.resolve("docs/observability.md")));
    }

    @Test
    void everyRuleHasAlertExprForSeverityAndSummary() {
        assertFalse(rules.isEmpty(), "alerts.yml has no rules");
        Set<String> names = new HashSet<>();
        for (Map<String, Object> rule : rules) {
            String name = String.valueOf(rule.get("alert"));
            assertTrue(rule.get("alert") instanceof String && !name.isBlank(), "a rule without alert: " + rule);
            assertTrue(names.add(name), "two rules are called " + name);
            assertTrue(rule.get("expr") instanceof String expr && !expr.isBlank(), name + " has no expr");
            assertTrue(String.valueOf(rule.get("for")).matches("\\d+[smh]"), name + ": for should be like 5m, is "
                    + rule.get("for"));
            Object severity = map(rule.get("labels"), name + ".labels").get("severity");
            assertTrue(SEVERITIES.contains(severity), name + ": labels.severity should be one of " + SEVERITIES
                    + ", is " + severity);
            Object summary = map(rule.get("annotations"), name + ".annotations").get("summary");
            assertTrue(summary instanceof String text && !text.isBlank(), name + " has no annotations.summary");
        }
    }

    @Test
    void alertsUseOnlyMetricsOfTheObservabilityMetricTable() {
        for (Map<String, Object> rule : rules) {
            for (String metric : metricsIn(String.valueOf(rule.get("expr")))) {
                assertTrue(isDocumented(metric), rule.get("alert") + " uses " + metric
                        + ", which docs/observability.md's metric table does not list; add it there (with the code"
                        + " that declares it) or use a documented metric");
            }
        }
    }

    @Test
    void everyShopMetricOfTheTableIsDeclaredInTheCode() throws IOException {
        Set<String> declared = meterNamesDeclaredInTheCode();
        assertFalse(declared.isEmpty(), "no Counter/Timer/Gauge.builder(\"...\") found in the sources");
        for (String metric : documentedMetrics) {
            if (SHOP_PREFIXES.stream().anyMatch(metric::startsWith)) {
                assertTrue(isDeclared(metric, declared), "docs/observability.md lists " + metric
                        + ", but no meter in the code exports it; declared: " + declared);
            }
        }
    }

    @Test
    void dockerComposePrometheusLoadsTheRules() throws IOException {
        try (InputStream in = Files.newInputStream(repo.resolve("infra/observability/prometheus.yml"))) {
            Map<String, Object> config = new Yaml().load(in);
            assertEquals(List.of("alerts.yml"), list(config.get("rule_files")),
                    "prometheus.yml should load alerts.yml (next to itself) as its rule file");
        }
        try (InputStream in = Files.newInputStream(repo.resolve("infra/docker-compose.yml"))) {
            Map<String, Object> compose = new Yaml().load(in);
            Map<String, Object> prometheus = map(map(compose.get("services"), "services").get("prometheus"), "prometheus");
            assertTrue(list(prometheus.get("volumes")).contains("./observability/alerts.yml:/etc/prometheus/alerts.yml:ro"),
                    "the prometheus container should mount alerts.yml next to its prometheus.yml");
        }
    }

    @Test
    void metricNamesAreFoundInPromQl() {
        assertEquals(Set.of("http_server_requests_seconds_count"), metricsIn(
                "sum by (service) (rate(http_server_requests_seconds_count{status=~\"5..\", uri!=\"a_b\"}[5m])) > 0.01"));
        assertEquals(Set.of("shop_saga_duration_seconds_bucket", "shop_outbox_backlog"), metricsIn(
                "histogram_quantile(0.99, sum by (le) (rate(shop_saga_duration_seconds_bucket[5m]))) > 0.5"
                        + " and on (service) max without (instance) (shop_outbox_backlog) > 14.4 * 0.001"));
    }

    // ---- helpers ----

    /** Metric names in a PromQL expression: identifiers that are not functions, keywords or label names. */
    static Set<String> metricsIn(String expr) {
        String bare = expr.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"") // string literals
                .replaceAll("\\{[^}]*}", " ") // label matchers
                .replaceAll("\\[[^]]*]", " ") // range selectors
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " "); // label lists
        Set<String> metrics = new TreeSet<>();
        Matcher identifier = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*(\\s*\\()?").matcher(bare);
        while (identifier.find()) {
            String name = identifier.group().replaceAll("[\\s(]", "");
            boolean isFunction = identifier.group(1) != null;
            if (!isFunction && !PROMQL_KEYWORDS.contains(name.toLowerCase())) {
                metrics.add(name);
            }
        }
        return metrics;
    }

    /** The backquoted names of the metric column of the table under "## Metrics", without their labels. */
    static Set<String> metricTableOf(String observabilityMd) {
        String section = observabilityMd.substring(observabilityMd.indexOf("## Metrics"));
        section = section.substring(0, section.indexOf("\n## ", 1));
        Set<String> metrics = new TreeSet<>();
        for (String line : section.lines().filter(line -> line.startsWith("| ")).toList()) {
            String[] cells = line.split("\\|");
            Matcher quoted = Pattern.compile("`([a-z_*]+)(\\{[^}]*})?`").matcher(cells.length > 2 ? cells[2] : "");
            while (quoted.find()) {
                metrics.add(quoted.group(1));
            }
        }
        assertTrue(metrics.size() > 10, "no metric table found under \"## Metrics\" in docs/observability.md");
        return metrics;
    }

    static boolean isDocumented(String metric) {
        return documentedMetrics.contains(metric)
                || documentedMetrics.contains(family(metric) + "_bucket")
                || documentedMetrics.stream().anyMatch(name -> name.endsWith("*")
                        && metric.startsWith(name.substring(0, name.length() - 1)));
    }

    static String family(String metric) {
        return SERIES_SUFFIXES.stream().filter(metric::endsWith).findFirst()
                .map(suffix -> metric.substring(0, metric.length() - suffix.length()))
                .orElse(metric);
    }

    /** Micrometer names as Prometheus exports them: dots become underscores, then a unit and type suffix. */
    static boolean isDeclared(String metric, Set<String> declared) {
        String name = family(metric);
        return declared.contains(name) || Stream.of("_total", "_seconds")
                .anyMatch(suffix -> name.endsWith(suffix)
                        && declared.contains(name.substring(0, name.length() - suffix.length())));
    }

    static Set<String> meterNamesDeclaredInTheCode() throws IOException {
        Pattern builder = Pattern.compile("(Counter|Timer|Gauge|DistributionSummary)\\.builder\\(\\s*\"([^\"]+)\"");
        Set<String> names = new TreeSet<>();
        for (Path sources : mainSourceDirectories()) {
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path source : files.filter(file -> file.toString().endsWith(".java")).toList()) {
                    Matcher declaration = builder.matcher(Files.readString(source));
                    while (declaration.find()) {
                        names.add(declaration.group(2).replace('.', '_'));
                    }
                }
            }
        }
        return names;
    }

    /** {@code <module>/src/main/java} of every module, e.g. gateway/ and infra/psp-simulator/. */
    static List<Path> mainSourceDirectories() throws IOException {
        try (Stream<Path> found = Files.find(repo, 5, (path, attributes) -> attributes.isDirectory()
                && path.endsWith(Path.of("src", "main", "java"))
                && Files.isRegularFile(path.getParent().getParent().getParent().resolve("pom.xml")))) {
            return found.toList();
        }
    }
}
