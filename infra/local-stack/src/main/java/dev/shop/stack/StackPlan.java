package dev.shop.stack;

import static dev.shop.stack.StackSettings.GATEWAY;
import static dev.shop.stack.StackSettings.INVENTORY_SERVICE;
import static dev.shop.stack.StackSettings.ORDER_SERVICE;
import static dev.shop.stack.StackSettings.PAYMENT_SERVICE;
import static dev.shop.stack.StackSettings.PSP_SIMULATOR;
import static dev.shop.stack.StackSettings.USER_SERVICE;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the local stack runs: each database with its owner role, and each application with its wiring. */
public final class StackPlan {

    /** database name = role name; the password is a local default, overridable per database from env. */
    public static final List<String> DATABASES = List.of("users", "orders", "payments", "inventory");

    private final StackSettings settings;

    public StackPlan(StackSettings settings) {
        this.settings = settings;
    }

    public static String databasePassword(String database) {
        return System.getenv().getOrDefault("SHOP_DB_PASSWORD_" + database.toUpperCase(java.util.Locale.ROOT),
                database);
    }

    public QuarkusApp pspSimulator() {
        Map<String, String> env = http(PSP_SIMULATOR);
        env.put("PSP_PORT", String.valueOf(settings.port(PSP_SIMULATOR)));
        env.put("PSP_DATA_DIR", settings.dataDir().resolve("psp").toString());
        return new QuarkusApp("psp-simulator", "infra/psp-simulator", PSP_SIMULATOR, env);
    }

    public List<QuarkusApp> services() {
        Map<String, String> gateway = http(GATEWAY);
        gateway.put("QUARKUS_REDIS_HOSTS", redisUrl());
        gateway.put("SHOP_UPSTREAM_USERS_URL", local(USER_SERVICE));
        gateway.put("SHOP_UPSTREAM_ORDERS_URL", local(ORDER_SERVICE));
        gateway.put("SHOP_UPSTREAM_PAYMENTS_URL", local(PAYMENT_SERVICE));
        gateway.put("SHOP_UPSTREAM_PRODUCTS_URL", local(INVENTORY_SERVICE));
        gateway.put("QUARKUS_OIDC_AUTH_SERVER_URL", settings.issuer());
        // `SHOP_GATEWAY_PROFILE=bench ./shop up` raises the rate limits for load tests (see gateway/README.md).
        String gatewayProfile = System.getenv("SHOP_GATEWAY_PROFILE");
        if (gatewayProfile != null && !gatewayProfile.isBlank()) {
            gateway.put("QUARKUS_PROFILE", gatewayProfile);
        }

        Map<String, String> orders = service(ORDER_SERVICE, "orders");
        orders.put("SHOP_INVENTORY_URL", local(INVENTORY_SERVICE));
        Map<String, String> payments = service(PAYMENT_SERVICE, "payments");
        payments.put("SHOP_PSP_URL", local(PSP_SIMULATOR));

        // Only user- and inventory-service cache in Redis (order- and payment-service have no Redis client).
        Map<String, String> users = service(USER_SERVICE, "users");
        users.put("QUARKUS_REDIS_HOSTS", redisUrl());
        Map<String, String> inventory = service(INVENTORY_SERVICE, "inventory");
        inventory.put("QUARKUS_REDIS_HOSTS", redisUrl());

        return List.of(
                new QuarkusApp("user-service", "user-service", USER_SERVICE, users),
                new QuarkusApp("order-service", "order-service", ORDER_SERVICE, orders),
                new QuarkusApp("payment-service", "payment-service", PAYMENT_SERVICE, payments),
                new QuarkusApp("inventory-service", "inventory-service", INVENTORY_SERVICE, inventory),
                new QuarkusApp("gateway", "gateway", GATEWAY, gateway));
    }

    /** The psp-simulator and the services. */
    public List<QuarkusApp> applications() {
        List<QuarkusApp> applications = new java.util.ArrayList<>(List.of(pspSimulator()));
        applications.addAll(services());
        return applications;
    }

    public QuarkusApp application(String name) {
        return applications().stream().filter(app -> app.name().equals(name)).findFirst()
                .orElseThrow(() -> new StackException("no application " + name));
    }

    private Map<String, String> service(int port, String database) {
        Map<String, String> env = http(port);
        env.put("QUARKUS_DATASOURCE_JDBC_URL",
                "jdbc:postgresql://127.0.0.1:" + settings.port(StackSettings.POSTGRES) + "/" + database);
        env.put("QUARKUS_DATASOURCE_USERNAME", database);
        env.put("QUARKUS_DATASOURCE_PASSWORD", databasePassword(database));
        env.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:" + settings.port(StackSettings.KAFKA));
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", settings.issuer());
        return env;
    }

    private Map<String, String> http(int port) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SHOP_ZIPKIN_ENDPOINT", settings.zipkinSpansUrl());
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", String.valueOf(settings.port(port)));
        return env;
    }

    private String redisUrl() {
        return "redis://127.0.0.1:" + settings.port(StackSettings.REDIS);
    }

    private String local(int port) {
        return "http://127.0.0.1:" + settings.port(port);
    }
}
