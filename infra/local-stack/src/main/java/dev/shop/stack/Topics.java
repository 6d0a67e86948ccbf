package dev.shop.stack;

import java.util.List;
import java.util.stream.Stream;

/** The saga's topics (docs/design.md section 5), created up front with several partitions, and their dead-letter topics. */
public final class Topics {

    public static final int PARTITIONS = 3;

    public static final List<String> EVENTS = List.of("orders.events", "inventory.events", "payments.events",
            "users.events");

    public static final List<String> ALL = EVENTS.stream()
            .flatMap(topic -> Stream.of(topic, topic + ".dlq"))
            .toList();

    private Topics() {
    }
}
