package dev.shop.inventory.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A product of the catalog with its available stock. Details change through {@link #changeDetails}; stock
 * never changes through this entity (its column is not updatable here) but only through the conditional
 * UPDATEs of {@code StockLedger}, which cannot oversell even under concurrency and record every change.
 */
@Entity
@Table(name = "products")
public class Product {

    @Id
    private UUID id;

    /** Catalog order and cursor key, assigned by the database on insert (see V1__create_products.sql). */
    @Column(insertable = false, updatable = false)
    private Long seq;

    @Column(updatable = false)
    private String sku;

    private String name;

    private String description;

    @Column(name = "price_cents")
    private long priceCents;

    private String currency;

    @Column(name = "available_stock", updatable = false)
    private int availableStock;

    @Version
    private long version;

    @Column(name = "created_at", updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Product() {
        // for Hibernate
    }

    public static Product create(String sku, ProductDetails details, int initialStock) {
        if (initialStock < 0) {
            throw new IllegalArgumentException("initial stock must not be negative: " + initialStock);
        }
        Product product = new Product();
        product.id = UUID.randomUUID();
        product.sku = sku;
        product.availableStock = initialStock;
        product.createdAt = Instant.now();
        product.apply(details);
        return product;
    }

    /** Replaces name, description and price; the SKU and the stock stay. */
    public void changeDetails(ProductDetails details) {
        apply(details);
    }

    private void apply(ProductDetails details) {
        this.name = details.name();
        this.description = details.description();
        this.priceCents = details.priceCents();
        this.currency = details.currency();
        this.updatedAt = Instant.now();
    }

    public UUID id() {
        return id;
    }

    public String sku() {
        return sku;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    public long priceCents() {
        return priceCents;
    }

    public String currency() {
        return currency;
    }

    public int availableStock() {
        return availableStock;
    }
}
