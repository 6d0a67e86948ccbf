package dev.shop.stack.chaos;

import static dev.shop.stack.JsonIds.firstId;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

import dev.shop.stack.JsonIds;
import dev.shop.stack.testing.Tokens;

/**
 * Customers who place orders the way a careful client does: each order has its own Idempotency-Key, and a request
 * that got no answer, a 5xx, a 429 or a 409 (the same key still being processed) is sent again with the same key
 * until it is answered or {@link #GIVE_UP} has passed. An expired or refused token is fetched again.
 */
final class RetryingCustomers {

    static final Duration GIVE_UP = Duration.ofMinutes(5);
    /** A client's pause before it sends a request again: 0.5 s, then doubling up to 8 s, each with jitter. */
    private static final Duration FIRST_PAUSE = Duration.ofMillis(500);
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(8);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String gateway;
    private final String issuer;
    private final List<String> users;
    private final List<String> products;
    private final Map<String, String> tokens = new ConcurrentHashMap<>();

    /** Idempotency-Key -> the order the shop answered with. */
    final Map<String, String> orderByKey = new ConcurrentHashMap<>();
    /** Keys answered with a different order on a retry: two orders for one key. */
    final Set<String> keysWithTwoOrders = ConcurrentHashMap.newKeySet();
    /** Keys answered with a final 4xx (what and why), not an order. */
    final Map<String, String> refused = new ConcurrentHashMap<>();
    /** Keys never answered within {@link #GIVE_UP}. */
    final Set<String> givenUp = ConcurrentHashMap.newKeySet();
    final AtomicLong retries = new AtomicLong();

    RetryingCustomers(String gateway, String issuer, List<String> users) {
        this.gateway = gateway;
        this.issuer = issuer;
        this.users = users;
        this.products = catalogPage(gateway);
    }

    /** The subjects (ids) of these customers, as orders store them. */
    List<String> subjects() {
        return users.stream().map(user -> Tokens.subject(token(user))).toList();
    }

    /** Places the n-th order and returns once the shop answered it, refused it, or the client gave up. */
    void placeOrder(long n) {
        String user = users.get((int) (n % users.size()));
        String product = products.get((int) (n % products.size()));
        String key = UUID.randomUUID().toString();
        long giveUpAt = System.nanoTime() + GIVE_UP.toNanos();
        int attempt = 0;
        while (true) {
            try {
                HttpResponse<String> answer = HTTP.send(order(user, key, product), HttpResponse.BodyHandlers.ofString());
                int status = answer.statusCode();
                if (status == 200 || status == 201) {
                    String id = firstId(answer.body());
                    String earlier = orderByKey.putIfAbsent(key, id);
                    if (earlier != null && !earlier.equals(id)) {
                        keysWithTwoOrders.add(key);
                    }
                    return;
                }
                if (status == 401) {
                    tokens.remove(user);
                } else if (status < 500 && status != 409 && status != 429) {
                    refused.put(key, status + " " + answer.body());
                    return;
                }
            } catch (IOException | IllegalStateException notAnswered) {
                // no connection, a timeout, or Keycloak down while fetching a token: try again with the same key
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (System.nanoTime() > giveUpAt) {
                givenUp.add(key);
                return;
            }
            retries.incrementAndGet();
            try {
                Thread.sleep(pause(attempt++));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Exponential backoff with jitter, as a well-behaved client retries. With a fixed 0.5 s, every order waiting for a
     * component that was down came back twice a second (thousands of requests in a short run), and that storm slowed
     * the restart of the very component it waited for.
     */
    static long pause(int attempt) {
        long cap = Math.min(LONGEST_PAUSE.toMillis(), FIRST_PAUSE.toMillis() << Math.min(attempt, 10));
        return ThreadLocalRandom.current().nextLong(cap / 2, cap + 1);
    }

    private HttpRequest order(String user, String key, String product) {
        return HttpRequest.newBuilder(URI.create(gateway + "/api/v1/orders"))
                .timeout(Duration.ofSeconds(10))
                .header("Authorization", "Bearer " + token(user))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString("""
                        {"lines": [{"productId": "%s", "quantity": 1}], "paymentMethod": "pm_card_visa"}"""
                        .formatted(product)))
                .build();
    }

    private String token(String user) {
        return tokens.computeIfAbsent(user, name -> Tokens.passwordGrant(issuer, name, "customer"));
    }

    private static List<String> catalogPage(String gateway) {
        try {
            String page = HTTP.send(HttpRequest.newBuilder(URI.create(gateway + "/api/v1/products?limit=20")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            List<String> ids = JsonIds.allIds(page);
            if (ids.isEmpty()) {
                throw new IllegalStateException("the catalog is empty: " + page);
            }
            return ids;
        } catch (IOException e) {
            throw new IllegalStateException("the gateway does not answer at " + gateway, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
