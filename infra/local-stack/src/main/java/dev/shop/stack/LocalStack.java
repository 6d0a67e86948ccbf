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

/**
 * The whole system on one machine without Docker: `./shop up` runs this class.
 * Starts PostgreSQL, Redis, Kafka and Keycloak, then the psp-simulator and the five services,
 * waits until each one's readiness check passes, prints the URLs, then supervises them (a component that dies is
 * started again) until Ctrl-C stops everything. `./shop restart` and `./shop stop` act on one component of it.
 */
public final class LocalStack {

    private static final Duration STOP_GRACE = Duration.ofSeconds(20);
    /** Keycloak may take 300 s to become ready, plus the time to stop the old process. */
    private static final Duration CONTROL_TIMEOUT = Duration.ofMinutes(6);

    private final StackSettings settings;
    private final StackPlan plan;
    private final StackComponents components;
    private final ProcessRegistry registry;
    private final ControlRequests requests;
    private final Supervisor supervisor;
    private volatile boolean stopping;

    public LocalStack(StackSettings settings) {
        this.settings = settings;
        this.plan = new StackPlan(settings);
        this.components = new StackComponents(settings);
        this.registry = new ProcessRegistry(settings.runDir());
        this.requests = new ControlRequests(settings.runDir());
        this.supervisor = new Supervisor(registry, requests, STOP_GRACE);
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "up" : args[0];
        try {
            LocalStack stack = new LocalStack(StackSettings.fromEnvironment());
            switch (command) {
                case "up" -> stack.up(List.of(args).contains("--reset"));
                case "down" -> stack.down();
                case "status" -> stack.status();
                case "restart" -> stack.control(ControlRequests.Action.RESTART, args.length > 1 ? args[1] : "");
                case "stop" -> stack.control(ControlRequests.Action.STOP, args.length > 1 ? args[1] : "");
                default -> {
                    Console.error("usage: LocalStack up [--reset] | down | status | restart <component> | stop <component>");
                    System.exit(2);
                }
            }
        } catch (UnknownComponentException e) {
            Console.error(e.getMessage());
            System.exit(2);
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

        requests.clear();
        registry.register("launcher", ProcessHandle.current());
        // Ctrl-C and ./shop down end this JVM; the hook stops every child (./shop makes sure SIGINT is not ignored).
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopEverything, "stack-shutdown"));
        Console.step("stack", "data in " + settings.dataDir() + ", logs in " + settings.logs());

        List<CompletableFuture<Void>> sideServers = components.sideServers().stream().map(this::startAsync).toList();
        await(components.servers().stream().map(this::startAsync).toList());
        await(components.applications().stream().map(this::startAsync).toList());
        await(sideServers);

        components.all().forEach(supervisor::supervise);
        printReady(Duration.between(begin, Instant.now()));
        waitUntilStopped();
    }

    private CompletableFuture<Void> startAsync(Component component) {
        return async(() -> {
            Instant begin = Instant.now();
            startTryingTwice(component);
            Console.step(component.name(), "ready in " + Duration.between(begin, Instant.now()).toMillis() / 1000.0
                    + " s" + (component.readyDetail().isEmpty() ? "" : " (" + component.readyDetail() + ")"));
        });
    }

    /**
     * A first start that fails is tried once more before the whole start fails: on a busy machine a service can
     * time out on its first database connection. A start that fails twice (a real misconfiguration) is reported.
     */
    private void startTryingTwice(Component component) {
        try {
            supervisor.start(component);
        } catch (StackException first) {
            if (stopping) {
                throw first;
            }
            supervisor.process(component.name()).ifPresent(process -> component.stop(process, STOP_GRACE));
            Console.step(component.name(), "did not start (" + first.getMessage().lines().findFirst().orElse("")
                    + "); trying once more");
            supervisor.start(component);
        }
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
                "  Restart one component             ./shop restart <component> (one that dies restarts by itself)",
                "");
        Console.info(lines);
        Console.info("SHOP READY");
    }

    /** Keeps the launcher in the foreground while the supervisor's threads do the work. */
    private void waitUntilStopped() {
        while (!stopping) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void stopEverything() {
        stopping = true;
        if (!supervisor.isEmpty()) {
            Console.info(System.lineSeparator() + "Stopping the shop...");
        }
        supervisor.shutdown();
        registry.unregister("launcher");
        if (supervisor.isEmpty()) {
            return;
        }
        components.stopWaves().forEach(supervisor::stop);
        registry.stopAll(STOP_GRACE);
        Console.info("Stopped. Data kept in " + settings.dataDir() + " (./shop up --reset starts from scratch).");
    }

    /**
     * `./shop restart <component>` and `./shop stop <component>`: the running launcher acts, this process asks
     * and waits for the answer.
     */
    void control(ControlRequests.Action action, String component) {
        List<String> names = components.names();
        if (!names.contains(component)) {
            throw new UnknownComponentException((component.isEmpty() ? "name a component" : "no component " + component)
                    + ". The components are: " + String.join(" ", names));
        }
        ProcessHandle launcher = registry.find("launcher").orElseThrow(() -> new StackException(
                "the stack is not running, so there is nothing to " + action.name().toLowerCase(java.util.Locale.ROOT)
                        + ". Start it with ./shop up"));
        boolean restart = action == ControlRequests.Action.RESTART;
        Console.info((restart ? "Restarting " : "Stopping ") + component + " (stack launcher pid " + launcher.pid()
                + "), waiting until it is " + (restart ? "ready" : "stopped") + "...");
        Instant begin = Instant.now();
        String id = requests.submit(component, action);
        ControlRequests.Outcome outcome = requests.awaitOutcome(component, id, CONTROL_TIMEOUT, launcher::isAlive);
        if (!outcome.done()) {
            throw new StackException(component + " did not start again: " + outcome.detail()
                    + ". The stack keeps trying, 1 s, 2 s, 4 s ... up to 30 s apart.");
        }
        String took = Duration.between(begin, Instant.now()).toMillis() / 100 / 10.0 + " s";
        Console.info(restart ? component + " restarted and ready in " + took + " (" + outcome.detail() + ")"
                : component + " stopped in " + took + ". ./shop restart " + component + " starts it again.");
    }

    /** A name that is no component: a usage error, refused with the list of names. */
    static final class UnknownComponentException extends StackException {

        UnknownComponentException(String message) {
            super(message);
        }
    }

    void down() {
        var launcher = registry.find("launcher");
        if (launcher.isPresent()) {
            Console.info("Stopping the stack (launcher pid " + launcher.get().pid() + ")...");
            launcher.get().destroy();
            launcher.get().onExit().orTimeout(150, java.util.concurrent.TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        List<String> stopped = registry.stopAll(STOP_GRACE);
        stopPostmasterIfRunning();
        if (launcher.isEmpty() && stopped.isEmpty()) {
            Console.info("Nothing is running.");
        } else {
            Console.info("Stopped." + (stopped.isEmpty() ? "" : " Also stopped: " + String.join(", ", stopped)));
        }
    }

    /** While a launcher runs, every component is listed: one that is not running is stopped or being restarted. */
    void status() {
        List<String> names = new ArrayList<>(registry.names());
        if (names.isEmpty()) {
            Console.info("Nothing is running.");
            return;
        }
        if (names.contains("launcher")) {
            components.names().stream().filter(name -> !names.contains(name)).forEach(names::add);
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
