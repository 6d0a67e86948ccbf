package dev.shop.stack.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import dev.shop.stack.ControlRequests;
import dev.shop.stack.Ports;
import dev.shop.stack.ProcessRegistry;
import dev.shop.stack.StackSettings;

/**
 * Injects faults into a running stack the way an operator's bad day would: SIGKILL to a component's process tree, or
 * {@code ./shop stop} then {@code ./shop restart} after an outage. It measures how long the component took to serve
 * again: for an application until its readiness check answers 200, for a server until its port listens.
 */
final class FaultInjector {

    private static final Duration RECOVERY_LIMIT = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private static final Set<String> APPLICATIONS = Set.of("psp-simulator", "user-service", "order-service",
            "payment-service", "inventory-service", "gateway");

    private final StackSettings settings;
    private final ProcessRegistry registry;
    private final ControlRequests requests;

    FaultInjector(StackSettings settings) {
        this.settings = settings;
        this.registry = new ProcessRegistry(settings.runDir());
        this.requests = new ControlRequests(settings.runDir());
    }

    /** Injects the fault and returns how long the component took to serve again after it could. */
    Duration inject(Fault fault) throws InterruptedException {
        String component = fault.component();
        settings.portOf(component); // refuses a name the stack does not have
        if (fault.isKill()) {
            ProcessHandle victim = registry.find(component)
                    .orElseThrow(() -> new IllegalStateException(component + " is not running"));
            victim.descendants().forEach(ProcessHandle::destroyForcibly);
            victim.destroyForcibly();
            Instant killed = Instant.now();
            awaitUntil(() -> registry.find(component).filter(p -> p.pid() != victim.pid()).isPresent()
                    && serves(component), fault);
            return Duration.between(killed, Instant.now());
        }
        control(component, ControlRequests.Action.STOP);
        Thread.sleep(fault.outage());
        Instant restarted = Instant.now();
        control(component, ControlRequests.Action.RESTART);
        awaitUntil(() -> serves(component), fault);
        return Duration.between(restarted, Instant.now());
    }

    private void control(String component, ControlRequests.Action action) {
        ProcessHandle launcher = registry.find("launcher")
                .orElseThrow(() -> new IllegalStateException("no stack launcher is running"));
        String id = requests.submit(component, action);
        ControlRequests.Outcome outcome = requests.awaitOutcome(component, id, RECOVERY_LIMIT, launcher::isAlive);
        if (!outcome.done()) {
            throw new IllegalStateException(action + " " + component + " failed: " + outcome.detail());
        }
    }

    private boolean serves(String component) {
        int port = settings.portOf(component);
        if (!APPLICATIONS.contains(component)) {
            return Ports.isListening(port);
        }
        try {
            HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(2)).build();
            return HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private interface Condition {
        boolean holds();
    }

    private static void awaitUntil(Condition condition, Fault fault) throws InterruptedException {
        long deadline = System.nanoTime() + RECOVERY_LIMIT.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not serving again " + RECOVERY_LIMIT.toMinutes()
                        + " minutes after " + fault);
            }
            Thread.sleep(250);
        }
    }
}
