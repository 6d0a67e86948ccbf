package dev.shop.stack.testing;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few calls to the test Keycloak that {@code Tokens} does not make: tokens from other clients and realms
 * (real tokens with the wrong audience or issuer), and the realm's token lifespan (a real expired token).
 * The test Keycloak belongs to this test JVM alone; its bootstrap admin is admin/admin.
 */
public final class KeycloakAdmin {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private KeycloakAdmin() {
    }

    public static String issuer() {
        return TestServers.get().keycloakIssuer();
    }

    public static String serverUrl() {
        return issuer().substring(0, issuer().indexOf("/realms/"));
    }

    /** Password grant at any realm and client (direct access grants enabled). */
    public static String passwordGrant(String realm, String clientId, String username, String password) {
        String form = "grant_type=password&client_id=" + encode(clientId) + "&username=" + encode(username)
                + "&password=" + encode(password);
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                URI.create(serverUrl() + "/realms/" + realm + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
        Matcher matcher = ACCESS_TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !matcher.find()) {
            throw new IllegalStateException("password grant failed: " + response.statusCode() + " " + response.body());
        }
        return matcher.group(1);
    }

    /** Sets the shop realm's access token lifespan (Keycloak admin REST API, partial realm update). */
    public static void setAccessTokenLifespan(int seconds) {
        String admin = passwordGrant("master", "admin-cli", "admin", "admin");
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(serverUrl() + "/admin/realms/shop"))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"accessTokenLifespan\": " + seconds + "}")).build());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("realm update failed: " + response.statusCode() + " " + response.body());
        }
    }

    /**
     * A real token of the shop realm (client shop-cli), signed by its key, that has expired: issued while the
     * realm's access token lifespan was 2 s (restored to 300 s in any case), returned once past its {@code exp}.
     */
    public static String expiredToken(String username, String password) {
        String token = shortLivedToken(username, password);
        awaitExpiry(token);
        return token;
    }

    /** A real token of the realm that expires 2 seconds after it was issued. */
    public static String shortLivedToken(String username, String password) {
        setAccessTokenLifespan(2);
        try {
            return passwordGrant("shop", "shop-cli", username, password);
        } finally {
            setAccessTokenLifespan(300);
        }
    }

    /** Returns once the token's {@code exp} (whole seconds) is more than a second in the past. */
    public static void awaitExpiry(String token) {
        long exp = Long.parseLong(ForgedTokens.claimsOf(token).replaceAll(".*\"exp\":(\\d+).*", "$1"));
        try {
            while (System.currentTimeMillis() / 1000 <= exp + 1) {
                Thread.sleep(250);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
