package dev.shop.stack;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.shop.stack.ControlRequests.Request;

/**
 * Keeps the components of `./shop up` running. One watcher thread per component notices when its process dies,
 * says so with the last lines of its log, and starts it again with the same command line, ports and folders after
 * a backoff ({@link RestartBackoff}); it also acts on `./shop restart` and `./shop stop` ({@link ControlRequests}).
 * Every process it starts gets its pid file, so `./shop down` and `./shop status` see the current one.
 */
public final class Supervisor {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(30);

    private final ProcessRegistry registry;
    private final ControlRequests requests;
    private final Duration stopGrace;
    private final Map<String, ManagedProcess> running = new ConcurrentHashMap<>();
    private final List<Thread> watchers = new CopyOnWriteArrayList<>();
    private volatile boolean shuttingDown;

    public Supervisor(ProcessRegistry registry, ControlRequests requests, Duration stopGrace) {
        this.registry = registry;
        this.requests = requests;
        this.stopGrace = stopGrace;
    }

    /** The first start, before the component is supervised: a failure is the caller's to report. */
    public ManagedProcess start(Component component) {
        return component.start(process -> track(component.name(), process));
    }

    /** From now on the component is started again when it dies, and restarted or stopped on request. */
    public void supervise(Component component) {
        Watcher watcher = new Watcher(component);
        watchers.add(Thread.ofPlatform().daemon().name("supervise-" + component.name()).start(watcher::run));
    }

    /** Ends supervision (a process that dies from now on stays dead) and waits for restarts under way to give up. */
    public void shutdown() {
        shuttingDown = true;
        watchers.forEach(Thread::interrupt);
        long deadline = System.nanoTime() + SHUTDOWN_WAIT.toNanos();
        for (Thread watcher : watchers) {
            try {
                watcher.join(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    public Optional<ManagedProcess> process(String component) {
        return Optional.ofNullable(running.get(component));
    }

    public boolean isEmpty() {
        return running.isEmpty();
    }

    /** Stops these components' current processes, in parallel, and waits for all of them. */
    public void stop(List<Component> components) {
        Parallel.runAll(components.stream().<Runnable>map(component -> () -> stopCurrent(component)).toList());
    }

    private void track(String component, ManagedProcess process) {
        running.put(component, process);
        registry.register(component, process.handle());
    }

    private void stopCurrent(Component component) {
        ManagedProcess process = running.remove(component.name());
        if (process != null) {
            component.stop(process, stopGrace);
        }
        registry.unregister(component.name());
    }

    private static String secondsSince(Instant begin) {
        return Duration.between(begin, Instant.now()).toMillis() / 100 / 10.0 + " s";
    }

    /** Watches one component; every start, stop and restart of that component happens on this thread. */
    private final class Watcher {

        private final Component component;
        private final String name;
        private final RestartBackoff backoff = new RestartBackoff();
        /** False after `./shop stop`, until `./shop restart`. */
        private boolean wanted = true;
        private Instant downSince;

        Watcher(Component component) {
            this.component = component;
            this.name = component.name();
        }

        void run() {
            backoff.ready(Instant.now());
            while (!shuttingDown) {
                try {
                    watchOnce();
                } catch (RuntimeException unexpected) {
                    // e.g. a pid or request file that cannot be written: say so, and keep supervising
                    Console.step(name, "supervisor: " + unexpected);
                    pause(POLL);
                }
            }
        }

        private void watchOnce() {
            Optional<Request> request = requests.take(name);
            ManagedProcess process = running.get(name);
            if (request.isPresent()) {
                act(request.get());
            } else if (process != null && !process.isAlive()) {
                reportDeath(process);
            } else if (wanted && process == null) {
                restartAfterBackoff();
            } else {
                pause(POLL);
            }
        }

        private void reportDeath(ManagedProcess process) {
            downSince = Instant.now();
            running.remove(name, process);
            registry.unregister(name);
            String status = process.exitStatus();
            Console.step(name, "DIED" + (status.isEmpty() ? "" : " (" + status + ")") + ". Last lines of "
                    + process.logFile() + ":" + System.lineSeparator() + process.tail(15));
        }

        private void restartAfterBackoff() {
            Duration delay = backoff.delayAfterFailure(Instant.now());
            Console.step(name, "starting it again in " + delay.toSeconds() + " s");
            if (waitUnlessAsked(delay)) {
                startAgain(Optional.empty());
            }
        }

        private void act(Request request) {
            Instant begin = Instant.now();
            switch (request.action()) {
                case STOP -> {
                    Console.step(name, "stopping (./shop stop)");
                    stop();
                    wanted = false;
                    Console.step(name, "stopped in " + secondsSince(begin) + "; ./shop restart " + name
                            + " starts it again");
                    requests.answer(name, request, true, "stopped in " + secondsSince(begin));
                }
                case RESTART -> {
                    Console.step(name, "restarting (./shop restart)");
                    stop();
                    wanted = true;
                    startAgain(Optional.of(request));
                }
            }
        }

        private void stop() {
            if (downSince == null) {
                downSince = Instant.now();
            }
            stopCurrent(component);
        }

        private void startAgain(Optional<Request> answering) {
            Instant begin = Instant.now();
            try {
                start(component);
                backoff.ready(Instant.now());
                String down = downSince == null ? "" : "down for " + secondsSince(downSince);
                downSince = null;
                Console.step(name, "ready again in " + secondsSince(begin) + (down.isEmpty() ? "" : " (" + down + ")"));
                answering.ifPresent(request -> requests.answer(name, request, true, down));
            } catch (RuntimeException failed) {
                if (shuttingDown) {
                    return;
                }
                String log = process(name).map(process -> " (log: " + process.logFile() + ")").orElse("");
                stopCurrent(component);
                Console.step(name, "did not start: " + failed.getMessage());
                answering.ifPresent(request -> requests.answer(name, request, false,
                        firstLine(failed.getMessage()) + log));
            }
        }

        /** Sleeps, but gives up (false) as soon as a request arrives or the stack stops. */
        private boolean waitUnlessAsked(Duration delay) {
            long deadline = System.nanoTime() + delay.toNanos();
            while (System.nanoTime() < deadline) {
                if (shuttingDown || requests.pending(name)) {
                    return false;
                }
                pause(Duration.ofMillis(100));
            }
            return !shuttingDown;
        }

        private static void pause(Duration duration) {
            try {
                Thread.sleep(duration);
            } catch (InterruptedException stopping) {
                // shutdown() interrupts; the loop checks shuttingDown
            }
        }

        private static String firstLine(String message) {
            return message == null ? "" : message.lines().findFirst().orElse("");
        }
    }
}
