/*
 * Generates shop-realm.json, the Keycloak realm "shop" that the local stack and
 * docker-compose import at start (kc.sh start-dev --import-realm, file in data/import).
 *
 *   java infra/keycloak/GenerateRealm.java > infra/keycloak/shop-realm.json    (JDK 21+)
 *
 * The realm JSON cannot hold comments, so the decisions behind it are written down here.
 *
 * What the realm contains
 *   - Realm roles `customer` and `admin`. New users get `customer` through the realm's
 *     default role; admin users carry both roles.
 *   - `shop-api`: the audience of every API token. It has no flow enabled and can never
 *     get a token itself; the gateway and the services accept a token only when its
 *     `aud` contains `shop-api`.
 *   - `shop-web`: public client for browsers, authorization code flow with PKCE (S256 required).
 *   - `shop-cli`: public client with the password grant (direct access grants), for
 *     scripts, smoke tests and load tests.
 *   - Both clients add `shop-api` to the access token's `aud` (oidc-audience-mapper) and
 *     have the `basic` (sub), `profile` (preferred_username), `email` and `roles`
 *     (realm_access.roles) scopes as default scopes.
 *   - Demo users alice/alice, bob/bob (customer), admin/admin (admin + customer) and the
 *     load-test customers customer-0001 .. customer-1000 with password "customer".
 *     These passwords exist only in this demo realm.
 *
 * Why the passwords are pre-hashed, with only 1000 PBKDF2 iterations
 *   Keycloak's default password hashing is deliberately expensive (argon2, or PBKDF2 with
 *   210,000 to 600,000 iterations). On a 2-core machine that makes importing a thousand users take minutes, and a
 *   load test that logs customers in through the password grant would measure Keycloak's
 *   hashing rather than the shop. So the realm policy says
 *   "hashAlgorithm(pbkdf2-sha256) and hashIterations(1000)" and every credential is stored
 *   here already hashed that way: the import copies hashes and computes none, and a login
 *   costs one cheap hash. Because a stored hash matches the policy exactly (algorithm,
 *   iterations and key length), Keycloak never re-hashes it on login.
 *   This is deliberately weak and only acceptable because these are throw-away demo
 *   passwords that are published in this repository. A real realm keeps Keycloak's defaults.
 *
 * How a credential is computed (what Keycloak's Pbkdf2Sha256PasswordHashProviderFactory does)
 *   PBKDF2WithHmacSHA256, 1000 iterations, 256-bit derived key, 16-byte salt, both stored
 *   in standard Base64. The salt is derived from the username instead of being random, so
 *   re-running the generator gives the same file and diffs stay small. Deterministic salts
 *   are fine for demo passwords and wrong for anything else.
 *   User ids are also derived from the username (name-based UUID), so a user keeps the same
 *   token `sub` when Keycloak's data is wiped and the realm is imported again, and the
 *   services' data keyed by `sub` stays valid.
 */

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.spec.InvalidKeySpecException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

public class GenerateRealm {

    static final String REALM = "shop";
    static final String API_AUDIENCE = "shop-api";
    static final String DEFAULT_ROLES = "default-roles-" + REALM;

    static final int LOAD_TEST_CUSTOMERS = 1000;
    static final String LOAD_TEST_PASSWORD = "customer";

    static final String HASH_ALGORITHM = "pbkdf2-sha256";
    static final int HASH_ITERATIONS = 1000;
    static final int DERIVED_KEY_BITS = 256;
    static final int SALT_BYTES = 16;

    /** Fixed so the output is the same on every run (2026-01-01T00:00:00Z). */
    static final long CREATED = 1767225600000L;

    /** Every client gets these default scopes: sub, preferred_username, email, realm_access.roles. */
    static final List<String> DEFAULT_CLIENT_SCOPES =
            List.of("basic", "profile", "email", "roles", "web-origins", "acr");
    static final List<String> OPTIONAL_CLIENT_SCOPES =
            List.of("offline_access", "address", "phone", "microprofile-jwt");

    public static void main(String[] args) throws Exception {
        System.out.print(Json.write(realm()));
        System.out.println();
    }

    static Map<String, Object> realm() throws Exception {
        return obj(
                "realm", REALM,
                "displayName", "Shop (demo)",
                "enabled", true,
                "sslRequired", "none",
                "registrationAllowed", false,
                "loginWithEmailAllowed", true,
                "duplicateEmailsAllowed", false,
                "resetPasswordAllowed", false,
                "editUsernameAllowed", false,
                "bruteForceProtected", false,
                "accessTokenLifespan", 300,
                "passwordPolicy", "hashAlgorithm(" + HASH_ALGORITHM + ") and hashIterations(" + HASH_ITERATIONS + ")",
                "roles", obj("realm", realmRoles()),
                "defaultRole", obj(
                        "name", DEFAULT_ROLES,
                        "description", "${role_default-roles}",
                        "composite", true,
                        "clientRole", false),
                "clients", List.of(apiClient(), webClient(), cliClient()),
                "users", users());
    }

    static List<Object> realmRoles() {
        return List.of(
                obj("name", "customer", "description", "Shops: own profile, own orders and payments",
                        "composite", false, "clientRole", false),
                obj("name", "admin", "description", "Manages the catalog and stock, reads any profile or order",
                        "composite", false, "clientRole", false),
                obj("name", "offline_access", "description", "${role_offline-access}",
                        "composite", false, "clientRole", false),
                obj("name", "uma_authorization", "description", "${role_uma_authorization}",
                        "composite", false, "clientRole", false),
                // What every new user gets: Keycloak's usual two roles plus `customer`.
                obj("name", DEFAULT_ROLES, "description", "${role_default-roles}",
                        "composite", true,
                        "composites", obj("realm", List.of("offline_access", "uma_authorization", "customer")),
                        "clientRole", false));
    }

    // ---- clients ----

    /** The API audience. No flow is enabled: nothing can log in as shop-api. */
    static Map<String, Object> apiClient() {
        return obj(
                "clientId", API_AUDIENCE,
                "name", "Shop API (token audience)",
                "enabled", true,
                "bearerOnly", true,
                "publicClient", false,
                "standardFlowEnabled", false,
                "implicitFlowEnabled", false,
                "directAccessGrantsEnabled", false,
                "serviceAccountsEnabled", false,
                "frontchannelLogout", false,
                "protocol", "openid-connect",
                "attributes", obj(),
                "defaultClientScopes", List.of(),
                "optionalClientScopes", List.of());
    }

    /** Browsers: authorization code flow, PKCE S256 required. */
    static Map<String, Object> webClient() {
        return obj(
                "clientId", "shop-web",
                "name", "Shop web (browser)",
                "enabled", true,
                "publicClient", true,
                "standardFlowEnabled", true,
                "implicitFlowEnabled", false,
                "directAccessGrantsEnabled", false,
                "serviceAccountsEnabled", false,
                "frontchannelLogout", true,
                "protocol", "openid-connect",
                "rootUrl", "http://localhost:8080",
                "redirectUris", List.of("http://localhost:8080/*", "http://127.0.0.1:8080/*"),
                "webOrigins", List.of("+"),
                "attributes", obj(
                        "pkce.code.challenge.method", "S256",
                        "post.logout.redirect.uris", "http://localhost:8080/*##http://127.0.0.1:8080/*"),
                "fullScopeAllowed", true,
                "protocolMappers", List.of(audienceMapper()),
                "defaultClientScopes", DEFAULT_CLIENT_SCOPES,
                "optionalClientScopes", OPTIONAL_CLIENT_SCOPES);
    }

    /** Scripts and load tests: password grant (direct access grants) only. */
    static Map<String, Object> cliClient() {
        return obj(
                "clientId", "shop-cli",
                "name", "Shop CLI (scripts, load tests)",
                "enabled", true,
                "publicClient", true,
                "standardFlowEnabled", false,
                "implicitFlowEnabled", false,
                "directAccessGrantsEnabled", true,
                "serviceAccountsEnabled", false,
                "frontchannelLogout", false,
                "protocol", "openid-connect",
                "attributes", obj(),
                "fullScopeAllowed", true,
                "protocolMappers", List.of(audienceMapper()),
                "defaultClientScopes", DEFAULT_CLIENT_SCOPES,
                "optionalClientScopes", OPTIONAL_CLIENT_SCOPES);
    }

    /** Puts shop-api into the access token's aud, which the gateway and services check. */
    static Map<String, Object> audienceMapper() {
        return obj(
                "name", "audience-" + API_AUDIENCE,
                "protocol", "openid-connect",
                "protocolMapper", "oidc-audience-mapper",
                "consentRequired", false,
                "config", obj(
                        "included.client.audience", API_AUDIENCE,
                        "access.token.claim", "true",
                        "introspection.token.claim", "true",
                        "id.token.claim", "false",
                        "lightweight.claim", "false"));
    }

    // ---- users ----

    static List<Object> users() throws Exception {
        List<Object> users = new ArrayList<>();
        users.add(user("alice", "alice", "Alice", "Liddell", "customer"));
        users.add(user("bob", "bob", "Bob", "Builder", "customer"));
        users.add(user("admin", "admin", "Ada", "Admin", "customer", "admin"));
        for (int i = 1; i <= LOAD_TEST_CUSTOMERS; i++) {
            String number = String.format("%04d", i);
            users.add(user("customer-" + number, LOAD_TEST_PASSWORD, "Customer", number, "customer"));
        }
        return users;
    }

    static Map<String, Object> user(String username, String password, String firstName, String lastName,
                                    String... roles) throws Exception {
        List<String> realmRoles = new ArrayList<>();
        realmRoles.add(DEFAULT_ROLES); // what Keycloak itself would have granted a new user
        realmRoles.addAll(Arrays.asList(roles));
        return obj(
                "id", UUID.nameUUIDFromBytes((REALM + ":user:" + username).getBytes(StandardCharsets.UTF_8)).toString(),
                "username", username,
                "email", username + "@shop.example",
                "emailVerified", true,
                "firstName", firstName,
                "lastName", lastName,
                "enabled", true,
                "createdTimestamp", CREATED,
                "requiredActions", List.of(),
                "realmRoles", realmRoles,
                "credentials", List.of(passwordCredential(username, password)));
    }

    /**
     * A password credential the way Keycloak stores it: secretData and credentialData are
     * JSON documents held in strings (that is the export format, not a mistake).
     */
    static Map<String, Object> passwordCredential(String username, String password) throws Exception {
        byte[] salt = saltFor(username);
        byte[] hash = pbkdf2Sha256(password, salt);
        Base64.Encoder base64 = Base64.getEncoder();
        String secretData = Json.write(obj(
                "value", base64.encodeToString(hash),
                "salt", base64.encodeToString(salt),
                "additionalParameters", obj()), false);
        String credentialData = Json.write(obj(
                "hashIterations", HASH_ITERATIONS,
                "algorithm", HASH_ALGORITHM,
                "additionalParameters", obj()), false);
        return obj(
                "type", "password",
                "userLabel", "demo password",
                "createdDate", CREATED,
                "secretData", secretData,
                "credentialData", credentialData);
    }

    /** 16 bytes derived from the username: the same file on every run (demo passwords only). */
    static byte[] saltFor(String username) throws NoSuchAlgorithmException {
        byte[] digest = MessageDigest.getInstance("SHA-256")
                .digest((REALM + ":salt:" + username).getBytes(StandardCharsets.UTF_8));
        return Arrays.copyOf(digest, SALT_BYTES);
    }

    static byte[] pbkdf2Sha256(String password, byte[] salt)
            throws NoSuchAlgorithmException, InvalidKeySpecException {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt, HASH_ITERATIONS, DERIVED_KEY_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } finally {
            spec.clearPassword();
        }
    }

    // ---- a tiny JSON writer (no libraries in a single-file program) ----

    /** An insertion-ordered JSON object from alternating keys and values. */
    static Map<String, Object> obj(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static final class Json {
        /** Objects and arrays whose one-line form fits this width stay on one line. */
        private static final int INLINE_WIDTH = 100;

        static String write(Object value) {
            return write(value, true);
        }

        static String write(Object value, boolean pretty) {
            StringBuilder out = new StringBuilder();
            if (pretty) {
                pretty(value, out, 0);
            } else {
                compact(value, out, false);
            }
            return out.toString();
        }

        private static void pretty(Object value, StringBuilder out, int indent) {
            StringBuilder line = new StringBuilder();
            compact(value, line, true);
            String oneLine = line.toString();
            boolean container = value instanceof Map<?, ?> || value instanceof List<?>;
            if (!container || indent * 2 + oneLine.length() <= INLINE_WIDTH) {
                out.append(oneLine);
                return;
            }
            String inner = "  ".repeat(indent + 1);
            if (value instanceof Map<?, ?> map) {
                out.append("{\n");
                int i = 0;
                for (Map.Entry<?, ?> e : map.entrySet()) {
                    out.append(inner);
                    string((String) e.getKey(), out);
                    out.append(": ");
                    pretty(e.getValue(), out, indent + 1);
                    out.append(++i < map.size() ? ",\n" : "\n");
                }
                out.append("  ".repeat(indent)).append('}');
            } else {
                List<?> list = (List<?>) value;
                out.append("[\n");
                for (int i = 0; i < list.size(); i++) {
                    out.append(inner);
                    pretty(list.get(i), out, indent + 1);
                    out.append(i + 1 < list.size() ? ",\n" : "\n");
                }
                out.append("  ".repeat(indent)).append(']');
            }
        }

        /** One line; {@code spaced} adds a space after ',' and ':' for the pretty form's short lines. */
        private static void compact(Object value, StringBuilder out, boolean spaced) {
            String comma = spaced ? ", " : ",";
            String colon = spaced ? ": " : ":";
            switch (value) {
                case null -> out.append("null");
                case String s -> string(s, out);
                case Boolean b -> out.append(b);
                case Integer n -> out.append(n);
                case Long n -> out.append(n);
                case Map<?, ?> map -> {
                    out.append('{');
                    int i = 0;
                    for (Map.Entry<?, ?> e : map.entrySet()) {
                        if (i++ > 0) out.append(comma);
                        string((String) e.getKey(), out);
                        out.append(colon);
                        compact(e.getValue(), out, spaced);
                    }
                    out.append('}');
                }
                case List<?> list -> {
                    out.append('[');
                    for (int i = 0; i < list.size(); i++) {
                        if (i > 0) out.append(comma);
                        compact(list.get(i), out, spaced);
                    }
                    out.append(']');
                }
                default -> throw new IllegalArgumentException("not a JSON value: " + value.getClass());
            }
        }

        private static void string(String s, StringBuilder out) {
            out.append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    case '\t' -> out.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            out.append(String.format("\\u%04x", (int) c));
                        } else {
                            out.append(c);
                        }
                    }
                }
            }
            out.append('"');
        }
    }
}
