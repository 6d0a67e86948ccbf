package dev.shop.load;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Access tokens of the realm's load-test customers (customer-0001 .. customer-1000, password "customer"),
 * fetched once per customer before the run and fetched again 30 s before they expire by a background thread, so a
 * long run never sends an expired token, and neither Keycloak nor a blocking call on one of Gatling's event loops
 * is part of what is measured.
 */
public final class CustomerTokens {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static final Pattern TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern EXPIRES = Pattern.compile("\"expires_in\"\\s*:\\s*(\\d+)");
    private static final Map<String, Token> TOKENS = new ConcurrentHashMap<>();
    private static final ScheduledExecutorService REFRESHER = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "customer-token-refresher");
        thread.setDaemon(true);
        return thread;
    });

    private CustomerTokens() {
    }

    public static String username(long index) {
        return String.format("customer-%04d", index % LoadSettings.customers() + 1);
    }

    /** The customer's current token; fetched here only if {@link #prefetch} did not (a blocking call). */
    public static String tokenFor(String username) {
        return TOKENS.computeIfAbsent(username, CustomerTokens::fetch).value;
    }

    /**
     * Fetches every customer's token up front, a few at a time, before the first user starts; from then on a
     * background thread replaces each token 30 s before it expires.
     */
    public static void prefetch(int customers) {
        IntStream.rangeClosed(1, customers).parallel().forEach(i -> tokenFor(String.format("customer-%04d", i)));
        REFRESHER.scheduleWithFixedDelay(CustomerTokens::refreshDueTokens, 5, 5, TimeUnit.SECONDS);
    }

    private static void refreshDueTokens() {
        Instant now = Instant.now();
        TOKENS.forEach((username, token) -> {
            if (now.isAfter(token.refreshAt)) {
                try {
                    TOKENS.put(username, fetch(username));
                } catch (IllegalStateException e) { // the old token stays until the next try, 5 s later
                    System.err.println("Token refresh failed: " + e.getMessage());
                }
            }
        });
    }

    private static Token fetch(String username) {
        String form = "grant_type=password&client_id=shop-cli&username=" + username + "&password=customer";
        HttpRequest request = HttpRequest.newBuilder(URI.create(LoadSettings.issuer() + "/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            Matcher token = TOKEN.matcher(response.body());
            Matcher expires = EXPIRES.matcher(response.body());
            if (response.statusCode() != 200 || !token.find() || !expires.find()) {
                throw new IllegalStateException("no token for " + username + ": HTTP " + response.statusCode());
            }
            long lifetime = Long.parseLong(expires.group(1));
            return new Token(token.group(1), Instant.now().plusSeconds(Math.max(5, lifetime - 30)));
        } catch (java.io.IOException e) {
            throw new IllegalStateException("Keycloak unreachable at " + LoadSettings.issuer(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private record Token(String value, Instant refreshAt) {
    }
}
