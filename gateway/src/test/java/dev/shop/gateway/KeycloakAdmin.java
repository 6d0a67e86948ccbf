package dev.shop.gateway;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.shop.stack.testing.TestServers;

/**
 * The few calls to the test Keycloak that {@code Tokens} does not make: tokens from other clients and realms
 * (real tokens with the wrong audience or issuer), and the realm's token lifespan (a real expired token).
 * The test Keycloak belongs to this test JVM alone; its bootstrap admin is admin/admin.
 */
final class KeycloakAdmin {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private KeycloakAdmin() {
    }

    static String issuer() {
        return TestServers.get().keycloakIssuer();
    }

    static String serverUrl() {
        return issuer().substring(0, issuer().indexOf("/realms/"));
    }

    /** Password grant at any realm and client (direct access grants enabled). */
    static String passwordGrant(String realm, String clientId, String username, String password) {
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
    static void setAccessTokenLifespan(int seconds) {
        String admin = passwordGrant("master", "admin-cli", "admin", "admin");
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(serverUrl() + "/admin/realms/shop"))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"accessTokenLifespan\": " + seconds + "}")).build());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("realm update failed: " + response.statusCode() + " " + response.body());
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
