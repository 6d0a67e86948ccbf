package dev.shop.stack;

import static dev.shop.stack.JsonIds.firstId;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import dev.shop.stack.chaos.ChaosReport;
import dev.shop.stack.chaos.ChaosRun;
import dev.shop.stack.chaos.Fault;
import dev.shop.stack.fuzz.FuzzReport;
import dev.shop.stack.fuzz.GatewayFuzz;
import dev.shop.stack.labs.Lab;
import dev.shop.stack.labs.Labs;
import dev.shop.stack.labs.RunningShop;
import dev.shop.stack.testing.Await;
import dev.shop.stack.testing.Tokens;

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
        String token = passwordGrant("alice", "alice");
        String claims = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertTrue(claims.contains("\"iss\":\"" + issuer + "\""), claims);
        assertTrue(claims.contains("shop-api"), claims);
        assertTrue(claims.contains("\"customer\""), claims);
    }

    /** What Swagger UI at the gateway does when a user clicks "Authorize": authorization code + PKCE via shop-web. */
    @Test
    @Order(4)
    void swaggerUiLoginWithPkceGivesATokenTheGatewayAccepts() throws Exception {
        String gateway = "http://localhost:" + (StackSettings.GATEWAY + OFFSET);
        String issuer = "http://localhost:" + (StackSettings.KEYCLOAK + OFFSET) + "/realms/shop";
        String redirect = gateway + "/q/swagger-ui/oauth2-redirect.html";
        String verifier = Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.UUID.randomUUID().toString()
                .repeat(2).getBytes(StandardCharsets.US_ASCII));
        String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
                java.security.MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        HttpResponse<String> authorize = HTTP.send(HttpRequest.newBuilder(URI.create(issuer
                + "/protocol/openid-connect/auth?client_id=shop-web&response_type=code&scope=openid&state=s1"
                + "&code_challenge_method=S256&code_challenge=" + challenge + "&redirect_uri=" + encode(redirect)))
                .build(), HttpResponse.BodyHandlers.ofString());
        // Sent back by hand, like a browser on localhost: Java's cookie store will not send Secure cookies over http.
        String cookies = String.join("; ", authorize.headers().allValues("Set-Cookie").stream()
                .map(cookie -> cookie.substring(0, cookie.indexOf(';') < 0 ? cookie.length() : cookie.indexOf(';')))
                .toList());
        String loginPage = authorize.body();
        int form = loginPage.indexOf("action=\"");
        assertTrue(form >= 0, "Keycloak should show its login form:\n" + loginPage);
        String action = loginPage.substring(form + 8, loginPage.indexOf('"', form + 8)).replace("&amp;", "&");
        HttpResponse<String> login = HTTP.send(HttpRequest.newBuilder(URI.create(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", cookies)
                .POST(HttpRequest.BodyPublishers.ofString("username=alice&password=alice")).build(),
                HttpResponse.BodyHandlers.ofString());
        String location = login.headers().firstValue("Location").orElseThrow(() -> new AssertionError(login.body()));
        assertTrue(location.startsWith(redirect), location);
        String code = location.replaceAll(".*[?&]code=([^&]+).*", "$1");

        HttpResponse<String> token = HTTP.send(HttpRequest.newBuilder(URI.create(issuer + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Origin", gateway)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&client_id=shop-web&code=" + code
                        + "&code_verifier=" + verifier + "&redirect_uri=" + encode(redirect))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, token.statusCode(), token.body());
        assertEquals(gateway, token.headers().firstValue("Access-Control-Allow-Origin").orElse(null),
                "Swagger UI runs in the browser: Keycloak must allow the gateway's origin");
        String accessToken = token.body().replaceAll(".*\"access_token\"\\s*:\\s*\"([^\"]+)\".*", "$1");

        HttpResponse<String> me = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/users/me"))
                .header("Authorization", "Bearer " + accessToken).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, me.statusCode(), me.body());
        assertTrue(me.body().contains("\"username\":\"alice\""), me.body());
    }

    /**
     * docs/design.md section 10: one order's saga is one trace, from the gateway's POST through Kafka to the last
     * consumer, read back from the trace UI's API; the saga's metrics exist afterwards; log lines are JSON and
     * carry the trace id.
     */
    @Test
    @Order(5)
    void oneOrderIsOneTraceFromTheGatewayThroughEveryService() throws Exception {
        String gateway = "http://127.0.0.1:" + (StackSettings.GATEWAY + OFFSET);
        String token = passwordGrant("alice", "alice");
        String productId = firstId(get(gateway + "/api/v1/products?limit=1").body());
        String traceId = HexFormat.of().formatHex(ByteBuffer.allocate(16)
                .putLong(System.nanoTime()).putLong(ThreadLocalRandom.current().nextLong()).array());

        HttpResponse<String> placed = placeOrder(token, productId, "traceparent", "00-" + traceId + "-00f067aa0ba902b7-01");
        assertEquals(201, placed.statusCode(), placed.body());
        awaitConfirmed(token, firstId(placed.body()));

        String trace = "http://127.0.0.1:" + (StackSettings.ZIPKIN + OFFSET) + "/api/v2/trace/" + traceId;
        List<String> services = List.of("gateway", "order-service", "inventory-service", "payment-service");
        Await.until(Duration.ofSeconds(60), () -> {
            String spans = bodyOf(HttpRequest.newBuilder(URI.create(trace)).build());
            return services.stream().allMatch(service -> spans.contains("\"serviceName\":\"" + service + "\""))
                    && spans.contains("consume shop.order.confirmed.v1");
        }, () -> "spans of " + services + " up to the consumers of OrderConfirmed in trace " + trace);

        String metrics = get("http://127.0.0.1:" + (StackSettings.ORDER_SERVICE + OFFSET) + "/q/metrics").body();
        for (String name : List.of("shop_orders_finished_total{", "shop_saga_duration_seconds_bucket{",
                "shop_outbox_backlog{", "shop_outbox_publish_latency_seconds_bucket{",
                "http_server_requests_seconds_bucket{", "kafka_consumer_fetch_manager_records_lag_max{",
                "agroal_active_count{", "ft_invocations_total{", "jvm_memory_used_bytes{")) {
            assertTrue(metrics.contains(name), "order-service /q/metrics lacks " + name);
        }
        String traced = Files.readAllLines(DATA.resolve("logs/order-service.log")).stream()
                .filter(line -> line.contains(traceId)).findFirst()
                .orElseThrow(() -> new AssertionError("no order-service log line carries trace " + traceId));
        assertTrue(traced.startsWith("{") && traced.contains("\"traceId\":\"" + traceId + "\""), traced);
    }

    /**
     * The CI smoke: the mixed Gatling suite (reads and checkouts by many customers) for 20 s (after a 5 s ramp) at a low rate
     * through the gateway, exactly as a user runs it (load-tests/run.sh), then the saga invariants. Any failed
     * request or violated invariant fails the build; latency is not asserted on a box busy with the build.
     */
    @Test
    @Order(6)
    void aShortMixedLoadRunHasNoErrorsAndLeavesTheInvariantsIntact() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("bash", "load-tests/run.sh", "mixed", "-Drate=20", "-Dwarmup=5",
                "-Dduration=20", "-Dcustomers=20", "-Dsmoke=true")
                .directory(REPO.toFile())
                .redirectErrorStream(true);
        builder.environment().put("SHOP_PORT_OFFSET", String.valueOf(OFFSET));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process load = builder.start();
        StringBuilder output = new StringBuilder();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(load.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                System.out.println("[load] " + line);
                output.append(line).append('\n');
            }
        }
        assertTrue(load.waitFor(5, TimeUnit.MINUTES), "the smoke run did not end");
        assertEquals(0, load.exitValue(), "the smoke run failed:\n" + output);
        assertTrue(output.toString().contains("invariants hold"), output.toString());
    }

    /**
     * docs/design.md section 4, "never a 500 for bad input": a few thousand mutated requests to every public endpoint
     * through the gateway (the fuzz suite of dev.shop.stack.fuzz; the long run is load-tests/run.sh fuzz). Each
     * build draws a new seed, printed with any failure so that it can be replayed with -Dfuzz.seed.
     */
    @Test
    @Order(7)
    void fuzzedRequestsGetNoServerErrorAndOnlyProblemJsonErrors() throws Exception {
        FuzzReport report = GatewayFuzz.run("http://127.0.0.1:" + (StackSettings.GATEWAY + OFFSET),
                "http://localhost:" + (StackSettings.KEYCLOAK + OFFSET) + "/realms/shop",
                Long.getLong("fuzz.requests", 4000), Integer.getInteger("fuzz.concurrency", 8),
                Long.getLong("fuzz.seed", System.nanoTime()), Duration.ofSeconds(10), System.out);
        assertTrue(report.clean(), report.table());
    }

    /**
     * docs/labs: each lab's reference solution (solutions/N/solve.sh, curl and ./shop) run against this stack, then
     * {@code ./shop lab check N}'s expectations, which must all be met: a lab whose steps or check no longer match the
     * shop fails here.
     */
    @Test
    @Order(8)
    void everyLabsReferenceSolutionPassesItsCheck() throws Exception {
        RunningShop shop = new RunningShop(new StackSettings(REPO, DATA, OFFSET, Path.of(System.getProperty("java.home"))));
        for (Lab lab : Labs.ALL) {
            ProcessBuilder solve = new ProcessBuilder("bash", "docs/labs/solutions/" + lab.number() + "/solve.sh")
                    .directory(REPO.toFile()).redirectErrorStream(true);
            solve.environment().put("SHOP_PORT_OFFSET", String.valueOf(OFFSET));
            solve.environment().put("SHOP_DATA_DIR", DATA.toString());
            Process process = solve.start();
            String output = new String(process.getInputStream().readAllBytes());
            assertTrue(process.waitFor(6, TimeUnit.MINUTES), "lab " + lab.number() + "'s solution did not end");
            System.out.println(output);
            assertEquals(0, process.exitValue(), "lab " + lab.number() + "'s solution failed:\n" + output);

            ByteArrayOutputStream report = new ByteArrayOutputStream();
            boolean done = Labs.check(lab, shop, new PrintStream(report, true));
            System.out.println(report);
            assertTrue(done, report.toString());
        }
    }

    /** The launcher supervises what it started: a service that dies is started again, with the same port and data. */
    @Test
    @Order(9)
    void aServiceKilledWithKill9ComesBackHealthyByItself() throws Exception {
        ProcessRegistry registry = new ProcessRegistry(DATA.resolve("run"));
        ProcessHandle killed = registry.find("payment-service").orElseThrow();
        int printedBefore = running.output().length(); // an earlier step (lab 3) restarted payment-service too

        killed.destroyForcibly();

        Await.until(Duration.ofSeconds(120), () -> running.output().substring(printedBefore).lines()
                .anyMatch(line -> line.contains("payment-service") && line.contains("ready again in")),
                () -> "payment-service ready again:\n" + running.output());
        assertTrue(running.output().substring(printedBefore).lines().anyMatch(line -> line.contains("payment-service")
                && line.contains("DIED (exit code 137 (signal 9))")), running.output());
        assertNotEquals(killed.pid(), registry.find("payment-service").orElseThrow().pid());
        assertEquals(200, get("http://127.0.0.1:" + (StackSettings.PAYMENT_SERVICE + OFFSET) + "/q/health/ready")
                .statusCode());
    }

    /**
     * The short chaos run: orders keep coming from clients that retry with their key while every service, Kafka,
     * Redis, the gateway and the psp-simulator are killed with SIGKILL one after another and PostgreSQL is down for
     * 15 s. Nothing may be lost (the long run: {@code load-tests/run.sh chaos}).
     */
    @Test
    @Order(10)
    void ordersSurviveComponentsKilledOneAfterAnother() throws Exception {
        List<Fault> faults = List.of(Fault.kill("order-service"), Fault.kill("kafka"), Fault.kill("inventory-service"),
                Fault.kill("redis"), Fault.kill("payment-service"), Fault.kill("gateway"), Fault.kill("psp-simulator"),
                Fault.outage("postgres", Duration.ofSeconds(15)));
        ChaosReport report = ChaosRun.run(new ChaosRun.Plan("http://127.0.0.1:" + (StackSettings.GATEWAY + OFFSET),
                "http://localhost:" + (StackSettings.KEYCLOAK + OFFSET) + "/realms/shop",
                new StackSettings(REPO, DATA, OFFSET, Path.of(System.getProperty("java.home"))), 3,
                List.of("customer-0981", "customer-0982", "customer-0983"), faults, Duration.ofSeconds(5),
                Duration.ofMinutes(4)), System.out);

        System.out.println(report.table());
        assertTrue(report.clean(), report.table());
    }

    /** `./shop restart postgres` while the stack runs: the services reconnect and an order goes through the saga. */
    @Test
    @Order(11)
    void afterPostgresIsRestartedTheServicesServeAgain() throws Exception {
        Launcher restart = Launcher.start("restart", "postgres");

        assertTrue(restart.process.waitFor(3, TimeUnit.MINUTES), "./shop restart postgres did not end");
        assertEquals(0, restart.process.exitValue(), restart.output());
        Await.until(Duration.ofSeconds(5), () -> restart.output().contains("postgres restarted and ready in"),
                restart::output);

        for (int port : APP_PORTS) {
            String ready = "http://127.0.0.1:" + (port + OFFSET) + "/q/health/ready";
            Await.until(Duration.ofSeconds(60), () -> statusOf(ready) == 200, () -> ready + " ready again");
        }
        String token = passwordGrant("alice", "alice");
        String productId = firstId(get("http://127.0.0.1:" + (StackSettings.GATEWAY + OFFSET)
                + "/api/v1/products?limit=1").body());
        HttpResponse<String> placed = placeOrder(token, productId);
        assertEquals(201, placed.statusCode(), placed.body());
        awaitConfirmed(token, firstId(placed.body()));
    }

    @Test
    @Order(12)
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
    @Order(13)
    void ctrlCStopsEveryProcessAndFreesEveryPort() throws Exception {
        List<ProcessHandle> children = running.process.toHandle().descendants().toList();
        assertFalse(children.isEmpty());

        new ProcessBuilder("kill", "-INT", String.valueOf(running.process.pid())).inheritIO().start().waitFor();

        assertTrue(running.process.waitFor(120, TimeUnit.SECONDS),
                () -> "the launcher should stop after Ctrl-C; its threads:\n" + threadDump(running.process.pid()));
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

    /** What a launcher that does not stop is doing, for the failure message. */
    static String threadDump(long pid) {
        String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
        try {
            Process dump = new ProcessBuilder(jcmd, String.valueOf(pid), "Thread.print").redirectErrorStream(true).start();
            String threads = new String(dump.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            dump.waitFor(30, TimeUnit.SECONDS);
            return threads;
        } catch (IOException e) {
            return "(no thread dump: " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(no thread dump: interrupted)";
        }
    }

    static String passwordGrant(String username, String password) {
        return Tokens.passwordGrant("http://localhost:" + (StackSettings.KEYCLOAK + OFFSET) + "/realms/shop",
                username, password);
    }

    /** Places an order for one item through the gateway, with a fresh Idempotency-Key and these extra headers. */
    static HttpResponse<String> placeOrder(String token, String productId, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + (StackSettings.GATEWAY + OFFSET) + "/api/v1/orders"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"lines": [{"productId": "%s", "quantity": 1}], "paymentMethod": "pm_card_visa"}"""
                        .formatted(productId)));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Long-polls the order until the saga confirmed it. */
    static void awaitConfirmed(String token, String orderId) {
        String order = "http://127.0.0.1:" + (StackSettings.GATEWAY + OFFSET) + "/api/v1/orders/" + orderId;
        Await.until(Duration.ofSeconds(60), () -> bodyOf(HttpRequest.newBuilder(URI.create(order))
                .header("Authorization", "Bearer " + token).header("Prefer", "wait=10").build())
                .contains("\"CONFIRMED\""),
                () -> "order " + order + " CONFIRMED");
    }

    /** The status code of a GET, or 0 when nothing answers. */
    static int statusOf(String url) {
        try {
            return get(url).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The first {@code "id"} of a JSON body (a product page's first item, a created order). */
    /** The body of the answer, for polling conditions (which cannot throw checked exceptions). */
    static String bodyOf(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Collection<Integer> allPorts() {
        return StackSettings.PORTS.values();
    }

    static boolean isListening(int port) {
        return Ports.isListening(port);
    }

    static HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static String encode(String value) {
        return java.net.URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    static void deleteRecursively(Path dir) throws IOException {
        Directories.delete(dir);
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
            return start("up");
        }

        /** The launcher with other arguments, e.g. {@code restart postgres}: what ./shop restart postgres runs. */
        static Launcher start(String... arguments) throws IOException {
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            // as ./shop does: a test JVM started in the background inherits an ignored SIGINT, which Ctrl-C needs
            List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT", java, "-Xmx128m", "-XX:+UseSerialGC",
                    "-cp", System.getProperty("java.class.path"), LocalStack.class.getName()));
            command.addAll(List.of(arguments));
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("SHOP_REPO_DIR", REPO.toString());
            builder.environment().put("SHOP_DATA_DIR", DATA.toString());
            builder.environment().put("SHOP_PORT_OFFSET", String.valueOf(OFFSET));
            // The load smoke run measures paths, not the limiter (the gateway's own tests cover rate limiting).
            builder.environment().put("SHOP_GATEWAY_PROFILE", "bench");
            // One start per test run: a recording of the AOT cache (ADR 0018) would only cost time and disk here.
            builder.environment().put("SHOP_AOT", "off");
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
