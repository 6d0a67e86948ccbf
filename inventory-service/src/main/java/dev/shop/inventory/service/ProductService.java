package dev.shop.inventory.service;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.OptimisticLockException;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.hibernate.exception.ConstraintViolationException;

import dev.shop.inventory.cache.CatalogPageCache;
import dev.shop.inventory.cache.ProductCache;
import dev.shop.inventory.domain.Product;
import dev.shop.inventory.domain.ProductChanged;
import dev.shop.inventory.domain.ProductDetails;
import dev.shop.inventory.domain.ProductView;
import dev.shop.inventory.persistence.CatalogPage;
import dev.shop.inventory.persistence.ProductRepository;
import dev.shop.inventory.persistence.StockLedger;
import dev.shop.platform.problem.ProblemException;

/**
 * The catalog: reads through {@link CatalogPageCache} and {@link ProductCache}, writes in transactions that
 * invalidate the product cache after commit.
 */
@ApplicationScoped
public class ProductService {

    private final ProductRepository products;
    private final StockLedger ledger;
    private final ProductCache cache;
    private final CatalogPageCache pages;
    private final Event<ProductChanged> changed;

    ProductService(ProductRepository products, StockLedger ledger, ProductCache cache, CatalogPageCache pages,
            Event<ProductChanged> changed) {
        this.products = products;
        this.ledger = ledger;
        this.cache = cache;
        this.pages = pages;
        this.changed = changed;
    }

    public ProductView find(UUID id) {
        return cache.get(id).orElseThrow(() -> notFound(id));
    }

    /**
     * The {@code limit} products after {@code cursor} in catalog order. The page's ids come from Redis when it is
     * a full page read before, else from a keyset query on the index alone; the products themselves come from the
     * cache in one round trip.
     */
    public ProductPage page(String cursor, int limit) {
        CatalogPage page = pages.after(Cursor.decode(cursor), limit);
        List<ProductView> items = cache.getAll(page.ids());
        return new ProductPage(items, page.more() ? Cursor.after(page.lastSeq()) : null);
    }

    /** The products of {@code ids} the catalog has, in that order, each once: one Redis round trip. */
    public ProductPage products(List<UUID> ids) {
        return new ProductPage(cache.getAll(ids.stream().distinct().toList()), null);
    }

    /** A new product with {@code initialStock}, which opens its stock ledger (INITIAL). */
    @Transactional
    public ProductView create(String sku, ProductDetails details, int initialStock) {
        if (products.skuExists(sku)) {
            throw skuTaken(sku);
        }
        Product product = Product.create(sku, details, initialStock);
        try {
            products.persistAndFlush(product);
        } catch (PersistenceException e) {
            if (violates(e, "products_sku_key")) {
                throw skuTaken(sku); // created by a concurrent request since the check above
            }
            throw e;
        }
        ledger.recordInitialStock(product.id(), initialStock);
        changed.fire(new ProductChanged(product.id()));
        return ProductView.of(product);
    }

    @Transactional
    public ProductView changeDetails(UUID id, ProductDetails details) {
        Product product = products.findByIdOptional(id).orElseThrow(() -> notFound(id));
        product.changeDetails(details);
        try {
            products.flush();
        } catch (OptimisticLockException e) {
            throw new ProblemException(409, "CONCURRENT_UPDATE", "Concurrent update",
                    "Product " + id + " was changed by another request at the same time; read it and retry.");
        }
        changed.fire(new ProductChanged(id));
        return ProductView.of(product);
    }

    static ProblemException notFound(UUID id) {
        return new ProblemException(404, "PRODUCT_NOT_FOUND", "Product not found", "No product with id " + id + ".");
    }

    private static ProblemException skuTaken(String sku) {
        return new ProblemException(409, "SKU_ALREADY_EXISTS", "SKU already exists",
                "Another product already has SKU " + sku + ".");
    }

    private static boolean violates(Throwable e, String constraint) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConstraintViolationException violation
                    && constraint.equals(violation.getConstraintName())) {
                return true;
            }
        }
        return false;
    }
}
