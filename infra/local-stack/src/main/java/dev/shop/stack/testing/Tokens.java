package dev.shop.stack.testing;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Real access tokens from the test Keycloak (password grant through client {@code shop-cli}), cached per user
 * for a minute. Demo users: alice/alice, bob/bob (customers), admin/admin, customer-0001..1000/customer.
 */
public final class Tokens {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern SUBJECT = Pattern.compile("\"sub\"\\s*:\\s*\"([^\"]+)\"");
    private static final Map<String, Cached> CACHE = new ConcurrentHashMap<>();

    private Tokens() {
    }

    public static String alice() {
        return accessToken("alice", "alice");
    }

    public static String bob() {
        return accessToken("bob", "bob");
    }

    public static String admin() {
        return accessToken("admin", "admin");
    }

    /** The token's {@code sub}: the id a service knows the user by (e.g. an order's {@code customerId}). */
    public static String subject(String token) {
        Matcher matcher = SUBJECT.matcher(ForgedTokens.claimsOf(token));
        if (!matcher.find()) {
            throw new IllegalStateException("token without sub");
        }
        return matcher.group(1);
    }

    public static String accessToken(String username, String password) {
        return accessToken(TestServers.get().keycloakIssuer(), username, password);
    }

    /** A token from the Keycloak of {@code issuer}, e.g. a whole stack's started by {@code ./shop up}; cached as above. */
    public static String accessToken(String issuer, String username, String password) {
        String key = issuer + ' ' + username;
        Cached cached = CACHE.get(key);
        if (cached != null && cached.fetchedAt + Duration.ofMinutes(1).toNanos() > System.nanoTime()) {
            return cached.token;
        }
        String token = passwordGrant(issuer, username, password);
        CACHE.put(key, new Cached(token, System.nanoTime()));
        return token;
    }

    /** A new token, never cached: password grant through client {@code shop-cli} at the realm of {@code issuer}. */
    public static String passwordGrant(String issuer, String username, String password) {
        String form = "grant_type=password&client_id=shop-cli&username=" + encode(username)
                + "&password=" + encode(password);
        HttpRequest request = HttpRequest.newBuilder(
                URI.create(issuer + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            Matcher matcher = ACCESS_TOKEN.matcher(response.body());
            if (response.statusCode() != 200 || !matcher.find()) {
                throw new IllegalStateException("password grant for " + username + " failed: HTTP "
                        + response.statusCode() + " " + response.body());
            }
            return matcher.group(1);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Keycloak unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private record Cached(String token, long fetchedAt) {
    }
}
