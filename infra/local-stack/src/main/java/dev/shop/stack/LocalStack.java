package dev.shop.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The whole system on one machine without Docker: `./shop up` runs this class.
 * Starts PostgreSQL, Redis, Kafka and Keycloak, then the psp-simulator and the five services,
 * waits until each one's readiness check passes, prints the URLs, and stops everything on Ctrl-C.
 */
public final class LocalStack {

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final StackSettings settings;
    private final StackPlan plan;
    private final ProcessRegistry registry;
    private final List<ManagedProcess> started = new CopyOnWriteArrayList<>();
    private volatile PostgresServer postgres;
    private volatile boolean stopping;

    public LocalStack(StackSettings settings) {
        this.settings = settings;
        this.plan = new StackPlan(settings);
        this.registry = new ProcessRegistry(settings.runDir());
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "up" : args[0];
        try {
            LocalStack stack = new LocalStack(StackSettings.fromEnvironment());
            switch (command) {
                case "up" -> stack.up(List.of(args).contains("--reset"));
                case "down" -> stack.down();
                case "status" -> stack.status();
                default -> {
                    Console.error("usage: LocalStack up [--reset] | down | status");
                    System.exit(2);
                }
            }
        } catch (StackException e) {
            Console.error(System.lineSeparator() + "FAILED: " + e.getMessage());
            System.exit(1);
        }
    }

    void up(boolean reset) {
        Instant begin = Instant.now();
        registry.find("launcher").ifPresent(running -> {
            throw new StackException("the stack is already running (launcher pid " + running.pid()
                    + "). Stop it with ./shop down, or press Ctrl-C in its terminal.");
        });
        List<String> leftovers = registry.stopAll(STOP_GRACE);
        if (!leftovers.isEmpty()) {
            Console.step("stack", "stopped processes left over by a previous run: " + String.join(", ", leftovers));
        }
        if (reset) {
            resetData();
        }
        requirePortsFree();
        List<QuarkusApp> apps = new ArrayList<>();
        apps.add(plan.pspSimulator());
        apps.addAll(plan.services());
        apps.forEach(app -> {
            if (!java.nio.file.Files.isRegularFile(app.runnerJar(settings.repoDir()))) {
                throw new StackException(app.name() + " is not built: run ./shop up (it builds), or ./mvnw install -DskipTests");
            }
        });

        registry.register("launcher", ProcessHandle.current());
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopEverything, "stack-shutdown"));
        exitOnInterrupt();
        Console.step("stack", "data in " + settings.dataDir() + ", logs in " + settings.logs());

        CompletableFuture<Void> keycloak = async(this::startKeycloak);
        CompletableFuture<Void> zipkin = async(this::startZipkin);
        await(List.of(async(this::startPostgres), async(this::startRedis), async(this::startKafka)));
        await(apps.stream().map(app -> async(() -> startApp(app))).toList());
        await(List.of(keycloak, zipkin));

        printReady(Duration.between(begin, Instant.now()));
        watchUntilStopped();
    }

    /**
     * Ctrl-C must stop the stack even when this JVM inherited an ignored SIGINT (as background jobs of a
     * script do): handle it explicitly, and let the shutdown hook stop every child.
     */
    @SuppressWarnings("removal")
    private static void exitOnInterrupt() {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> System.exit(130));
        } catch (IllegalArgumentException | UnsupportedOperationException unavailable) {
            // the JVM's default handling of SIGINT applies
        }
    }

    private void startPostgres() {
        Console.step("postgres", "starting on 127.0.0.1:" + settings.port(StackSettings.POSTGRES));
        Instant begin = Instant.now();
        postgres = PostgresServer.start(settings.dataDir().resolve("postgres/data"),
                settings.dataDir().resolve("postgres/binaries"), settings.log("postgres"),
                settings.port(StackSettings.POSTGRES));
        track(postgres.process());
        for (String database : StackPlan.DATABASES) {
            postgres.ensureDatabase(database, database, StackPlan.databasePassword(database));
        }
        ready("postgres", begin, "databases " + String.join(", ", StackPlan.DATABASES));
    }

    private void startRedis() {
        Console.step("redis", "starting on 127.0.0.1:" + settings.port(StackSettings.REDIS));
        Instant begin = Instant.now();
        ManagedProcess redis = track(RedisServer.start(settings.dataDir().resolve("redis"),
                settings.dataDir().resolve("redis-binaries"), settings.log("redis"),
                settings.port(StackSettings.REDIS), true));
        Readiness.awaitPort(redis, settings.port(StackSettings.REDIS), Duration.ofSeconds(30));
        ready("redis", begin, "");
    }

    private void startKafka() {
        Console.step("kafka", "starting on 127.0.0.1:" + settings.port(StackSettings.KAFKA) + " (KRaft, one node)");
        Instant begin = Instant.now();
        Path dataDir = settings.dataDir().resolve("kafka");
        ManagedProcess kafka = track(KafkaServer.start(settings.javaCommand(), dataDir, settings.log("kafka"),
                settings.port(StackSettings.KAFKA), settings.port(StackSettings.KAFKA_CONTROLLER), "256m",
                Topics.ALL));
        KafkaServer.awaitReady(kafka, dataDir, Duration.ofSeconds(120));
        ready("kafka", begin, "topics " + String.join(", ", Topics.ALL));
    }

    private void startKeycloak() {
        Instant begin = Instant.now();
        Path home = KeycloakServer.install(MavenArtifacts.fromEnvironment(), settings.dataDir().resolve("keycloak"));
        Console.step("keycloak", "starting on " + settings.keycloakUrl()
                + " (the first start builds Keycloak and imports the realm: about a minute)");
        int port = settings.port(StackSettings.KEYCLOAK);
        int managementPort = settings.port(StackSettings.KEYCLOAK_MANAGEMENT);
        Path realm = KeycloakServer.realmForGateway(settings.repoDir().resolve("infra/keycloak/shop-realm.json"),
                settings.port(StackSettings.GATEWAY), settings.dataDir().resolve("keycloak/shop-realm.json"));
        ManagedProcess keycloak = track(KeycloakServer.start(home, realm, settings.log("keycloak"),
                settings.javaHome(), settings.keycloakUrl(), port, managementPort));
        KeycloakServer.awaitReady(keycloak, port, managementPort, Duration.ofSeconds(300));
        ready("keycloak", begin, "realm shop");
    }

    private void startZipkin() {
        Instant begin = Instant.now();
        int port = settings.port(StackSettings.ZIPKIN);
        Console.step("zipkin", "starting on 127.0.0.1:" + port + " (trace UI, spans kept in memory)");
        ManagedProcess zipkin = track(ZipkinServer.start(MavenArtifacts.fromEnvironment(), settings.javaCommand(),
                settings.dataDir().resolve("zipkin"), settings.log("zipkin"), port));
        Readiness.awaitHttpOk(zipkin, ZipkinServer.readinessUrl(port), Duration.ofSeconds(120));
        ready("zipkin", begin, "");
    }

    private void startApp(QuarkusApp app) {
        Console.step(app.name(), "starting on 127.0.0.1:" + settings.port(app.defaultPort()));
        Instant begin = Instant.now();
        ManagedProcess process = track(app.start(settings));
        Readiness.awaitHttpOk(process, app.readinessUrl(settings), Duration.ofSeconds(180));
        ready(app.name(), begin, "");
    }

    private ManagedProcess track(ManagedProcess process) {
        started.add(process);
        registry.register(process.name(), process.handle());
        return process;
    }

    private static void ready(String component, Instant begin, String detail) {
        Console.step(component, "ready in " + Duration.between(begin, Instant.now()).toMillis() / 1000.0 + " s"
                + (detail.isEmpty() ? "" : " (" + detail + ")"));
    }

    private void printReady(Duration took) {
        String lines = String.join(System.lineSeparator(),
                "",
                "Shop is ready in " + took.toSeconds() + " s. Press Ctrl-C (or run ./shop down) to stop everything.",
                "",
                "  Gateway (the only port you need)  http://localhost:" + settings.port(StackSettings.GATEWAY),
                "  Swagger UI (per service)          http://localhost:" + settings.port(StackSettings.INVENTORY_SERVICE) + "/q/swagger-ui",
                "  Keycloak (admin/admin)            " + settings.keycloakUrl() + "/admin  realm: shop",
                "  Traces (Zipkin)                   http://localhost:" + settings.port(StackSettings.ZIPKIN),
                "  Token for alice                   curl -s -d grant_type=password -d client_id=shop-cli -d username=alice -d password=alice "
                        + settings.issuer() + "/protocol/openid-connect/token",
                "  user-service                      http://localhost:" + settings.port(StackSettings.USER_SERVICE),
                "  order-service                     http://localhost:" + settings.port(StackSettings.ORDER_SERVICE),
                "  payment-service                   http://localhost:" + settings.port(StackSettings.PAYMENT_SERVICE),
                "  inventory-service                 http://localhost:" + settings.port(StackSettings.INVENTORY_SERVICE),
                "  psp-simulator (fake processor)    http://localhost:" + settings.port(StackSettings.PSP_SIMULATOR),
                "  PostgreSQL                        127.0.0.1:" + settings.port(StackSettings.POSTGRES) + "  databases users, orders, payments, inventory",
                "  Kafka                             127.0.0.1:" + settings.port(StackSettings.KAFKA),
                "  Redis                             127.0.0.1:" + settings.port(StackSettings.REDIS),
                "  Logs                              " + settings.logs(),
                "");
        Console.info(lines);
        Console.info("SHOP READY");
    }

    /** Keeps the launcher in the foreground; reports a server that dies on its own instead of hiding it. */
    private void watchUntilStopped() {
        List<ManagedProcess> reported = new ArrayList<>();
        while (!stopping) {
            for (ManagedProcess process : started) {
                if (!process.isAlive() && !reported.contains(process)) {
                    reported.add(process);
                    Console.error("! " + process.name() + " exited on its own. Last lines of " + process.logFile()
                            + ":" + System.lineSeparator() + process.tail(20));
                }
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Applications first (they hold connections), then Keycloak and Kafka, then Redis and PostgreSQL. */
    private void stopEverything() {
        stopping = true;
        registry.unregister("launcher");
        if (started.isEmpty()) {
            return;
        }
        Console.info(System.lineSeparator() + "Stopping the shop...");
        List<String> servers = List.of("keycloak", "kafka", "redis", "zipkin", "postgres");
        stopInParallel(started.stream().filter(p -> !servers.contains(p.name())).toList());
        stopInParallel(started.stream().filter(p -> servers.contains(p.name()) && !p.name().equals("postgres")).toList());
        if (postgres != null) {
            postgres.close();
            registry.unregister("postgres");
        }
        registry.stopAll(STOP_GRACE);
        Console.info("Stopped. Data kept in " + settings.dataDir() + " (./shop up --reset starts from scratch).");
    }

    private void stopInParallel(List<ManagedProcess> processes) {
        await(processes.stream().map(p -> CompletableFuture.runAsync(() -> {
            p.stop(STOP_GRACE);
            registry.unregister(p.name());
        })).toList());
    }

    void down() {
        var launcher = registry.find("launcher");
        if (launcher.isPresent()) {
            Console.info("Stopping the stack (launcher pid " + launcher.get().pid() + ")...");
            launcher.get().destroy();
            launcher.get().onExit().orTimeout(90, java.util.concurrent.TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        List<String> stopped = registry.stopAll(STOP_GRACE);
        stopPostmasterIfRunning();
        if (launcher.isEmpty() && stopped.isEmpty()) {
            Console.info("Nothing is running.");
        } else {
            Console.info("Stopped." + (stopped.isEmpty() ? "" : " Also stopped: " + String.join(", ", stopped)));
        }
    }

    void status() {
        List<String> names = registry.names();
        if (names.isEmpty()) {
            Console.info("Nothing is running.");
            return;
        }
        for (String name : names) {
            String state = registry.find(name).map(p -> "running (pid " + p.pid() + ")").orElse("not running");
            Console.info(String.format("  %-18s %s", name, state));
        }
    }

    private void stopPostmasterIfRunning() {
        Path pidFile = settings.dataDir().resolve("postgres/data/postmaster.pid");
        try {
            if (java.nio.file.Files.exists(pidFile)) {
                long pid = Long.parseLong(java.nio.file.Files.readAllLines(pidFile).get(0).trim());
                ProcessHandle.of(pid)
                        .filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false))
                        .ifPresent(p -> ManagedProcess.stopTree(p, STOP_GRACE));
            }
        } catch (IOException | RuntimeException ignored) {
            // nothing to stop
        }
    }

    private void requirePortsFree() {
        Map<Integer, String> ports = new java.util.LinkedHashMap<>();
        ports.put(settings.port(StackSettings.POSTGRES), "PostgreSQL");
        ports.put(settings.port(StackSettings.REDIS), "Redis");
        ports.put(settings.port(StackSettings.KAFKA), "Kafka");
        ports.put(settings.port(StackSettings.KAFKA_CONTROLLER), "Kafka controller");
        ports.put(settings.port(StackSettings.KEYCLOAK), "Keycloak");
        ports.put(settings.port(StackSettings.KEYCLOAK_MANAGEMENT), "Keycloak management");
        ports.put(settings.port(StackSettings.PSP_SIMULATOR), "psp-simulator");
        ports.put(settings.port(StackSettings.ZIPKIN), "Zipkin");
        plan.services().forEach(app -> ports.put(settings.port(app.defaultPort()), app.name()));
        ports.forEach((port, owner) -> Ports.requireFree(port, owner));
    }

    /** Deletes what the servers stored; keeps what was downloaded or unpacked (binaries, Keycloak itself). */
    private void resetData() {
        List<Path> state = List.of(
                settings.dataDir().resolve("postgres/data"),
                settings.dataDir().resolve("kafka"),
                settings.dataDir().resolve("redis"),
                settings.dataDir().resolve("psp"),
                settings.dataDir().resolve("apps"),
                settings.dataDir().resolve("zipkin"),
                settings.dataDir().resolve("keycloak/keycloak-" + KeycloakServer.VERSION + "/data"),
                settings.logs());
        Console.step("stack", "--reset: deleting stored data (databases, topics, cache, realm, logs)");
        for (Path path : state) {
            try {
                Directories.delete(path);
            } catch (IOException e) {
                throw new StackException("cannot delete " + path + ": " + e.getMessage(), e);
            }
        }
    }

    private static CompletableFuture<Void> async(Runnable task) {
        return CompletableFuture.runAsync(task, runnable -> Thread.ofPlatform().daemon().start(runnable));
    }

    /** Waits for all tasks, but gives up at the first failure instead of waiting for the slowest sibling. */
    private static void await(List<CompletableFuture<Void>> tasks) {
        CompletableFuture<Void> firstFailure = new CompletableFuture<>();
        tasks.forEach(task -> task.whenComplete((ok, error) -> {
            if (error != null) {
                firstFailure.completeExceptionally(error);
            }
        }));
        try {
            CompletableFuture.anyOf(CompletableFuture.allOf(tasks.toArray(CompletableFuture[]::new)), firstFailure)
                    .join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() instanceof CompletionException nested ? nested.getCause() : e.getCause();
            if (cause instanceof StackException stackFailure) {
                throw stackFailure;
            }
            throw new StackException("start failed: " + cause, cause);
        }
    }
}
