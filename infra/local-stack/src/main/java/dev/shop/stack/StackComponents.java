package dev.shop.stack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The components `./shop up` runs, each started from the settings alone: the first start and every restart use
 * the same command line, ports and folders. Their names are those of the pid files and of `./shop restart`.
 */
public final class StackComponents {

    private final StackSettings settings;
    private final Component postgres;
    private final Component redis;
    private final Component kafka;
    private final Component keycloak;
    private final Component zipkin;
    private final List<Component> applications = new ArrayList<>();

    public StackComponents(StackSettings settings) {
        this.settings = settings;
        this.postgres = new PostgresComponent(settings);
        this.redis = redis();
        this.kafka = kafka();
        this.keycloak = keycloak();
        this.zipkin = zipkin();
        StackPlan plan = new StackPlan(settings);
        applications.add(application(plan.pspSimulator()));
        plan.services().forEach(app -> applications.add(application(app)));
    }

    /** What the applications need, started first and in parallel. */
    public List<Component> servers() {
        return List.of(postgres, redis, kafka);
    }

    /** Slow to start and needed only by requests (tokens, traces): started beside everything else. */
    public List<Component> sideServers() {
        return List.of(keycloak, zipkin);
    }

    /** The psp-simulator and the five services, started once the servers are ready. */
    public List<Component> applications() {
        return List.copyOf(applications);
    }

    public List<Component> all() {
        List<Component> all = new ArrayList<>(servers());
        all.addAll(sideServers());
        all.addAll(applications);
        return all;
    }

    /** Applications first (they hold connections), then Keycloak, Kafka, Redis and Zipkin, then PostgreSQL. */
    public List<List<Component>> stopWaves() {
        return List.of(applications(), List.of(redis, kafka, keycloak, zipkin), List.of(postgres));
    }

    public List<String> names() {
        return all().stream().map(Component::name).toList();
    }

    public Optional<Component> named(String name) {
        return all().stream().filter(component -> component.name().equals(name)).findFirst();
    }

    private Component redis() {
        int port = settings.port(StackSettings.REDIS);
        return Component.of("redis", "", spawned -> {
            Console.step("redis", "starting on 127.0.0.1:" + port);
            ManagedProcess redis = RedisServer.start(settings.dataDir().resolve("redis"),
                    settings.dataDir().resolve("redis-binaries"), settings.log("redis"), port, true);
            spawned.accept(redis);
            Readiness.awaitPort(redis, port, Duration.ofSeconds(30));
            return redis;
        });
    }

    private Component kafka() {
        return Component.of("kafka", "topics " + String.join(", ", Topics.ALL), spawned -> {
            Console.step("kafka", "starting on 127.0.0.1:" + settings.port(StackSettings.KAFKA) + " (KRaft, one node)");
            Path dataDir = settings.dataDir().resolve("kafka");
            ManagedProcess kafka = KafkaServer.start(settings.javaCommand(), dataDir, settings.log("kafka"),
                    settings.port(StackSettings.KAFKA), settings.port(StackSettings.KAFKA_CONTROLLER), "256m",
                    Topics.ALL);
            spawned.accept(kafka);
            KafkaServer.awaitReady(kafka, dataDir, Duration.ofSeconds(120));
            return kafka;
        });
    }

    private Component keycloak() {
        return Component.of("keycloak", "realm shop", spawned -> {
            Path home = KeycloakServer.install(MavenArtifacts.fromEnvironment(), settings.dataDir().resolve("keycloak"));
            Console.step("keycloak", "starting on " + settings.keycloakUrl()
                    + " (the first start builds Keycloak and imports the realm: about a minute)");
            int port = settings.port(StackSettings.KEYCLOAK);
            int managementPort = settings.port(StackSettings.KEYCLOAK_MANAGEMENT);
            Path realm = KeycloakServer.realmForGateway(settings.repoDir().resolve("infra/keycloak/shop-realm.json"),
                    settings.port(StackSettings.GATEWAY), settings.dataDir().resolve("keycloak/shop-realm.json"));
            ManagedProcess keycloak = KeycloakServer.start(home, realm, settings.log("keycloak"),
                    settings.javaHome(), settings.keycloakUrl(), port, managementPort);
            spawned.accept(keycloak);
            KeycloakServer.awaitReady(keycloak, port, managementPort, Duration.ofSeconds(300));
            return keycloak;
        });
    }

    private Component zipkin() {
        int port = settings.port(StackSettings.ZIPKIN);
        return Component.of("zipkin", "", spawned -> {
            Console.step("zipkin", "starting on 127.0.0.1:" + port + " (trace UI, spans kept in memory)");
            ManagedProcess zipkin = ZipkinServer.start(MavenArtifacts.fromEnvironment(), settings.javaCommand(),
                    settings.dataDir().resolve("zipkin"), settings.log("zipkin"), port);
            spawned.accept(zipkin);
            Readiness.awaitHttpOk(zipkin, ZipkinServer.readinessUrl(port), Duration.ofSeconds(120));
            return zipkin;
        });
    }

    private Component application(QuarkusApp app) {
        return new Component() {
            @Override
            public String name() {
                return app.name();
            }

            @Override
            public ManagedProcess start(java.util.function.Consumer<ManagedProcess> spawned) {
                Console.step(app.name(), "starting on 127.0.0.1:" + settings.port(app.defaultPort()));
                ManagedProcess process = app.start(settings);
                spawned.accept(process);
                Readiness.awaitHttpOk(process, app.readinessUrl(settings), Duration.ofSeconds(180));
                return process;
            }

            /** A run that records its AOT cache writes the recording as it stops: it gets longer (AotCache). */
            @Override
            public void stop(ManagedProcess process, Duration grace) {
                process.stop(AotCache.of(app, settings).stopGrace(grace));
            }
        };
    }

    /**
     * The one durable PostgreSQL server with a database and role per service. Starting it again first closes the
     * previous server object: that releases zonky's lock on the data directory, held by this JVM.
     */
    private static final class PostgresComponent implements Component {

        private final StackSettings settings;
        private PostgresServer server;

        PostgresComponent(StackSettings settings) {
            this.settings = settings;
        }

        @Override
        public String name() {
            return "postgres";
        }

        @Override
        public String readyDetail() {
            return "databases " + String.join(", ", StackPlan.DATABASES) + "; fsync and synchronous_commit on";
        }

        @Override
        public synchronized ManagedProcess start(Consumer<ManagedProcess> spawned) {
            if (server != null) {
                server.close();
                server = null;
            }
            int port = settings.port(StackSettings.POSTGRES);
            Console.step("postgres", "starting on 127.0.0.1:" + port);
            server = PostgresServer.start(settings.dataDir().resolve("postgres/data"),
                    settings.dataDir().resolve("postgres/binaries"), settings.log("postgres"), port,
                    PostgresServer.Durability.DURABLE);
            spawned.accept(server.process());
            for (String database : StackPlan.DATABASES) {
                server.ensureDatabase(database, database, StackPlan.databasePassword(database));
            }
            return server.process();
        }

        /** A fast shutdown with its checkpoint (pg_ctl stop -m fast) rather than signals to every process of the tree. */
        @Override
        public synchronized void stop(ManagedProcess process, Duration grace) {
            if (server != null && server.process().handle().equals(process.handle())) {
                server.close();
                server = null;
            } else {
                process.stop(grace);
            }
        }
    }
}
