package dev.shop.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The README's start command, end to end: the launcher is run as its own process, exactly like ./shop up,
 * with every port shifted by {@value #OFFSET} so that a stack a developer is running is not disturbed.
 * The tests form one story (start, use, crash, restart, stop) and run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackEndToEndTest {

    static final int OFFSET = 10000;
    static final Path REPO = Path.of("../..").toAbsolutePath().normalize();
    static final Path DATA = Path.of("target/stack-data").toAbsolutePath();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final List<Integer> APP_PORTS = List.of(8080, 8081, 8082, 8083, 8084, 8085);

    static Launcher running;

    @Test
    @Order(1)
    void aTakenPortFailsTheStartAtOnceNamingThePort() throws Exception {
        int gatewayPort = StackSettings.GATEWAY + OFFSET;
        try (ServerSocket squatter = new ServerSocket(gatewayPort, 1, InetAddress.getLoopbackAddress())) {
            Launcher launcher = Launcher.start();

            assertTrue(launcher.process.waitFor(60, TimeUnit.SECONDS), "the launcher should give up at once");
            assertEquals(1, launcher.process.exitValue());
            assertTrue(launcher.output().contains("Port " + gatewayPort + " (gateway) is already in use"),
                    launcher.output());
        }
    }

    @Test
    @Order(2)
    void upBringsEveryServiceToReady() throws Exception {
        deleteRecursively(DATA);
        running = Launcher.start();
        running.awaitReady(Duration.ofMinutes(10));

        for (int port : APP_PORTS) {
            HttpResponse<String> health = get("http://127.0.0.1:" + (port + OFFSET) + "/q/health/ready");
            assertEquals(200, health.statusCode(), "port " + (port + OFFSET) + ": " + health.body());
            assertTrue(health.body().contains("\"UP\""), health.body());
        }
    }

    @Test
    @Order(3)
    void aliceGetsATokenForTheShopApiFromShopCli() throws Exception {
        String issuer = "http://localhost:" + (StackSettings.KEYCLOAK + OFFSET) + "/realms/shop";
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=password&client_id=shop-cli&username=alice&password=alice"))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertEquals(200, response.statusCode(), response.body());
        String token = response.body().replaceAll(".*\"access_token\"\\s*:\\s*\"([^\"]+)\".*", "$1");
        String claims = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertTrue(claims.contains("\"iss\":\"" + issuer + "\""), claims);
        assertTrue(claims.contains("shop-api"), claims);
        assertTrue(claims.contains("\"customer\""), claims);
    }

    @Test
    @Order(4)
    void aRunKilledWithKill9IsCleanedUpByTheNextStart() throws Exception {
        running.process.toHandle().destroyForcibly();
        running.process.waitFor(30, TimeUnit.SECONDS);
        assertTrue(isListening(StackSettings.GATEWAY + OFFSET), "children outlive a kill -9 of the launcher");

        running = Launcher.start();
        running.awaitReady(Duration.ofMinutes(6));

        assertTrue(running.output().contains("left over by a previous run"), running.output());
        assertEquals(200, get("http://127.0.0.1:" + (StackSettings.GATEWAY + OFFSET) + "/q/health/ready").statusCode());
    }

    @Test
    @Order(5)
    void ctrlCStopsEveryProcessAndFreesEveryPort() throws Exception {
        List<ProcessHandle> children = running.process.toHandle().descendants().toList();
        assertFalse(children.isEmpty());

        new ProcessBuilder("kill", "-INT", String.valueOf(running.process.pid())).inheritIO().start().waitFor();

        assertTrue(running.process.waitFor(120, TimeUnit.SECONDS), "the launcher should stop after Ctrl-C");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (children.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertTrue(children.stream().noneMatch(ProcessHandle::isAlive), "no orphan process");
        assertFalse(Files.exists(DATA.resolve("postgres/data/postmaster.pid")), "PostgreSQL stopped cleanly");
        for (int port : allPorts()) {
            assertFalse(isListening(port + OFFSET), "port " + (port + OFFSET) + " still listening");
        }
        running = null;
    }

    @AfterAll
    static void stopWhateverIsLeft() {
        if (running != null) {
            running.process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            running.process.destroyForcibly();
        }
    }

    static List<Integer> allPorts() {
        List<Integer> ports = new ArrayList<>(APP_PORTS);
        ports.addAll(List.of(StackSettings.KEYCLOAK, StackSettings.KEYCLOAK_MANAGEMENT, StackSettings.POSTGRES,
                StackSettings.KAFKA, StackSettings.KAFKA_CONTROLLER, StackSettings.REDIS, StackSettings.ZIPKIN));
        return ports;
    }

    static boolean isListening(int port) {
        return Ports.isListening(port);
    }

    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static void deleteRecursively(Path dir) throws IOException {
        KeycloakServer.deleteRecursively(dir);
    }

    /** The launcher as its own process, with its output collected (and echoed, so CI logs show the progress). */
    static final class Launcher {

        final Process process;
        private final StringBuffer output = new StringBuffer();

        private Launcher(Process process) {
            this.process = process;
            Thread.ofPlatform().daemon().start(() -> {
                try (BufferedReader reader = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = reader.readLine()) != null) {
                        System.out.println("[stack] " + line);
                        output.append(line).append('\n');
                    }
                } catch (IOException ignored) {
                    // process ended
                }
            });
        }

        static Launcher start() throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            ProcessBuilder builder = new ProcessBuilder(java, "-Xmx128m", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"), LocalStack.class.getName(), "up")
                    .redirectErrorStream(true);
            builder.environment().put("SHOP_REPO_DIR", REPO.toString());
            builder.environment().put("SHOP_DATA_DIR", DATA.toString());
            builder.environment().put("SHOP_PORT_OFFSET", String.valueOf(OFFSET));
            return new Launcher(builder.start());
        }

        void awaitReady(Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!output().contains("SHOP READY")) {
                if (!process.isAlive()) {
                    throw new AssertionError("the stack did not start:\n" + output());
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("not ready after " + timeout + ":\n" + output());
                }
                Thread.sleep(500);
            }
        }

        String output() {
            return output.toString();
        }
    }
}
