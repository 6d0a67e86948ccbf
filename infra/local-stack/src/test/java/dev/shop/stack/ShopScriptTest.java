package dev.shop.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * The command line of `./shop`: the script itself as a process for what it refuses before building, and the
 * launcher's main classes as processes (with this test's classpath, as the script runs them) for the rest.
 * None of it needs a running stack, and none of it starts one.
 */
class ShopScriptTest {

    static final Path REPO = Path.of("../..").toAbsolutePath().normalize();
    static final Path DATA = Path.of("target/shop-script-test").toAbsolutePath();
    static final String USAGE_HEADER = "./shop up [--reset] [--without <application>[,<application>...]]";

    @Test
    void anUnknownCommandIsRefusedWithTheUsage() throws Exception {
        Result result = shop("frobnicate");

        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("unknown command: frobnicate"), result.toString());
        assertTrue(result.stderr().contains(USAGE_HEADER), result.toString());
    }

    @Test
    void anUnknownOptionIsRefusedWithTheUsageBeforeAnythingIsBuilt() throws Exception {
        Result result = shop("up", "--bogus");

        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("unknown option of ./shop up: --bogus"), result.toString());
        assertTrue(result.stderr().contains(USAGE_HEADER), result.toString());
        assertTrue(result.stdout().isEmpty(), "nothing built or started: " + result);
    }

    @Test
    void extraArgumentsAreRefused() throws Exception {
        assertEquals(2, shop("status", "now").exitCode());
        assertEquals(2, shop("restart").exitCode());
        assertEquals(2, shop("token").exitCode());
        assertEquals(2, shop("up", "--without").exitCode());
        assertEquals(2, shop("lab", "check").exitCode());
        assertEquals(2, shop("lab", "grade", "1").exitCode());
    }

    @Test
    void aLabThatDoesNotExistIsRefusedWithTheLabsThereAre() throws Exception {
        Result result = launcherMain("dev.shop.stack.labs.Labs", Map.of(), "check", "42");

        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("./shop lab check <N>, N one of [1, 2, 3, 4, 5]"), result.toString());
    }

    @Test
    void aLabCheckWithoutARunningShopSaysToStartIt() throws Exception {
        int offset = offsetWithoutKeycloak();

        Result result = launcherMain("dev.shop.stack.labs.Labs", Map.of("SHOP_PORT_OFFSET", String.valueOf(offset)),
                "check", "1");

        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("The shop is not running: start it with ./shop up"), result.toString());
    }

    @Test
    void helpPrintsTheUsageWithEveryCommand() throws Exception {
        Result result = shop("help");

        assertEquals(0, result.exitCode(), result.toString());
        for (String command : List.of("up", "down", "status", "restart", "stop", "logs", "token", "dlq", "lab", "check",
                "test", "build", "help")) {
            assertTrue(result.stdout().contains("./shop " + command + " "), "help lists " + command + ": " + result);
        }
    }

    @Test
    void logsOfAnUnknownComponentIsRefusedWithTheNames() throws Exception {
        Result result = launcherMain("dev.shop.stack.ShopLogs", Map.of(), "nosuch");

        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("no component nosuch. The components are: postgres redis"), result.toString());
    }

    @Test
    void aTokenWithoutKeycloakFailsWithAClearMessage() throws Exception {
        int offset = offsetWithoutKeycloak();

        Result result = launcherMain("dev.shop.stack.ShopToken", Map.of("SHOP_PORT_OFFSET", String.valueOf(offset)),
                "alice");

        assertEquals(1, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("Keycloak is not running at http://localhost:"
                + (StackSettings.KEYCLOAK + offset) + "/realms/shop"), result.toString());
        assertTrue(result.stdout().isEmpty(), "no token on stdout: " + result);
    }

    @Test
    void upWithoutAServerIsRefused() throws Exception {
        Result result = launcherMain("dev.shop.stack.LocalStack", Map.of(), "up", "--without", "order-service,postgres");

        assertEquals(2, result.exitCode(), result.toString());
        assertTrue(result.stderr().contains("--without postgres: postgres is a server the applications need"),
                result.toString());
        assertTrue(result.stderr().contains("Applications that can be left out: psp-simulator user-service"),
                result.toString());
    }

    @Test
    void upWithoutAnUnknownApplicationOrWithAnUnknownOptionIsRefused() throws Exception {
        Result unknownApplication = launcherMain("dev.shop.stack.LocalStack", Map.of(), "up", "--without=shipping");
        Result unknownOption = launcherMain("dev.shop.stack.LocalStack", Map.of(), "up", "--bogus");

        assertEquals(2, unknownApplication.exitCode(), unknownApplication.toString());
        assertTrue(unknownApplication.stderr().contains("no application shipping"), unknownApplication.toString());
        assertEquals(2, unknownOption.exitCode(), unknownOption.toString());
    }

    /** The usage names the applications --without accepts (LocalStack refuses any other). */
    @Test
    void theHelpNamesTheApplicationsThatCanBeLeftOut() throws IOException {
        String listed = headerLine("# Applications (for --without): ");

        assertEquals(String.join(" ", new StackComponents(settings()).applications().stream()
                .map(Component::name).toList()), listed);
    }

    /** `./shop help` lists the names `./shop restart` and `./shop stop` accept (LocalStack refuses any other). */
    @Test
    void theHelpNamesEveryComponentOfTheStack() throws IOException {
        String listed = headerLine("# Components: ");

        assertEquals(String.join(" ", new StackComponents(settings()).names()), listed);
    }

    private static String headerLine(String prefix) throws IOException {
        return Files.readAllLines(REPO.resolve("shop")).stream()
                .filter(line -> line.startsWith(prefix))
                .findFirst().orElseThrow()
                .substring(prefix.length());
    }

    private static StackSettings settings() {
        return new StackSettings(REPO, DATA, 0, Path.of(System.getProperty("java.home")));
    }

    private static Result shop(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(REPO.resolve("shop").toString()));
        command.addAll(List.of(args));
        return run(command, Map.of());
    }

    private static Result launcherMain(String mainClass, Map<String, String> env, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin/java").toString(),
                "-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(List.of(args));
        return run(command, env);
    }

    private static Result run(List<String> command, Map<String, String> env) throws Exception {
        Files.createDirectories(DATA);
        Path stdout = Files.createTempFile(DATA, "stdout", ".txt");
        Path stderr = Files.createTempFile(DATA, "stderr", ".txt");
        ProcessBuilder builder = new ProcessBuilder(command).directory(REPO.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("SHOP_REPO_DIR", REPO.toString());
        builder.environment().put("SHOP_DATA_DIR", DATA.toString());
        builder.environment().remove("SHOP_PORT_OFFSET");
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not end within 60 s");
        }
        return new Result(process.exitValue(), Files.readString(stdout, StandardCharsets.UTF_8),
                Files.readString(stderr, StandardCharsets.UTF_8));
    }

    /** A port offset at which nothing listens on Keycloak's port (and, most likely, nothing else of a stack). */
    private static int offsetWithoutKeycloak() throws IOException {
        for (int offset = 3100; offset < 4000; offset += 37) {
            try (ServerSocket probe = new ServerSocket(StackSettings.KEYCLOAK + offset, 1,
                    java.net.InetAddress.getLoopbackAddress())) {
                return offset;
            } catch (IOException taken) {
                // try the next one
            }
        }
        throw new IOException("no free port for the test");
    }

    record Result(int exitCode, String stdout, String stderr) {
    }
}
