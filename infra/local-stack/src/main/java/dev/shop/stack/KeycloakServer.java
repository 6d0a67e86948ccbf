package dev.shop.stack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A real Keycloak from its distribution on Maven Central ({@code org.keycloak:keycloak-quarkus-dist}, zip),
 * unpacked once, started in dev mode (its own H2 file database keeps users and sessions between runs)
 * with the {@code shop} realm imported from {@code infra/keycloak/shop-realm.json} on first start.
 */
public final class KeycloakServer {

    public static final String VERSION = "26.7.3";

    private KeycloakServer() {
    }

    public static Path install(MavenArtifacts artifacts, Path keycloakDir) {
        Path home = keycloakDir.resolve("keycloak-" + VERSION);
        if (Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            return home;
        }
        Path zip = artifacts.resolve("org.keycloak", "keycloak-quarkus-dist", VERSION, "zip");
        Console.step("keycloak", "unpacking " + zip.getFileName());
        unzip(zip, keycloakDir, home);
        return home;
    }

    /**
     * @param baseUrl the URL clients use, e.g. http://localhost:8180; it fixes the tokens' issuer
     */
    public static ManagedProcess start(Path home, Path realmFile, Path logFile, Path javaHome, String baseUrl,
            int port, int managementPort) {
        return start(home, realmFile, logFile, javaHome, baseUrl, port, managementPort, List.of());
    }

    /** @param extraOptions more kc.sh options, e.g. a {@code --db-url} so that tests get a database of their own */
    public static ManagedProcess start(Path home, Path realmFile, Path logFile, Path javaHome, String baseUrl,
            int port, int managementPort, List<String> extraOptions) {
        try {
            Path imports = home.resolve("data/import");
            Files.createDirectories(imports);
            Files.copy(realmFile, imports.resolve("shop-realm.json"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StackException("cannot stage the realm file for import: " + e.getMessage(), e);
        }
        List<String> command = new java.util.ArrayList<>(List.of("bash", home.resolve("bin/kc.sh").toString(),
                "start-dev",
                "--http-host=127.0.0.1",
                "--http-port=" + port,
                "--http-management-port=" + managementPort,
                "--hostname=" + baseUrl,
                "--hostname-backchannel-dynamic=true",
                "--health-enabled=true",
                "--import-realm"));
        command.addAll(extraOptions);
        Map<String, String> env = Map.of(
                "JAVA_HOME", javaHome.toString(),
                "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx384m",
                "KC_BOOTSTRAP_ADMIN_USERNAME", System.getenv().getOrDefault("SHOP_KEYCLOAK_ADMIN", "admin"),
                "KC_BOOTSTRAP_ADMIN_PASSWORD", System.getenv().getOrDefault("SHOP_KEYCLOAK_ADMIN_PASSWORD", "admin"));
        return ManagedProcess.start("keycloak", command, home, env, logFile);
    }

    /** Waits for the management health check, then for the realm's discovery document. */
    public static void awaitReady(ManagedProcess keycloak, int port, int managementPort, Duration timeout) {
        Readiness.awaitHttpOk(keycloak, "http://127.0.0.1:" + managementPort + "/health/ready", timeout);
        Readiness.awaitHttpOk(keycloak, "http://127.0.0.1:" + port + "/realms/shop/.well-known/openid-configuration",
                Duration.ofSeconds(60));
    }

    /**
     * The realm lets browsers log in through the gateway at port 8080 (Swagger UI's redirect URIs and web origins).
     * With SHOP_PORT_OFFSET the gateway moves, so the imported copy names the gateway's actual port.
     */
    public static Path realmForGateway(Path realmFile, int gatewayPort, Path copy) {
        try {
            String realm = Files.readString(realmFile);
            if (gatewayPort != StackSettings.GATEWAY) {
                realm = realm.replace("//localhost:" + StackSettings.GATEWAY + "/", "//localhost:" + gatewayPort + "/")
                        .replace("//127.0.0.1:" + StackSettings.GATEWAY + "/", "//127.0.0.1:" + gatewayPort + "/");
            }
            Files.createDirectories(copy.getParent());
            Files.writeString(copy, realm);
            return copy;
        } catch (IOException e) {
            throw new StackException("cannot prepare the realm for import: " + e.getMessage(), e);
        }
    }

    /** Unpacks into a temporary sibling and renames it, so an interrupted unpack is never mistaken for an install. */
    private static void unzip(Path zip, Path keycloakDir, Path home) {
        Path staging = keycloakDir.resolve("unpacking");
        try {
            Directories.delete(staging);
            Files.createDirectories(staging);
            try (ZipFile archive = new ZipFile(zip.toFile())) {
                Enumeration<? extends ZipEntry> entries = archive.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry entry = entries.nextElement();
                    Path target = staging.resolve(entry.getName()).normalize();
                    if (!target.startsWith(staging)) {
                        throw new StackException("unsafe path in " + zip + ": " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                        continue;
                    }
                    Files.createDirectories(target.getParent());
                    try (InputStream in = archive.getInputStream(entry)) {
                        Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                    if (entry.getName().endsWith(".sh")) {
                        target.toFile().setExecutable(true);
                    }
                }
            }
            Files.move(staging.resolve("keycloak-" + VERSION), home, StandardCopyOption.ATOMIC_MOVE);
            Directories.delete(staging);
        } catch (IOException e) {
            throw new StackException("cannot unpack " + zip + ": " + e.getMessage(), e);
        }
    }
}
