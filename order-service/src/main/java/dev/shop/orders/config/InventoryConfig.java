package dev.shop.orders.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How order-service reaches inventory-service; defaults also written in application.properties. */
@ConfigMapping(prefix = "shop.inventory")
public interface InventoryConfig {

    /** Base URL of inventory-service (env SHOP_INVENTORY_URL). */
    @WithDefault("http://127.0.0.1:8084")
    String url();

    /** How old a cached price may be when inventory is unreachable (fallback of the price check). */
    @WithDefault("PT10M")
    Duration priceCacheTtl();
}
