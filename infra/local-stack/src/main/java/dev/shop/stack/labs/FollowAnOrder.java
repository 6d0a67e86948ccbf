package dev.shop.stack.labs;

import static dev.shop.stack.labs.Expectation.Finding.met;
import static dev.shop.stack.labs.Expectation.Finding.missing;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Lab 1: place orders as alice, follow one through the saga, and see a declined card compensated. */
final class FollowAnOrder {

    static final List<String> CONFIRMED_STEPS = List.of("ORDER_PLACED", "STOCK_RESERVED", "PAYMENT_COMPLETED",
            "CONFIRMED");

    static final Lab LAB = new Lab(1, "Follow one order through the saga", "docs/labs/01-follow-an-order.md",
            FollowAnOrder::expectations);

    private FollowAnOrder() {
    }

    static List<Expectation> expectations(RunningShop shop) {
        return List.of(
                new Expectation("alice has an order that ended CONFIRMED", () -> latest(shop, "CONFIRMED", null)
                        .map(order -> met("order " + order))
                        .orElse(missing("no CONFIRMED order of alice yet: place one with POST /api/v1/orders and an "
                                + "Idempotency-Key, card pm_card_visa (step 2 of the lab)"))),
                new Expectation("its timeline shows every step: " + String.join(", ", CONFIRMED_STEPS), () -> {
                    Optional<UUID> order = latest(shop, "CONFIRMED", null);
                    if (order.isEmpty()) {
                        return missing("needs the CONFIRMED order first");
                    }
                    List<Object> steps = shop.query("orders", "select step from order_timeline where order_id = ?"
                            + " order by step_no", order.get()).stream().map(row -> row.get("step")).toList();
                    return steps.containsAll(CONFIRMED_STEPS) ? met(String.join(" -> ", steps.stream()
                            .map(String::valueOf).toList()))
                            : missing("the timeline has only " + steps + "; read it with GET /api/v1/orders/{id}/timeline");
                }),
                new Expectation("alice has an order CANCELLED because the card was declined",
                        () -> latest(shop, "CANCELLED", "PAYMENT_DECLINED")
                                .map(order -> met("order " + order))
                                .orElse(missing("pay an order with the card pm_card_declined (step 4 of the lab)"))),
                new Expectation("the stock of that declined order was given back (its reservation RELEASED)",
                        () -> declinedOrders(shop, "inventory", "select status from stock_reservation where order_id = ?",
                                "RELEASED", "the release follows OrderCancelled")),
                new Expectation("no money was kept for the declined order (its payment DECLINED)",
                        () -> declinedOrders(shop, "payments", "select status from payment where order_id = ?",
                                "DECLINED", "the payment records the decline before OrderCancelled")));
    }

    /** Whether alice's newest declined order has {@code status} in another service's table. */
    private static Expectation.Finding declinedOrders(RunningShop shop, String database, String sql, String status,
            String why) throws Exception {
        Optional<UUID> order = latest(shop, "CANCELLED", "PAYMENT_DECLINED");
        if (order.isEmpty()) {
            return missing("needs the declined order first");
        }
        List<Object> found = shop.query(database, sql, order.get()).stream().map(row -> row.get("status")).toList();
        return found.equals(List.of(status)) ? met("order " + order.get() + ": " + status)
                : missing("order " + order.get() + " has " + found + " in " + database + "; wait a second and check"
                        + " again (" + why + ")");
    }

    /** alice's newest order with this status (and cancel reason, when given). */
    static Optional<UUID> latest(RunningShop shop, String status, String cancelReason) throws Exception {
        String sql = "select id from orders where customer_id = ? and status = ?"
                + (cancelReason == null ? "" : " and cancel_reason = ?") + " order by created_at desc limit 1";
        Object[] parameters = cancelReason == null ? new Object[] {RunningShop.ALICE, status}
                : new Object[] {RunningShop.ALICE, status, cancelReason};
        return shop.query("orders", sql, parameters).stream().map(row -> (UUID) row.get("id")).findFirst();
    }
}
