package dev.shop.stack;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * While components are starting, says every {@code interval} which ones are still at it, so that a slow first
 * start (Keycloak builds itself, the JVMs compile) never looks like a hang.
 */
final class StartProgress implements AutoCloseable {

    private final Set<String> starting = new ConcurrentSkipListSet<>();
    private final Thread reporter;

    StartProgress(Duration interval) {
        reporter = Thread.ofPlatform().daemon().name("start-progress").start(() -> report(interval));
    }

    void started(String component) {
        starting.add(component);
    }

    void finished(String component) {
        starting.remove(component);
    }

    static String line(Set<String> components) {
        return "still starting: " + String.join(", ", components);
    }

    private void report(Duration interval) {
        while (true) {
            try {
                Thread.sleep(interval);
            } catch (InterruptedException closed) {
                return;
            }
            if (!starting.isEmpty()) {
                Console.step("stack", line(starting));
            }
        }
    }

    @Override
    public void close() {
        reporter.interrupt();
    }
}
