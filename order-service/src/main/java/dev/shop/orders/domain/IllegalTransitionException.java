package dev.shop.orders.domain;

/** A state change the order's life cycle does not allow, e.g. cancelling a confirmed order. */
public class IllegalTransitionException extends RuntimeException {

    private final OrderStatus from;

    public IllegalTransitionException(OrderStatus from, String attempted) {
        super("cannot " + attempted + " an order that is " + from);
        this.from = from;
    }

    public OrderStatus from() {
        return from;
    }
}
