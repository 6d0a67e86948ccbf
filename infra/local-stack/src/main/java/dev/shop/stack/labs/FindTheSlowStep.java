package dev.shop.stack.labs;

import static dev.shop.stack.labs.Expectation.Finding.met;
import static dev.shop.stack.labs.Expectation.Finding.missing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Lab 4: make the card processor slow, place an order, and find the slow step of its saga in Zipkin: one trace from
 * the gateway through every service to the processor, where the charge's span is the long one.
 */
final class FindTheSlowStep {

    static final Lab LAB = new Lab(4, "Find the slow step of a saga in its trace",
            "docs/labs/04-find-the-slow-step.md", FindTheSlowStep::expectations);

    static final long SLOW_MICROS = 1_500_000;
    static final Set<String> EVERY_SERVICE = Set.of("gateway", "order-service", "inventory-service", "payment-service",
            "psp-simulator");
    static final ObjectMapper JSON = new ObjectMapper();

    private FindTheSlowStep() {
    }

    static List<Expectation> expectations(RunningShop shop) {
        return List.of(
                new Expectation("alice has a CONFIRMED order paid at least 1.5 s after its stock was reserved", () -> {
                    List<UUID> slow = slowOrders(shop);
                    return slow.isEmpty() ? missing("make the processor slow (step 1: latencyMs 1500) and place an"
                            + " order as alice; wait until it is CONFIRMED")
                            : met("order " + slow.getFirst());
                }),
                new Expectation("Zipkin holds that order's trace, from the gateway through every service to the"
                        + " card processor", () -> {
                    SlowTrace trace = slowTrace(shop);
                    if (trace == null) {
                        return missing("no trace of a slow order of alice in Zipkin (http://localhost:9411): are"
                                + " traces sampled? (QUARKUS_OTEL_TRACES_SAMPLER_ARG, docs/observability.md)");
                    }
                    Set<String> missingServices = new TreeSet<>(EVERY_SERVICE);
                    missingServices.removeAll(trace.services());
                    return missingServices.isEmpty() ? met("trace " + trace.traceId() + ": " + trace.services())
                            : missing("trace " + trace.traceId() + " lacks " + missingServices);
                }),
                new Expectation("in that trace, the card processor's charge is the slow step (at least 1.5 s)", () -> {
                    SlowTrace trace = slowTrace(shop);
                    if (trace == null || trace.chargeMicros() < SLOW_MICROS) {
                        return missing("no charge of at least 1.5 s in the traces of alice's slow orders: was the"
                                + " processor slow while the order was paid? (step 1)");
                    }
                    return met("psp-simulator post /v1/charges took " + trace.chargeMicros() / 1000 + " ms in trace "
                            + trace.traceId());
                }),
                new Expectation("the card processor answers without added latency again", () -> {
                    String faults = shop.get("psp-simulator", "/admin/faults");
                    return faults.matches("(?s).*\"latencyMs\"\\s*:\\s*0\\b.*") ? met(faults)
                            : missing("still slow: " + faults + " (POST /admin/faults/reset on the psp-simulator, step 4)");
                }));
    }

    /** What the lab looks for in one trace: its id, the services in it, and its longest charge at the processor. */
    record SlowTrace(String traceId, Set<String> services, long chargeMicros) {
    }

    /** alice's newest CONFIRMED orders whose payment came at least 1.5 s after the reservation (at most ten). */
    static List<UUID> slowOrders(RunningShop shop) throws Exception {
        return shop.query("orders", """
                select o.id from orders o
                join order_timeline reserved on reserved.order_id = o.id and reserved.step = 'STOCK_RESERVED'
                join order_timeline paid on paid.order_id = o.id and paid.step = 'PAYMENT_COMPLETED'
                where o.customer_id = ? and o.status = 'CONFIRMED' and paid.at - reserved.at >= interval '1.5 seconds'
                order by o.created_at desc limit 10
                """, RunningShop.ALICE).stream().map(row -> (UUID) row.get("id")).toList();
    }

    /** The trace of the newest slow order whose charge at the processor was slow, else of the newest slow order. */
    static SlowTrace slowTrace(RunningShop shop) throws Exception {
        List<SlowTrace> traces = new ArrayList<>();
        for (UUID order : slowOrders(shop)) {
            JsonNode found = JSON.readTree(shop.get("zipkin", "/api/v2/traces?annotationQuery=shop.order_id%3D"
                    + order + "&lookback=86400000&limit=1"));
            if (found.isEmpty()) {
                continue;
            }
            Set<String> services = new TreeSet<>();
            long charge = 0;
            for (JsonNode span : found.get(0)) {
                String service = span.path("localEndpoint").path("serviceName").asText();
                services.add(service);
                if (service.equals("psp-simulator") && span.path("name").asText().equals("post /v1/charges")) {
                    charge = Math.max(charge, span.path("duration").asLong());
                }
            }
            SlowTrace trace = new SlowTrace(found.get(0).get(0).path("traceId").asText(), services, charge);
            if (charge >= SLOW_MICROS) {
                return trace;
            }
            traces.add(trace);
        }
        return traces.isEmpty() ? null : traces.getFirst();
    }
}
