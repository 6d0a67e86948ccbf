package dev.shop.stack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waits until a server answers its readiness check, failing fast (with its log) if the process dies. */
public final class Readiness {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private Readiness() {
    }

    public static void awaitHttpOk(ManagedProcess process, String url, Duration timeout) {
        await(process, "GET " + url + " answering 200", timeout, () -> httpOk(url));
    }

    public static void awaitFile(ManagedProcess process, Path file, Duration timeout) {
        await(process, file + " to appear", timeout, () -> Files.exists(file));
    }

    public static void awaitPort(ManagedProcess process, int port, Duration timeout) {
        await(process, "port " + port + " to listen", timeout, () -> Ports.isListening(port));
    }

    public static boolean httpOk(String url) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception notYet) {
            return false;
        }
    }

    private static void await(ManagedProcess process, String what, Duration timeout, BooleanSupplier ready) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!ready.getAsBoolean()) {
            if (!process.isAlive()) {
                throw new ComponentFailedException(process, "exited before it was ready (waited for " + what + ")");
            }
            if (System.nanoTime() > deadline) {
                throw new ComponentFailedException(process, "not ready after " + timeout.toSeconds()
                        + " s (waited for " + what + ")");
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StackException("interrupted while waiting for " + process.name());
            }
        }
    }

    /** Names the component and carries the tail of its log, so a failed start is diagnosable at a glance. */
    public static final class ComponentFailedException extends StackException {

        public ComponentFailedException(ManagedProcess process, String problem) {
            super(process.name() + " " + problem + System.lineSeparator()
                    + "---- last lines of " + process.logFile() + " ----" + System.lineSeparator()
                    + process.tail(40) + hint(process.tail(40)));
        }

        private static String hint(String tail) {
            return tail.contains("FlywayValidateException") ? System.lineSeparator() + System.lineSeparator()
                    + "Hint: this database was migrated by an older version of the schema. Start over with"
                    + " ./shop up --reset (deletes the local data in .data), or migrate it by hand." : "";
        }
    }
}
