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
    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(15);

    private final StackSettings settings;
    private final StackPlan plan;
    private final StackComponents components;
    private final ProcessRegistry registry;
    private final ControlRequests requests;
    private final Supervisor supervisor;
    private final LeftOut leftOut;
    private volatile boolean stopping;
    private StartProgress progress;

    public LocalStack(StackSettings settings) {
        this.settings = settings;
        this.plan = new StackPlan(settings);
        this.components = new StackComponents(settings);
        this.registry = new ProcessRegistry(settings.runDir());
        this.requests = new ControlRequests(settings.runDir());
        this.supervisor = new Supervisor(registry, requests, STOP_GRACE);
        this.leftOut = new LeftOut(settings.runDir());
    }

    public static void main(String[] args) {
        String command = args.length == 0 ? "up" : args[0];
        try {
            LocalStack stack = new LocalStack(StackSettings.fromEnvironment());
            switch (command) {
                case "up" -> stack.up(UpOptions.parse(List.of(args).subList(1, args.length)));
                case "down" -> stack.down();
                case "status" -> stack.status();
                case "restart" -> stack.control(ControlRequests.Action.RESTART, args.length > 1 ? args[1] : "");
                case "stop" -> stack.control(ControlRequests.Action.STOP, args.length > 1 ? args[1] : "");
                default -> throw new UsageException("unknown command: " + command + " (./shop help lists them)");
            }
        } catch (UsageException e) {
            Console.error(e.getMessage());
            System.exit(2);
        } catch (StackException e) {
            Console.error(System.lineSeparator() + "FAILED: " + e.getMessage());
            System.exit(1);
        }
    }

    void up(UpOptions options) {
        options.requireApplications(components);
        Instant begin = Instant.now();
        registry.find("launcher").ifPresent(running -> {
            throw new StackException("the stack is already running (launcher pid " + running.pid()
                    + "). Stop it with ./shop down, or press Ctrl-C in its terminal.");
        });
        List<String> leftovers = registry.stopAll(STOP_GRACE);
        if (!leftovers.isEmpty()) {
            Console.step("stack", "stopped processes left over by a previous run: " + String.join(", ", leftovers));
        }
        if (options.reset()) {
            resetData();
        }
        List<String> without = options.without();
        requirePortsFree(without);
        plan.applications().stream().filter(app -> !without.contains(app.name())).forEach(app -> {
            if (!java.nio.file.Files.isRegularFile(app.runnerJar(settings.repoDir()))) {
                throw new StackException(app.name() + " is not built: run ./shop up (it builds), or ./mvnw install -DskipTests");
            }
        });

        requests.clear();
        registry.register("launcher", ProcessHandle.current());
        leftOut.record(without);
        // Ctrl-C and ./shop down end this JVM; the hook stops every child (./shop makes sure SIGINT is not ignored).
        Runtime.getRuntime().addShutdownHook(new Thread(this::stopEverything, "stack-shutdown"));
        Console.step("stack", "data in " + settings.dataDir() + ", logs in " + settings.logs());
        if (!without.isEmpty()) {
            Console.step("stack", "left out (--without): " + String.join(", ", without));
        }

        List<Component> applications = components.applications().stream()
                .filter(application -> !without.contains(application.name())).toList();
        try (StartProgress startProgress = new StartProgress(PROGRESS_INTERVAL)) {
            progress = startProgress;
            List<CompletableFuture<Void>> sideServers = components.sideServers().stream().map(this::startAsync).toList();
            await(components.servers().stream().map(this::startAsync).toList());
            await(applications.stream().map(this::startAsync).toList());
            await(sideServers);
        }

        components.all().stream().filter(component -> !without.contains(component.name()))
                .forEach(supervisor::supervise);
        new ReadyBanner(settings).lines(Duration.between(begin, Instant.now()), without).forEach(Console::info);
        Console.info("SHOP READY");
        waitUntilStopped();
    }

    private CompletableFuture<Void> startAsync(Component component) {
        return async(() -> {
            Instant begin = Instant.now();
            progress.started(component.name());
            try {
                startTryingTwice(component);
            } finally {
                progress.finished(component.name());
            }
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
        leftOut.clear();
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
            throw new UsageException((component.isEmpty() ? "name a component" : "no component " + component)
                    + ". The components are: " + String.join(" ", names));
        }
        ProcessHandle launcher = registry.find("launcher").orElseThrow(() -> new StackException(
                "the stack is not running, so there is nothing to " + action.name().toLowerCase(java.util.Locale.ROOT)
                        + ". Start it with ./shop up"));
        if (leftOut.contains(component)) {
            throw new StackException(component + " is left out of this stack (./shop up --without " + component
                    + "): it runs where you started it, e.g. " + DevModeCommand.of(plan.application(component),
                    settings.repoDir()));
        }
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

    void down() {
        var launcher = registry.find("launcher");
        if (launcher.isPresent()) {
            Console.info("Stopping the stack (launcher pid " + launcher.get().pid() + ")...");
            launcher.get().destroy();
            launcher.get().onExit().orTimeout(150, java.util.concurrent.TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
        List<String> stopped = registry.stopAll(STOP_GRACE);
        stopPostmasterIfRunning();
        leftOut.clear();
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
        boolean launcherRuns = names.contains("launcher");
        if (launcherRuns) {
            components.names().stream().filter(name -> !names.contains(name)).forEach(names::add);
        }
        List<String> without = launcherRuns ? leftOut.names() : List.of();
        for (String name : names) {
            String state = registry.find(name).map(p -> "running (pid " + p.pid() + ")")
                    .orElse(without.contains(name) ? "left out (--without)" : "not running");
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

    /** An application left out may already run in the developer's terminal: its port is not checked. */
    private void requirePortsFree(List<String> without) {
        StackSettings.PORTS.forEach((owner, port) -> {
            if (!without.contains(owner)) {
                Ports.requireFree(settings.port(port), owner);
            }
        });
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
