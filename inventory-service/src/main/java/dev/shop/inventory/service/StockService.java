package dev.shop.inventory.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

import dev.shop.inventory.domain.ProductChanged;
import dev.shop.inventory.domain.ProductView;
import dev.shop.inventory.persistence.ProductRepository;

/**
 * Every change of available stock, each one conditional UPDATE in its own transaction (see
 * {@link ProductRepository}): stock never goes below zero, whatever runs at the same time. Each change fires
 * {@link ProductChanged}, so the cached product is invalidated after the commit; the saga's reservations
 * (later) build on {@link #take} and {@link #putBack} and get the invalidation for free.
 */
@ApplicationScoped
public class StockService {

    private final ProductRepository products;
    private final Event<ProductChanged> changed;

    StockService(ProductRepository products, Event<ProductChanged> changed) {
        this.products = products;
        this.changed = changed;
    }

    /** Sets the available stock (an admin's count of the shelf). */
    @Transactional
    public ProductView setAvailable(UUID id, int available) {
        if (!products.setAvailableStock(id, available)) {
            throw ProductService.notFound(id);
        }
        changed.fire(new ProductChanged(id));
        return ProductView.of(products.findById(id));
    }

    /** Takes {@code quantity} out of stock if that much is available; false (and nothing changed) otherwise. */
    @Transactional
    public boolean take(UUID id, int quantity) {
        requirePositive(quantity);
        boolean taken = products.takeStock(id, quantity);
        if (taken) {
            changed.fire(new ProductChanged(id));
        }
        return taken;
    }

    /** Puts {@code quantity} back into stock, e.g. when a reservation is released. */
    @Transactional
    public void putBack(UUID id, int quantity) {
        requirePositive(quantity);
        if (!products.returnStock(id, quantity)) {
            throw ProductService.notFound(id);
        }
        changed.fire(new ProductChanged(id));
    }

    private static void requirePositive(int quantity) {
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity must be positive: " + quantity);
        }
    }
}
