package dev.shop.orders.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
 * The guarded price check of order-service -> inventory-service (docs/design.md section 8): the prices of all of an
 * order's products in one call (ADR 0023), with a short timeout, retry with exponential backoff and jitter (the
 * call is an idempotent read), the circuit breaker {@code inventory},
 * and a documented fallback: the last price seen for each product, at most {@code shop.inventory.price-cache-ttl}
 * old. Without one for every product, 503 {@code UPSTREAM_UNAVAILABLE} with {@code Retry-After}.
 *
 * <p>Breaker failures: 5xx, connection errors and timeouts only. A product missing from the answer is unknown to the
 * catalog, not a failure. Inventory stays the authority on stock: a stale price never oversells, the saga reserves stock.
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

    /**
     * The current prices of {@code productIds}, read in one call.
     *
     * @return a price for each product inventory knows; a product it does not know has none
     */
    @Timeout(value = 1500, unit = ChronoUnit.MILLIS)
    @Retry(maxRetries = 2, delay = 100, jitter = 50,
            retryOn = { InventoryUnavailableException.class, TimeoutException.class })
    @ExponentialBackoff(maxDelay = 1000)
    @CircuitBreaker(requestVolumeThreshold = 10, failureRatio = 0.5, delay = 5000, successThreshold = 2,
            failOn = { InventoryUnavailableException.class, TimeoutException.class })
    @CircuitBreakerName("inventory")
    @Fallback(fallbackMethod = "cachedPrices",
            applyOn = { InventoryUnavailableException.class, TimeoutException.class, CircuitBreakerOpenException.class })
    public Map<UUID, ProductPrice> prices(List<UUID> productIds) {
        List<ProductView> products;
        try {
            products = api.products(productIds).items();
        } catch (WebApplicationException e) {
            int status = e.getResponse().getStatus();
            if (status >= 500 || status == 429) {
                throw new InventoryUnavailableException("inventory-service answered " + status, e);
            }
            throw new IllegalStateException("inventory-service answered " + status + " to a product read", e);
        } catch (ProcessingException e) {
            throw new InventoryUnavailableException("inventory-service unreachable: " + e.getMessage(), e);
        }
        Instant now = clock.instant();
        Map<UUID, ProductPrice> prices = new HashMap<>();
        for (ProductView product : products) {
            prices.put(product.id(), new ProductPrice(product.id(), product.sku(), product.priceCents(),
                    product.currency(), now, false));
        }
        for (UUID productId : productIds) {
            ProductPrice price = prices.get(productId);
            if (price == null) {
                lastSeen.remove(productId);
            } else {
                lastSeen.put(productId, price);
            }
        }
        return prices;
    }

    Map<UUID, ProductPrice> cachedPrices(List<UUID> productIds) {
        Map<UUID, ProductPrice> prices = new HashMap<>();
        Instant oldest = Instant.now(clock).minus(config.priceCacheTtl());
        for (UUID productId : productIds) {
            ProductPrice cached = lastSeen.get(productId);
            if (cached == null || cached.fetchedAt().isBefore(oldest)) {
                throw new ProblemException(503, "UPSTREAM_UNAVAILABLE", "Upstream unavailable",
                        "inventory-service is not answering and no recent price is known for product " + productId
                                + "; try again shortly.").retryAfter(Duration.ofSeconds(5));
            }
            LOG.debugf("inventory unavailable: using the price of %s seen at %s", productId, cached.fetchedAt());
            prices.put(productId, new ProductPrice(cached.productId(), cached.sku(), cached.priceCents(),
                    cached.currency(), cached.fetchedAt(), true));
        }
        return prices;
    }
}
