package dev.shop.inventory.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class ProductDetailsTest {

    @Test
    void aMissingDescriptionIsEmpty() {
        assertEquals("", new ProductDetails("Mug", null, 1_250, "EUR").description());
    }

    @Test
    void aFreeProductIsAllowed() {
        assertEquals(0, new ProductDetails("Sticker", "", 0, "EUR").priceCents());
    }

    @Test
    void aNegativePriceIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ProductDetails("Mug", "", -1, "EUR"));
    }

    @Test
    void nameAndCurrencyAreRequired() {
        assertThrows(NullPointerException.class, () -> new ProductDetails(null, "", 1_250, "EUR"));
        assertThrows(NullPointerException.class, () -> new ProductDetails("Mug", "", 1_250, null));
    }
}
