package dev.shop.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * infra/docker-compose.yml cannot be started on the build machine (no Docker engine), so these
 * tests hold it to what a user relies on: everything waits for what it needs, every image can be
 * built from this repository, the ports are those of docs/design.md section 2, and each service talks
 * to its own database. Values are read with the defaults of their {@code ${VAR:-default}}.
 */
@Tag("fast")
public class DockerComposeFileTest {

    /** docs/design.md section 2; the three databases beyond users follow 15432 in order. */
    static final Map<String, Integer> DESIGN_HOST_PORTS = Map.ofEntries(
            Map.entry("gateway", 8080),
            Map.entry("user-service", 8081),
            Map.entry("order-service", 8082),
            Map.entry("payment-service", 8083),
            Map.entry("inventory-service", 8084),
            Map.entry("psp-simulator", 8085),
            Map.entry("keycloak", 8180),
            Map.entry("users-db", 15432),
            Map.entry("orders-db", 15433),
            Map.entry("payments-db", 15434),
            Map.entry("inventory-db", 15435),
            Map.entry("kafka", 19092),
            Map.entry("redis", 16379),
            Map.entry("zipkin", 9411),
            Map.entry("prometheus", 9090),
            Map.entry("grafana", 3000));

    /** The services that own a database, and the database each owns (docs/design.md section 1). */
    static final Map<String, String> DATABASE_OF = Map.of(
            "user-service", "users",
            "order-service", "orders",
            "payment-service", "payments",
            "inventory-service", "inventory");

    /** Containers that run once and exit; the others wait for them with service_completed_successfully. */
    static final Set<String> ONE_SHOT_JOBS = Set.of("kafka-init");

    static Path repo;
    static Path composeFile;
    static Map<String, Map<String, Object>> services;

    @BeforeAll
    static void load() throws IOException {
        repo = repositoryRoot();
        composeFile = repo.resolve("infra/docker-compose.yml");
        try (InputStream in = Files.newInputStream(composeFile)) {
            Map<String, Object> compose = new Yaml().load(in);
            services = new TreeMap<>();
            map(compose.get("services"), "services").forEach((name, service) -> services.put(name, map(service, name)));
        }
    }

    @Test
    void everyLongRunningContainerHasAHealthcheck() {
        for (var service : services.entrySet()) {
            if (isOneShotJob(service.getKey())) {
                continue; // it exits; the services wait for its successful completion instead
            }
            Object healthcheck = service.getValue().get("healthcheck");
            assertNotNull(healthcheck, service.getKey() + " has no healthcheck");
            Map<String, Object> check = map(healthcheck, service.getKey() + ".healthcheck");
            assertNotEquals(Boolean.TRUE, check.get("disable"), service.getKey() + " disables its healthcheck");
            assertFalse(list(check.get("test")).isEmpty(), service.getKey() + " healthcheck has no test");
        }
    }

    @Test
    void serviceHealthchecksAskTheirReadinessEndpoint() {
        for (String service : List.of("gateway", "user-service", "order-service", "payment-service",
                "inventory-service", "psp-simulator")) {
            List<Object> test = list(map(services.get(service).get("healthcheck"), service).get("test"));
            String command = String.join(" ", test.stream().map(String::valueOf).toList());
            int port = containerPort(service);
            assertTrue(command.contains("http://localhost:" + port + "/q/health/ready"),
                    service + " healthcheck should hit /q/health/ready on its own port " + port + ": " + command);
        }
    }

    @Test
    void everyDependencyWaitsForAConditionItsTargetCanMeet() {
        for (var service : services.entrySet()) {
            Object dependsOn = service.getValue().get("depends_on");
            if (dependsOn == null) {
                continue;
            }
            assertTrue(dependsOn instanceof Map<?, ?>,
                    service.getKey() + ": depends_on must use the long form with a condition, not a list");
            for (var dependency : map(dependsOn, service.getKey()).entrySet()) {
                String target = dependency.getKey();
                assertTrue(services.containsKey(target), service.getKey() + " depends on unknown " + target);
                Object condition = map(dependency.getValue(), target).get("condition");
                String expected = isOneShotJob(target) ? "service_completed_successfully" : "service_healthy";
                assertEquals(expected, condition, service.getKey() + " -> " + target);
            }
        }
    }

    @Test
    void everyImageBuiltHereHasItsDockerfileAndExposesThePortItServes() throws IOException {
        List<String> built = new ArrayList<>();
        for (var service : services.entrySet()) {
            Object build = service.getValue().get("build");
            if (build == null) {
                continue;
            }
            built.add(service.getKey());
            Map<String, Object> spec = map(build, service.getKey() + ".build");
            Path context = composeFile.getParent().resolve(String.valueOf(spec.get("context"))).normalize();
            assertTrue(Files.isRegularFile(context.resolve("pom.xml")),
                    service.getKey() + ": build context " + context + " is not a Maven module");
            Path dockerfile = context.resolve(String.valueOf(spec.get("dockerfile")));
            assertTrue(Files.isRegularFile(dockerfile), service.getKey() + ": missing " + dockerfile);

            String text = Files.readString(dockerfile);
            assertTrue(text.contains("target/quarkus-app/"), dockerfile + " should copy the fast-jar");
            Matcher expose = Pattern.compile("(?m)^EXPOSE\\s+(\\d+)\\s*$").matcher(text);
            assertTrue(expose.find(), dockerfile + " has no EXPOSE");
            assertEquals(containerPort(service.getKey()), Integer.parseInt(expose.group(1)),
                    dockerfile + " exposes another port than the one compose publishes");
        }
        assertEquals(Set.of("gateway", "user-service", "order-service", "payment-service", "inventory-service",
                "psp-simulator"), Set.copyOf(built));
    }

    @Test
    void keycloakImportsTheRealmFileOfThisRepository() {
        Map<String, Object> keycloak = services.get("keycloak");
        assertTrue(String.valueOf(keycloak.get("command")).contains("--import-realm"),
                "keycloak must be started with --import-realm");
        List<String> mounts = list(keycloak.get("volumes")).stream().map(String::valueOf).toList();
        String realmMount = mounts.stream().filter(m -> m.contains("shop-realm.json")).findFirst()
                .orElseThrow(() -> new AssertionError("keycloak does not mount shop-realm.json: " + mounts));
        String[] parts = realmMount.split(":");
        Path source = composeFile.getParent().resolve(parts[0]).normalize();
        assertEquals(repo.resolve("infra/keycloak/shop-realm.json"), source);
        assertTrue(Files.isRegularFile(source), "mounted realm file does not exist: " + source);
        assertTrue(parts[1].startsWith("/opt/keycloak/data/import/"), "realm not mounted into data/import: " + parts[1]);
    }

    @Test
    void issuerSeenByBrowsersIsTheOneTheServicesCheck() {
        Map<String, String> keycloak = environment("keycloak");
        String issuer = keycloak.get("KC_HOSTNAME") + "/realms/shop";
        assertEquals("http://localhost:8180/realms/shop", issuer);
        assertEquals("true", keycloak.get("KC_HOSTNAME_BACKCHANNEL_DYNAMIC"));
        assertEquals("true", keycloak.get("KC_HEALTH_ENABLED"));
        int keycloakPort = Integer.parseInt(keycloak.get("KC_HTTP_PORT"));
        assertEquals(keycloakPort, containerPort("keycloak"));

        for (String service : List.of("gateway", "user-service", "order-service", "payment-service",
                "inventory-service")) {
            Map<String, String> env = environment(service);
            assertEquals(issuer, env.get("QUARKUS_OIDC_TOKEN_ISSUER"), service);
            URI authServer = URI.create(env.get("QUARKUS_OIDC_AUTH_SERVER_URL"));
            assertEquals("keycloak", authServer.getHost(), service + " must reach Keycloak by its service name");
            assertEquals(keycloakPort, authServer.getPort(), service);
            assertEquals("/realms/shop", authServer.getPath(), service);
        }
    }

    @Test
    void publishedPortsAreThoseOfDesignSection2OnLoopbackOnly() {
        Map<String, Integer> published = new TreeMap<>();
        for (String service : services.keySet()) {
            for (Object port : list(services.get(service).get("ports"))) {
                String[] parts = String.valueOf(port).split(":");
                assertEquals(3, parts.length, service + ": publish as 127.0.0.1:host:container, not " + port);
                assertEquals("127.0.0.1", parts[0], service + " publishes beyond loopback: " + port);
                assertTrue(published.put(service, Integer.parseInt(parts[1])) == null,
                        service + " publishes more than one port");
            }
        }
        assertEquals(new TreeMap<>(DESIGN_HOST_PORTS), published);

        for (String service : List.of("gateway", "user-service", "order-service", "payment-service",
                "inventory-service", "psp-simulator")) {
            assertEquals(String.valueOf(containerPort(service)), environment(service).get("QUARKUS_HTTP_PORT"),
                    service + " listens on another port than the one published");
        }
    }

    @Test
    void eachServiceWithADatabasePointsAtItsOwnPostgresContainer() {
        Set<String> hosts = new HashSet<>();
        for (var owner : DATABASE_OF.entrySet()) {
            String service = owner.getKey();
            Map<String, String> env = environment(service);
            String jdbcUrl = env.get("QUARKUS_DATASOURCE_JDBC_URL");
            assertNotNull(jdbcUrl, service + " has no QUARKUS_DATASOURCE_JDBC_URL");
            URI url = URI.create(jdbcUrl.substring("jdbc:".length()));
            String host = url.getHost();
            assertTrue(hosts.add(host), service + " shares its database container " + host);

            Map<String, Object> db = services.get(host);
            assertNotNull(db, service + " points at " + host + ", which is not in the compose file");
            assertTrue(String.valueOf(db.get("image")).startsWith("postgres:"), host + " is not PostgreSQL");
            Map<String, String> dbEnv = environment(host);
            assertEquals(owner.getValue(), dbEnv.get("POSTGRES_DB"),
                    service + " points at " + host + ", which holds another service's database");
            assertEquals("/" + dbEnv.get("POSTGRES_DB"), url.getPath(), service + " uses another database");
            assertEquals(5432, url.getPort(), service);
            assertEquals(dbEnv.get("POSTGRES_USER"), env.get("QUARKUS_DATASOURCE_USERNAME"), service);
            assertEquals(dbEnv.get("POSTGRES_PASSWORD"), env.get("QUARKUS_DATASOURCE_PASSWORD"), service);
            assertEquals("service_healthy",
                    map(map(services.get(service).get("depends_on"), service).get(host), host).get("condition"),
                    service + " must wait for its database");
        }
        for (String service : List.of("gateway", "psp-simulator")) {
            assertFalse(environment(service).containsKey("QUARKUS_DATASOURCE_JDBC_URL"), service + " owns no data");
        }
    }

    @Test
    void servicesFindEachOtherAndTheInfrastructureByServiceName() {
        Map<String, String> gateway = environment("gateway");
        assertUrlOf("user-service", gateway.get("SHOP_UPSTREAM_USERS_URL"));
        assertUrlOf("order-service", gateway.get("SHOP_UPSTREAM_ORDERS_URL"));
        assertUrlOf("payment-service", gateway.get("SHOP_UPSTREAM_PAYMENTS_URL"));
        assertUrlOf("inventory-service", gateway.get("SHOP_UPSTREAM_PRODUCTS_URL"));
        assertUrlOf("psp-simulator", environment("payment-service").get("SHOP_PSP_URL"));

        for (String service : DATABASE_OF.keySet()) {
            Map<String, String> env = environment(service);
            assertEquals("kafka:9092", env.get("KAFKA_BOOTSTRAP_SERVERS"), service);
            assertEquals("redis://redis:6379", env.get("QUARKUS_REDIS_HOSTS"), service);
        }
        assertEquals("redis://redis:6379", gateway.get("QUARKUS_REDIS_HOSTS"));
        assertTrue(environment("kafka").get("KAFKA_ADVERTISED_LISTENERS").contains("//kafka:9092"),
                "containers must be told to reach the broker as kafka:9092");
    }

    /** Every application sends its spans to the compose Zipkin and is scraped by the compose Prometheus. */
    @Test
    void everyApplicationIsTracedAndScraped() throws IOException {
        String prometheus = Files.readString(repo.resolve("infra/observability/prometheus.yml"));
        for (String service : List.of("gateway", "user-service", "order-service", "payment-service",
                "inventory-service", "psp-simulator")) {
            assertEquals("http://zipkin:9411/api/v2/spans", environment(service).get("SHOP_ZIPKIN_ENDPOINT"), service);
            assertTrue(prometheus.contains(service + ":" + containerPort(service)),
                    "prometheus.yml does not scrape " + service + ":" + containerPort(service));
        }
    }

    @Test
    void topicJobCreatesEverySagaTopicAndItsDeadLetterTopicUpFront() {
        assertEquals("no", services.get("kafka-init").get("restart"), "a finished job must not be restarted");
        String script = String.valueOf(services.get("kafka-init").get("command"));
        Set<String> words = Set.copyOf(Arrays.asList(script.split("[\\s\"'\\[\\],;]+")));
        for (String topic : Topics.ALL) {
            assertTrue(words.contains(topic), "kafka-init does not create " + topic);
        }
        assertTrue(script.contains("--partitions " + Topics.PARTITIONS), "topics need " + Topics.PARTITIONS + " partitions");
        assertTrue(script.contains("set -e"), "a failed topic creation must fail the job, so nothing starts");
        for (String service : DATABASE_OF.keySet()) {
            assertTrue(map(services.get(service).get("depends_on"), service).containsKey("kafka-init"),
                    service + " must start after the topics exist");
        }
    }

    @Test
    void dockerComposeAcceptsTheFile() throws Exception {
        Optional<List<String>> compose = dockerCompose();
        assumeTrue(compose.isPresent(),
                "neither `docker compose` nor `docker-compose` is installed here; the structural tests above still ran");
        List<String> command = new ArrayList<>(compose.get());
        command.addAll(List.of("-f", composeFile.toString(), "config", "-q"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "docker compose config timed out");
        assertEquals(0, process.exitValue(), "docker compose config rejects the file:\n" + output);
    }

    // ---- helpers ----

    static boolean isOneShotJob(String name) {
        return ONE_SHOT_JOBS.contains(name);
    }

    static int containerPort(String service) {
        List<Object> ports = list(services.get(service).get("ports"));
        assertEquals(1, ports.size(), service + " should publish exactly one port");
        String[] parts = String.valueOf(ports.get(0)).split(":");
        return Integer.parseInt(parts[parts.length - 1]);
    }

    static void assertUrlOf(String service, String url) {
        assertNotNull(url, "no URL for " + service);
        URI uri = URI.create(url);
        assertEquals(service, uri.getHost(), url);
        assertEquals(containerPort(service), uri.getPort(), url);
    }

    /** The service's environment with every {@code ${VAR:-default}} replaced by its default. */
    static Map<String, String> environment(String service) {
        Object env = services.get(service).get("environment");
        Map<String, String> resolved = new LinkedHashMap<>();
        if (env != null) {
            map(env, service + ".environment").forEach((k, v) -> resolved.put(k, interpolate(String.valueOf(v))));
        }
        return resolved;
    }

    static String interpolate(String value) {
        Matcher m = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*):-([^}]*)}|\\$\\{([^}]*)}|\\$\\$").matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            if (m.group(3) != null) {
                fail("${" + m.group(3) + "} has no default, so the file does not work without an .env: " + value);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) != null ? m.group(2) : "$"));
        }
        m.appendTail(out);
        return out.toString();
    }

    static Optional<List<String>> dockerCompose() {
        for (List<String> candidate : List.of(List.of("docker", "compose"), List.of("docker-compose"))) {
            List<String> version = new ArrayList<>(candidate);
            version.add("version");
            try {
                Process process = new ProcessBuilder(version).redirectErrorStream(true).start();
                process.getInputStream().transferTo(OutputStream.nullOutputStream());
                if (process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0) {
                    return Optional.of(candidate);
                }
                process.destroyForcibly();
            } catch (IOException e) {
                // not installed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** Walks up from the working directory to the directory that holds infra/docker-compose.yml. */
    public static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("infra/docker-compose.yml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no infra/docker-compose.yml above " + Path.of("").toAbsolutePath());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value, String what) {
        assertTrue(value instanceof Map<?, ?>, what + " should be a mapping, is " + value);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return value == null ? List.of() : (List<Object>) value;
    }
}
