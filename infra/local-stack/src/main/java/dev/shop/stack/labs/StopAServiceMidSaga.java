package dev.shop.stack.labs;

import static dev.shop.stack.labs.Expectation.Finding.met;
import static dev.shop.stack.labs.Expectation.Finding.missing;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Lab 3: stop payment-service, place an order, see its events wait (order-service's outbox is published, Kafka keeps
 * the events, the order stays STOCK_RESERVED), start payment-service again and see the saga finish, each event applied
 * once.
 */
final class StopAServiceMidSaga {

    static final Duration WAITED = Duration.ofSeconds(15);

    static final Lab LAB = new Lab(3, "Stop a service in the middle of a saga",
            "docs/labs/03-stop-a-service-mid-saga.md", StopAServiceMidSaga::expectations);

    private StopAServiceMidSaga() {
    }

    static List<Expectation> expectations(RunningShop shop) {
        return List.of(
                new Expectation("an order of alice waited at least " + WAITED.toSeconds() + " s for payment-service"
                        + " and was then CONFIRMED", () -> {
                    Map<String, Object> order = waitedOrder(shop);
                    return order != null ? met("order " + order.get("order_id") + ": payment-service took it "
                            + order.get("waited") + " after it was placed")
                            : missing("no such order yet: ./shop stop payment-service, place an order as alice, wait"
                                    + " 20 s, ./shop restart payment-service (steps 2 to 4)");
                }),
                new Expectation("payment-service is running again", () -> shop.isReady("payment-service")
                        ? met("ready") : missing("./shop restart payment-service")),
                new Expectation("order-service's outbox has no event waiting", () -> {
                    long waiting = (Long) shop.query("orders", "select count(*) as waiting from outbox_event"
                            + " where published_at is null and quarantined_at is null").getFirst().get("waiting");
                    return waiting == 0 ? met("every event is published")
                            : missing(waiting + " event(s) not published yet: is Kafka running? (./shop status)");
                }),
                new Expectation("the order's stock is sold (its reservation COMMITTED)", () -> {
                    Map<String, Object> order = waitedOrder(shop);
                    if (order == null) {
                        return missing("needs the order that waited first");
                    }
                    List<Map<String, Object>> reservation = shop.query("inventory",
                            "select status from stock_reservation where order_id = ?", order.get("order_id"));
                    return !reservation.isEmpty() && "COMMITTED".equals(reservation.getFirst().get("status"))
                            ? met("COMMITTED")
                            : missing("the reservation is " + reservation + "; the commit follows OrderConfirmed");
                }));
    }

    /** alice's newest CONFIRMED order whose payment was created at least {@link #WAITED} after the order, or null. */
    static Map<String, Object> waitedOrder(RunningShop shop) throws Exception {
        for (Map<String, Object> payment : shop.query("payments", "select order_id, created_at from payment"
                + " where customer_id = ? and status = 'CAPTURED' order by created_at desc limit 50",
                RunningShop.ALICE)) {
            List<Map<String, Object>> order = shop.query("orders", "select created_at from orders where id = ?"
                    + " and status = 'CONFIRMED'", payment.get("order_id"));
            if (order.isEmpty()) {
                continue;
            }
            Duration waited = Duration.between(instant(order.getFirst().get("created_at")),
                    instant(payment.get("created_at")));
            if (waited.compareTo(WAITED) >= 0) {
                return Map.of("order_id", (UUID) payment.get("order_id"), "waited", waited.toSeconds() + " s");
            }
        }
        return null;
    }

    /** A timestamptz as the driver gives it: a {@code java.sql.Timestamp} by default. */
    private static Instant instant(Object timestamp) {
        return timestamp instanceof OffsetDateTime offset ? offset.toInstant() : ((Timestamp) timestamp).toInstant();
    }
}
