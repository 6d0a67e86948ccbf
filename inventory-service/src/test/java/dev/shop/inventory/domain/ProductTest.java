package dev.shop.inventory.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A product's own rules. Its stock changes only through the conditional UPDATEs of {@code StockLedger}, tested
 * against the real database.
 */
@Tag("fast")
class ProductTest {

    private static final ProductDetails MUG = new ProductDetails("Mug", "Stoneware, 300 ml", 1_250, "EUR");

    @Test
    void aNewProductHasItsInitialStockAndDetails() {
        Product product = Product.create("MUG-1", MUG, 10);

        assertEquals(10, product.availableStock());
        assertEquals("MUG-1", product.sku());
        assertEquals("Mug", product.name());
        assertEquals(1_250, product.priceCents());
        assertEquals("EUR", product.currency());
    }

    @Test
    void aProductMayStartOutOfStock() {
        assertEquals(0, Product.create("MUG-1", MUG, 0).availableStock());
    }

    @Test
    void aNegativeInitialStockIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Product.create("MUG-1", MUG, -1));
    }

    @Test
    void everyProductGetsItsOwnId() {
        assertNotEquals(Product.create("MUG-1", MUG, 1).id(), Product.create("MUG-2", MUG, 1).id());
    }

    @Test
    void changingTheDetailsKeepsSkuAndStock() {
        Product product = Product.create("MUG-1", MUG, 10);

        product.changeDetails(new ProductDetails("Big mug", null, 1_500, "EUR"));

        assertEquals("Big mug", product.name());
        assertEquals(1_500, product.priceCents());
        assertEquals("MUG-1", product.sku());
        assertEquals(10, product.availableStock());
    }

    @Test
    void theViewShowsWhatReadersSee() {
        Product product = Product.create("MUG-1", MUG, 10);

        assertEquals(new ProductView(product.id(), "MUG-1", "Mug", "Stoneware, 300 ml", 1_250, "EUR", 10),
                ProductView.of(product));
    }
}
