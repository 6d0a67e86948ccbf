package dev.shop.orders.client;

/** inventory-service did not answer usefully (5xx, refused, timed out): counts against the breaker. */
public class InventoryUnavailableException extends RuntimeException {

    public InventoryUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
