package dev.shop.stack.testing;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a {@code @QuarkusTest} at real PostgreSQL, Kafka and Redis (no Docker, no Dev Services):
 * <pre>
 * &#64;WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
 *         initArgs = &#64;ResourceArg(name = "database", value = "inventory"))
 * </pre>
 * The {@code database} argument creates that database and its owner role (password = name);
 * {@code keycloak=true} also starts a real Keycloak with the shop realm and points quarkus.oidc at it
 * (get tokens with {@link Tokens}).
 */
public class RealInfrastructure implements QuarkusTestResourceLifecycleManager {

    private String database;
    private boolean keycloak;

    @Override
    public void init(Map<String, String> args) {
        database = args.get("database");
        keycloak = Boolean.parseBoolean(args.getOrDefault("keycloak", "false"));
    }

    @Override
    public Map<String, String> start() {
        TestServers servers = TestServers.get();
        Map<String, String> config = new HashMap<>();
        if (database != null) {
            servers.postgres().ensureDatabase(database, database, database);
            config.put("quarkus.datasource.jdbc.url", servers.postgres().jdbcUrl(database));
            config.put("quarkus.datasource.username", database);
            config.put("quarkus.datasource.password", database);
        }
        config.put("kafka.bootstrap.servers", servers.kafkaBootstrapServers());
        config.put("quarkus.redis.hosts", servers.redisUrl());
        if (keycloak) {
            config.put("quarkus.oidc.auth-server-url", servers.keycloakIssuer());
        }
        return config;
    }

    @Override
    public void stop() {
        // The servers outlive one Quarkus application: other test classes of this JVM reuse them.
    }
}
