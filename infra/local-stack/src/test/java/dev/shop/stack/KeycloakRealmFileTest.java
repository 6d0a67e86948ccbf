package dev.shop.stack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The realm {@code shop} that Keycloak imports at start (infra/keycloak/shop-realm.json), checked
 * against what the gateway, the services and the load tests expect of it (docs/design.md section 9).
 */
@Tag("fast")
class KeycloakRealmFileTest {

    static final int LOAD_TEST_CUSTOMERS = 1000;

    static Path repo;
    static Path realmFile;
    static JsonNode realm;
    static Map<String, JsonNode> users;

    @BeforeAll
    static void load() throws IOException {
        repo = repositoryRoot();
        realmFile = repo.resolve("infra/keycloak/shop-realm.json");
        realm = new ObjectMapper().readTree(realmFile.toFile());
        users = new LinkedHashMap<>();
        for (JsonNode user : realm.path("users")) {
            assertTrue(users.put(user.path("username").asText(), user) == null,
                    "duplicate user " + user.path("username").asText());
        }
    }

    @Test
    void realmIsShopOverPlainHttpOnLoopback() {
        assertEquals("shop", realm.path("realm").asText());
        assertTrue(realm.path("enabled").asBoolean());
        assertEquals("none", realm.path("sslRequired").asText(), "the local stack serves Keycloak over http");
    }

    @Test
    void newUsersBecomeCustomersAndAdminIsARole() {
        Set<String> roles = new HashSet<>();
        realm.path("roles").path("realm").forEach(role -> roles.add(role.path("name").asText()));
        assertTrue(roles.containsAll(Set.of("customer", "admin")), "realm roles: " + roles);

        String defaultRole = realm.path("defaultRole").path("name").asText();
        JsonNode composite = null;
        for (JsonNode role : realm.path("roles").path("realm")) {
            if (role.path("name").asText().equals(defaultRole)) {
                composite = role;
            }
        }
        assertNotNull(composite, "default role " + defaultRole + " is not defined");
        assertTrue(texts(composite.path("composites").path("realm")).contains("customer"),
                "the default role must grant customer");
        assertFalse(texts(composite.path("composites").path("realm")).contains("admin"),
                "nobody may become admin by default");
    }

    @Test
    void apiClientIsOnlyAnAudienceAndCannotLogIn() {
        JsonNode api = client("shop-api");
        assertTrue(api.path("bearerOnly").asBoolean());
        for (String flow : List.of("standardFlowEnabled", "implicitFlowEnabled", "directAccessGrantsEnabled",
                "serviceAccountsEnabled")) {
            assertFalse(api.path(flow).asBoolean(), "shop-api must not allow " + flow);
        }
    }

    @Test
    void browserClientUsesAuthorizationCodeWithPkce() {
        JsonNode web = client("shop-web");
        assertTrue(web.path("publicClient").asBoolean(), "a browser cannot keep a secret");
        assertTrue(web.path("standardFlowEnabled").asBoolean());
        assertFalse(web.path("implicitFlowEnabled").asBoolean());
        assertFalse(web.path("directAccessGrantsEnabled").asBoolean(), "browsers never see a password grant");
        assertEquals("S256", web.path("attributes").path("pkce.code.challenge.method").asText());
        assertEquals(Set.of("http://localhost:8080/*", "http://127.0.0.1:8080/*"), Set.copyOf(texts(web.path("redirectUris"))));
        assertEquals(List.of("+"), texts(web.path("webOrigins")));
    }

    @Test
    void scriptClientUsesThePasswordGrantOnly() {
        JsonNode cli = client("shop-cli");
        assertTrue(cli.path("publicClient").asBoolean());
        assertTrue(cli.path("directAccessGrantsEnabled").asBoolean());
        assertFalse(cli.path("standardFlowEnabled").asBoolean());
        assertFalse(cli.path("implicitFlowEnabled").asBoolean());
    }

    @Test
    void tokensOfBothClientsCarryTheApiAudienceUserNameEmailAndRealmRoles() {
        for (String clientId : List.of("shop-web", "shop-cli")) {
            JsonNode client = client(clientId);
            boolean audience = false;
            for (JsonNode mapper : client.path("protocolMappers")) {
                if (mapper.path("protocolMapper").asText().equals("oidc-audience-mapper")) {
                    assertEquals("shop-api", mapper.path("config").path("included.client.audience").asText(), clientId);
                    assertEquals("true", mapper.path("config").path("access.token.claim").asText(), clientId);
                    audience = true;
                }
            }
            assertTrue(audience, clientId + " has no audience mapper for shop-api");
            // basic: sub; profile: preferred_username; email: email; roles: realm_access.roles
            assertTrue(texts(client.path("defaultClientScopes")).containsAll(List.of("basic", "profile", "email", "roles")),
                    clientId + " default scopes: " + client.path("defaultClientScopes"));
        }
    }

    @Test
    void demoUsersHaveTheirRolesAndCanLogInWithoutFurtherSteps() {
        assertEquals(Set.of("customer"), shopRoles("alice"));
        assertEquals(Set.of("customer"), shopRoles("bob"));
        assertEquals(Set.of("customer", "admin"), shopRoles("admin"));
        for (String username : List.of("alice", "bob", "admin")) {
            assertReadyToLogIn(users.get(username));
        }
    }

    @Test
    void loadTestsHaveAThousandCustomers() {
        Set<String> ids = new HashSet<>();
        for (int i = 1; i <= LOAD_TEST_CUSTOMERS; i++) {
            String username = "customer-%04d".formatted(i);
            JsonNode user = users.get(username);
            assertNotNull(user, "missing " + username);
            assertEquals(Set.of("customer"), shopRoles(username), username);
            assertReadyToLogIn(user);
            assertTrue(ids.add(user.path("id").asText()), "duplicate id for " + username);
        }
        assertEquals(LOAD_TEST_CUSTOMERS + 3, users.size(), "users: the three demo users and the customers");
    }

    @Test
    void everyPasswordIsStoredHashedTheWayThePolicyAsks() {
        Matcher policy = Pattern.compile("hashAlgorithm\\(([^)]+)\\) and hashIterations\\((\\d+)\\)")
                .matcher(realm.path("passwordPolicy").asText());
        assertTrue(policy.matches(), "password policy: " + realm.path("passwordPolicy").asText());
        assertEquals("pbkdf2-sha256", policy.group(1));
        int iterations = Integer.parseInt(policy.group(2));

        for (JsonNode user : users.values()) {
            JsonNode credential = passwordCredential(user);
            JsonNode data = parse(credential.path("credentialData").asText());
            // Anything else and Keycloak re-hashes the password at the first login.
            assertEquals("pbkdf2-sha256", data.path("algorithm").asText(), user.path("username").asText());
            assertEquals(iterations, data.path("hashIterations").asInt(), user.path("username").asText());
            JsonNode secret = parse(credential.path("secretData").asText());
            assertEquals(16, Base64.getDecoder().decode(secret.path("salt").asText()).length, "salt bytes");
            assertEquals(32, Base64.getDecoder().decode(secret.path("value").asText()).length,
                    "pbkdf2-sha256 in Keycloak derives a 256-bit key");
        }
    }

    @Test
    void demoPasswordsMatchTheirStoredHashes() throws Exception {
        assertTrue(passwordMatches("alice", "alice"));
        assertTrue(passwordMatches("bob", "bob"));
        assertTrue(passwordMatches("admin", "admin"));
        assertTrue(passwordMatches("customer-0001", "customer"));
        assertTrue(passwordMatches("customer-0777", "customer"));
        assertTrue(passwordMatches("customer-1000", "customer"));
        assertFalse(passwordMatches("alice", "bob"));
    }

    @Test
    void realmFileIsWhatItsGeneratorWrites() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "infra/keycloak/GenerateRealm.java")
                .directory(repo.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        byte[] generated = process.getInputStream().readAllBytes();
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "generator timed out");
        assertEquals(0, process.exitValue(), "generator failed");
        assertArrayEquals(Files.readAllBytes(realmFile), generated,
                "shop-realm.json was edited by hand or is stale: "
                        + "java infra/keycloak/GenerateRealm.java > infra/keycloak/shop-realm.json");
    }

    // ---- helpers ----

    static JsonNode client(String clientId) {
        for (JsonNode client : realm.path("clients")) {
            if (client.path("clientId").asText().equals(clientId)) {
                return client;
            }
        }
        throw new AssertionError("no client " + clientId);
    }

    /** The user's roles that mean something to the shop. */
    static Set<String> shopRoles(String username) {
        JsonNode user = users.get(username);
        assertNotNull(user, "missing user " + username);
        Set<String> roles = new HashSet<>(texts(user.path("realmRoles")));
        roles.retainAll(Set.of("customer", "admin"));
        return roles;
    }

    static void assertReadyToLogIn(JsonNode user) {
        String name = user.path("username").asText();
        assertTrue(user.path("enabled").asBoolean(), name + " is disabled");
        assertTrue(user.path("emailVerified").asBoolean(), name);
        assertTrue(user.path("requiredActions").isEmpty(), name + " would be sent to a required action");
        // Keycloak's user profile requires these; without them the password grant answers "account not set up".
        for (String field : List.of("email", "firstName", "lastName")) {
            assertFalse(user.path(field).asText().isBlank(), name + " has no " + field);
        }
    }

    static JsonNode passwordCredential(JsonNode user) {
        for (JsonNode credential : user.path("credentials")) {
            if (credential.path("type").asText().equals("password")) {
                return credential;
            }
        }
        throw new AssertionError(user.path("username").asText() + " has no password");
    }

    /** What Keycloak's pbkdf2-sha256 provider computes at login, against the stored hash. */
    static boolean passwordMatches(String username, String password) throws Exception {
        JsonNode credential = passwordCredential(users.get(username));
        JsonNode secret = parse(credential.path("secretData").asText());
        int iterations = parse(credential.path("credentialData").asText()).path("hashIterations").asInt();
        byte[] salt = Base64.getDecoder().decode(secret.path("salt").asText());
        byte[] stored = Base64.getDecoder().decode(secret.path("value").asText());
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, iterations, stored.length * 8);
        byte[] computed = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        return java.security.MessageDigest.isEqual(stored, computed);
    }

    static JsonNode parse(String json) {
        try {
            return new ObjectMapper().readTree(json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asText()));
        return values;
    }

    /** Walks up from the working directory to the directory that holds infra/docker-compose.yml. */
    static Path repositoryRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("infra/docker-compose.yml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no infra/docker-compose.yml above " + Path.of("").toAbsolutePath());
    }
}
