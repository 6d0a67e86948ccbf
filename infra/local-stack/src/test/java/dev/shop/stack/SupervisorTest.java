package dev.shop.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.shop.stack.ControlRequests.Action;
import dev.shop.stack.ControlRequests.Outcome;
import dev.shop.stack.testing.Await;

/**
 * The supervisor of `./shop up` with the stack's own PostgreSQL and Redis components, real servers started exactly
 * as `./shop up` starts them (on ports shifted away from a running stack): PostgreSQL is durable, a server killed
 * with kill -9 comes back on its port with its data, and `./shop restart` / `./shop stop` act on one component.
 */
class SupervisorTest {

    static final Path DATA = Path.of("target/supervisor-test").toAbsolutePath();

    static StackComponents components;
    static ProcessRegistry registry;
    static ControlRequests requests;
    static Supervisor supervisor;
    static int postgresPort;
    static int redisPort;

    @BeforeAll
    static void startPostgresAndRedisAsShopUpDoes() throws IOException {
        Directories.empty(DATA);
        shareThePostgresBinariesOfTheTestServers();
        int offset = freeOffset();
        StackSettings settings = new StackSettings(Path.of("../..").toAbsolutePath().normalize(), DATA, offset,
                Path.of(System.getProperty("java.home")));
        postgresPort = settings.port(StackSettings.POSTGRES);
        redisPort = settings.port(StackSettings.REDIS);
        components = new StackComponents(settings);
        registry = new ProcessRegistry(settings.runDir());
        requests = new ControlRequests(settings.runDir());
        supervisor = new Supervisor(registry, requests, Duration.ofSeconds(10));
        for (Component component : List.of(component("postgres"), component("redis"))) {
            supervisor.start(component);
            supervisor.supervise(component);
        }
    }

    @AfterAll
    static void stopThem() {
        supervisor.shutdown();
        supervisor.stop(List.of(component("redis")));
        supervisor.stop(List.of(component("postgres")));
    }

    @Test
    void postgresIsDurable() throws SQLException {
        assertEquals("on", show("fsync"));
        assertEquals("on", show("synchronous_commit"));
        assertEquals("on", show("full_page_writes"));
    }

    @Test
    void aServerKilledWithKill9IsStartedAgainOnItsPortWithItsData() throws IOException {
        assertEquals("+OK", redis("SET killed-key kept"));
        long killed = registry.find("redis").orElseThrow().pid();

        ProcessHandle.of(killed).orElseThrow().destroyForcibly();

        Await.until(Duration.ofSeconds(30), () -> registry.find("redis").map(p -> p.pid() != killed).orElse(false)
                && Ports.isListening(redisPort), () -> "a new Redis on port " + redisPort);
        assertEquals(":1", redis("EXISTS killed-key"));
    }

    @Test
    void aKilledPostmasterIsStartedAgainDurable() throws SQLException {
        long killed = registry.find("postgres").orElseThrow().pid();

        ProcessHandle.of(killed).orElseThrow().destroyForcibly();

        Await.until(Duration.ofSeconds(90), () -> registry.find("postgres").map(p -> p.pid() != killed).orElse(false)
                && answers(), () -> "a new PostgreSQL on port " + postgresPort);
        assertEquals("on", show("fsync"));
    }

    @Test
    void restartOnRequestStopsPostgresAndStartsItAgainWithItsRows() throws SQLException {
        execute("create table if not exists restarted (id int)", "insert into restarted values (42)");
        long before = registry.find("postgres").orElseThrow().pid();

        Outcome outcome = ask("postgres", Action.RESTART);

        assertTrue(outcome.done(), outcome.detail());
        assertTrue(outcome.detail().startsWith("down for"), outcome.detail());
        assertNotEquals(before, registry.find("postgres").orElseThrow().pid());
        assertEquals("1", query("select count(*) from restarted where id = 42"));
    }

    @Test
    void aStoppedComponentStaysStoppedUntilRestarted() throws Exception {
        assertEquals("+OK", redis("SET stopped-key kept"));

        assertTrue(ask("redis", Action.STOP).done());
        Thread.sleep(RestartBackoff.FIRST.multipliedBy(3));

        assertFalse(Ports.isListening(redisPort), "a stopped component is not started again");
        assertTrue(registry.find("redis").isEmpty());

        Outcome restarted = ask("redis", Action.RESTART);

        assertTrue(restarted.done(), restarted.detail());
        assertEquals(":1", redis("EXISTS stopped-key"));
    }

    static Outcome ask(String component, Action action) {
        String id = requests.submit(component, action);
        return requests.awaitOutcome(component, id, Duration.ofSeconds(90), () -> true);
    }

    static Component component(String name) {
        return components.named(name).orElseThrow();
    }

    /** Unpacking the PostgreSQL binaries takes seconds: use those that TestServers keeps in its cache. */
    static void shareThePostgresBinariesOfTheTestServers() throws IOException {
        Path cache = Path.of(System.getenv().getOrDefault("SHOP_TEST_CACHE_DIR",
                Path.of(System.getProperty("user.home"), ".cache", "shop-dev").toString())).resolve("postgres-binaries");
        Files.createDirectories(cache);
        Files.createDirectories(DATA.resolve("postgres"));
        Files.createSymbolicLink(DATA.resolve("postgres/binaries"), cache);
    }

    /** A SHOP_PORT_OFFSET whose PostgreSQL and Redis ports are free, away from a stack running on the defaults. */
    static int freeOffset() {
        for (int attempt = 0; attempt < 100; attempt++) {
            int offset = ThreadLocalRandom.current().nextInt(20_000, 40_000);
            if (Ports.isFree(StackSettings.POSTGRES + offset) && Ports.isFree(StackSettings.REDIS + offset)) {
                return offset;
            }
        }
        throw new IllegalStateException("no free ports for PostgreSQL and Redis");
    }

    static boolean answers() {
        try {
            return query("select 1").equals("1");
        } catch (SQLException notYet) {
            return false;
        }
    }

    static String show(String setting) throws SQLException {
        return query("show " + setting);
    }

    static String query(String sql) throws SQLException {
        try (Connection connection = superuser(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getString(1);
        }
    }

    static void execute(String... statements) throws SQLException {
        try (Connection connection = superuser(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        }
    }

    static Connection superuser() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + postgresPort + "/postgres", "postgres", "");
    }

    /** One Redis command in its inline form; the first line of the answer. */
    static String redis(String command) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", redisPort)) {
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write((command + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
        }
    }
}
