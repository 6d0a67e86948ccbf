package dev.shop.stack.fuzz;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.shop.stack.testing.ForgedTokens;
import dev.shop.stack.testing.Tokens;

/**
 * What the fuzzer's valid requests refer to, made through the gateway before the run: two products of its own
 * (so that its admin writes never touch the real catalog), orders of its customers, real cursors, and real tokens
 * (renewed while the run lasts). Customers {@code customer-0991}...{@code customer-0995} of the demo realm are the
 * fuzzer's; their profiles and orders are what it changes.
 */
final class Fixtures {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CUSTOMERS = List.of("customer-0991", "customer-0992", "customer-0993",
            "customer-0994", "customer-0995");

    final String gateway;
    final String issuer;
    final String runId;
    final List<String> productIds = new ArrayList<>();
    final List<String> productSkus = new ArrayList<>();
    /** Orders of customer i, by index in {@link #CUSTOMERS}. */
    final List<String> orderIds = new ArrayList<>();
    final List<String> customerIds = new ArrayList<>();
    String productCursor;
    String orderCursor;
    /** One Idempotency-Key that many requests of the run share, for replays, reuse with another body and races. */
    final String sharedIdempotencyKey = UUID.randomUUID().toString();
    private final HttpClient http;
    private final String keyId;

    private Fixtures(String gateway, String issuer, HttpClient http) {
        this.gateway = gateway;
        this.issuer = issuer;
        this.http = http;
        this.runId = Long.toString(System.currentTimeMillis(), 36).toUpperCase();
        this.keyId = ForgedTokens.keyIdOf(admin());
    }

    static Fixtures create(String gateway, String issuer, HttpClient http) {
        Fixtures fixtures = new Fixtures(gateway, issuer, http);
        fixtures.setUp();
        return fixtures;
    }

    private void setUp() {
        for (int i = 1; i <= 2; i++) {
            String sku = "FUZZ-" + runId + "-" + i;
            JsonNode product = send("POST", "/api/v1/products", admin(), """
                    {"sku": "%s", "name": "Fuzz target %d", "description": "Made by the fuzz suite", "priceCents": 100,
                     "currency": "EUR", "initialStock": 1000000000}""".formatted(sku, i), 201);
            productIds.add(product.get("id").asText());
            productSkus.add(sku);
        }
        for (int i = 0; i < CUSTOMERS.size(); i++) {
            customerIds.add(send("GET", "/api/v1/users/me", customer(i), null, 200).get("id").asText());
            orderIds.add(placeOrder(i));
        }
        placeOrder(0); // customer 0 has two orders, so that their first page has a next cursor
        productCursor = send("GET", "/api/v1/products?limit=1", null, null, 200).path("nextCursor").asText(null);
        orderCursor = send("GET", "/api/v1/orders?limit=1", customer(0), null, 200).path("nextCursor").asText(null);
    }

    private String placeOrder(int customer) {
        return send("POST", "/api/v1/orders", customer(customer), """
                {"lines": [{"productId": "%s", "quantity": 1}], "paymentMethod": "pm_card_visa"}"""
                .formatted(productIds.get(0)), 201).get("id").asText();
    }

    int customers() {
        return CUSTOMERS.size();
    }

    String customer(int index) {
        return Tokens.accessToken(issuer, CUSTOMERS.get(index), "customer");
    }

    String admin() {
        return Tokens.accessToken(issuer, "admin", "admin");
    }

    /** Claims as Keycloak would issue them to someone with the admin role, valid for five minutes. */
    String forgedClaims() {
        return ForgedTokens.validClaims(issuer);
    }

    String keycloakKeyId() {
        return keyId;
    }

    private JsonNode send(String method, String path, String token, String json, int expected) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(gateway + path)).timeout(Duration.ofSeconds(30))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        if (path.equals("/api/v1/orders") && method.equals("POST")) {
            request.header("Idempotency-Key", UUID.randomUUID().toString());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != expected) {
                throw new IllegalStateException("fuzz fixture: " + method + " " + path + " answered "
                        + response.statusCode() + " instead of " + expected + ": " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("fuzz fixture: " + method + " " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
