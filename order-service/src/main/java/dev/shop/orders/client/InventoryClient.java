package dev.shop.orders.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import dev.shop.orders.config.InventoryConfig;
import dev.shop.platform.problem.ProblemException;
import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.ExponentialBackoff;

/**
 * The guarded price check of order-service -> inventory-service (docs/design.md section 8): a short timeout, retry
 * with exponential backoff and jitter (the call is an idempotent read), the circuit breaker {@code inventory},
 * and a documented fallback: the last price seen for the product, at most {@code shop.inventory.price-cache-ttl}
 * old. Without one, 503 {@code UPSTREAM_UNAVAILABLE} with {@code Retry-After}.
 *
 * <p>Breaker failures: 5xx, connection errors and timeouts only. A 404 is an answer (unknown product), not a
 * failure. Inventory stays the authority on stock: a stale price never oversells, the saga reserves stock.
 */
@ApplicationScoped
public class InventoryClient {

    private static final Logger LOG = Logger.getLogger(InventoryClient.class);

    @Inject
    @RestClient
    InventoryApi api;

    @Inject
    InventoryConfig config;

    private final Map<UUID, ProductPrice> lastSeen = new ConcurrentHashMap<>();
    private final Clock clock = Clock.systemUTC();

    /** @return the current price, or empty when inventory does not know the product */
    @Timeout(value = 1500, unit = ChronoUnit.MILLIS)
    @Retry(maxRetries = 2, delay = 100, jitter = 50,
            retryOn = { InventoryUnavailableException.class, TimeoutException.class })
    @ExponentialBackoff(maxDelay = 1000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2,
            failOn = { InventoryUnavailableException.class, TimeoutException.class })
    @CircuitBreakerName("inventory")
    @Fallback(fallbackMethod = "cachedPrice",
            applyOn = { InventoryUnavailableException.class, TimeoutException.class, CircuitBreakerOpenException.class })
    public Optional<ProductPrice> price(UUID productId) {
        ProductView product;
        try {
            product = api.product(productId);
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status == 404) {
                lastSeen.remove(productId);
                return Optional.empty();
            }
            if (status >= 500 || status == 429) {
                throw new InventoryUnavailableException("inventory-service answered " + status, e);
            }
            throw new IllegalStateException("inventory-service answered " + status + " to a product read", e);
        } catch (ProcessingException e) {
            throw new InventoryUnavailableException("inventory-service unreachable: " + e.getMessage(), e);
        }
        ProductPrice price = new ProductPrice(product.id(), product.sku(), product.priceCents(), product.currency(),
                clock.instant(), false);
        lastSeen.put(productId, price);
        return Optional.of(price);
    }

    Optional<ProductPrice> cachedPrice(UUID productId) {
        ProductPrice cached = lastSeen.get(productId);
        Duration ttl = config.priceCacheTtl();
        if (cached == null || cached.fetchedAt().plus(ttl).isBefore(Instant.now(clock))) {
            throw new ProblemException(503, "UPSTREAM_UNAVAILABLE", "Upstream unavailable",
                    "inventory-service is not answering and no recent price is known for product " + productId
                            + "; try again shortly.").retryAfter(Duration.ofSeconds(5));
        }
        LOG.debugf("inventory unavailable: using the price of %s seen at %s", productId, cached.fetchedAt());
        return Optional.of(new ProductPrice(cached.productId(), cached.sku(), cached.priceCents(), cached.currency(),
                cached.fetchedAt(), true));
    }
}
