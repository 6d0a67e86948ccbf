package dev.shop.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Where the stack keeps its data and which ports it uses. Defaults are those of docs/design.md section 2;
 * {@code SHOP_PORT_OFFSET} shifts every port at once (e.g. to run a second stack beside the first).
 */
public record StackSettings(Path repoDir, Path dataDir, int portOffset, Path javaHome) {

    public static final int GATEWAY = 8080;
    public static final int USER_SERVICE = 8081;
    public static final int ORDER_SERVICE = 8082;
    public static final int PAYMENT_SERVICE = 8083;
    public static final int INVENTORY_SERVICE = 8084;
    public static final int PSP_SIMULATOR = 8085;
    public static final int KEYCLOAK = 8180;
    public static final int KEYCLOAK_MANAGEMENT = 8190;
    public static final int POSTGRES = 15432;
    public static final int KAFKA = 19092;
    public static final int KAFKA_CONTROLLER = 19093;
    public static final int REDIS = 16379;
    public static final int ZIPKIN = 9411;

    /**
     * Every port the stack listens on (before the offset), by who listens: the component names of StackComponents
     * and `./shop restart`; a component's second port is named after it and what it is for.
     */
    public static final Map<String, Integer> PORTS = ports(
            "postgres", POSTGRES, "redis", REDIS, "kafka", KAFKA, "kafka controller", KAFKA_CONTROLLER,
            "keycloak", KEYCLOAK, "keycloak management", KEYCLOAK_MANAGEMENT, "zipkin", ZIPKIN,
            "psp-simulator", PSP_SIMULATOR, "user-service", USER_SERVICE, "order-service", ORDER_SERVICE,
            "payment-service", PAYMENT_SERVICE, "inventory-service", INVENTORY_SERVICE, "gateway", GATEWAY);

    public static StackSettings fromEnvironment() {
        Path repo = Path.of(System.getenv().getOrDefault("SHOP_REPO_DIR", ".")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(repo.resolve("infra/keycloak/shop-realm.json"))) {
            throw new StackException("run from the repository root (or set SHOP_REPO_DIR): " + repo
                    + " has no infra/keycloak/shop-realm.json");
        }
        Path data = Path.of(System.getenv().getOrDefault("SHOP_DATA_DIR", repo.resolve(".data").toString()))
                .toAbsolutePath().normalize();
        int offset = Integer.parseInt(System.getenv().getOrDefault("SHOP_PORT_OFFSET", "0"));
        Path javaHome = Path.of(System.getProperty("java.home"));
        return new StackSettings(repo, data, offset, javaHome);
    }

    public int port(int defaultPort) {
        return defaultPort + portOffset;
    }

    /** The port of a component named in {@link #PORTS}, offset. */
    public int portOf(String component) {
        Integer port = PORTS.get(component);
        if (port == null) {
            throw new StackException("no component " + component + "; the stack has " + PORTS.keySet());
        }
        return port(port);
    }

    private static Map<String, Integer> ports(Object... namesAndPorts) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (int i = 0; i < namesAndPorts.length; i += 2) {
            ports.put((String) namesAndPorts[i], (Integer) namesAndPorts[i + 1]);
        }
        return Collections.unmodifiableMap(ports);
    }

    public String javaCommand() {
        return javaHome.resolve("bin/java").toString();
    }

    public Path logs() {
        return dataDir.resolve("logs");
    }

    public Path log(String component) {
        return logs().resolve(component + ".log");
    }

    public Path runDir() {
        return dataDir.resolve("run");
    }

    public String keycloakUrl() {
        return "http://localhost:" + port(KEYCLOAK);
    }

    public String zipkinSpansUrl() {
        return "http://127.0.0.1:" + port(ZIPKIN) + "/api/v2/spans";
    }

    public String issuer() {
        return keycloakUrl() + "/realms/shop";
    }
}
