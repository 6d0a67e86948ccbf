package dev.shop.platform.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("fast")
class CacheKeysTest {

    @Test
    void keysAreServiceEntitySchemaAndId() {
        CacheKeys keys = new CacheKeys("inventory", "product", 1);
        assertEquals("inventory:product:v1:42", keys.valueKey("42"));
        assertEquals("inventory:product:v1:42:fence", keys.fenceKey("42"));
    }

    @Test
    void rejectsNamesThatWouldBreakTheKeyLayout() {
        assertThrows(IllegalArgumentException.class, () -> new CacheKeys("inventory:x", "product", 1));
        assertThrows(IllegalArgumentException.class, () -> new CacheKeys("inventory", "product", 0));
    }
}
