package dev.shop.stack.labs;

import static dev.shop.stack.labs.Expectation.Finding.met;
import static dev.shop.stack.labs.Expectation.Finding.missing;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.shop.stack.testing.PrometheusText;

/**
 * Lab 2: switch the card processor off, watch payment-service's circuit breaker open while the payment waits (retried
 * with backoff, never failed), switch it on again and watch the order confirm.
 */
final class BreakTheCardProcessor {

    /** The one method all PSP calls go through (payment-service/…/payments/client/PspClient.java). */
    static final String PSP_CALL = "method=\"dev.shop.payments.client.PspClient.send\"";
    static final Pattern KNOB = Pattern.compile("\"(latencyMs|errorRate|outage)\"\\s*:\\s*([^,}\\s]+)");

    static final Lab LAB = new Lab(2, "Break the card processor: breaker, retries, recovery",
            "docs/labs/02-break-the-card-processor.md", BreakTheCardProcessor::expectations);

    private BreakTheCardProcessor() {
    }

    static List<Expectation> expectations(RunningShop shop) {
        return List.of(
                new Expectation("payment-service's circuit breaker on the PSP opened at least once", () -> {
                    double opened = PrometheusText.sum(shop.metrics("payment-service"),
                            "ft_circuitbreaker_opened_total", PSP_CALL);
                    return opened > 0 ? met("opened " + (long) opened + " time(s) since payment-service started")
                            : missing("it never opened: put the PSP in outage (PUT /admin/faults on the psp-simulator,"
                                    + " step 2) and place an order; each attempt of the charge fails and the breaker"
                                    + " opens after 6 calls with half of them failed");
                }),
                new Expectation("an order of alice waited for the PSP (more than one attempt) and was CONFIRMED", () -> {
                    List<Map<String, Object>> retried = shop.query("payments", "select order_id, attempts from payment"
                            + " where customer_id = ? and attempts > 1 and status = 'CAPTURED'"
                            + " order by created_at desc limit 1", RunningShop.ALICE);
                    if (retried.isEmpty()) {
                        return missing("no captured payment of alice needed a second attempt: place the order while"
                                + " the PSP is in outage, then end the outage within two minutes (the saga deadline)");
                    }
                    UUID order = (UUID) retried.getFirst().get("order_id");
                    List<Map<String, Object>> status = shop.query("orders", "select status from orders where id = ?",
                            order);
                    return !status.isEmpty() && "CONFIRMED".equals(status.getFirst().get("status"))
                            ? met("order " + order + ": " + retried.getFirst().get("attempts") + " attempts, CONFIRMED")
                            : missing("order " + order + " is " + status + "; wait for the saga to finish");
                }),
                new Expectation("the PSP works normally again (no outage, no errors, no added latency)", () -> {
                    String faults = shop.get("psp-simulator", "/admin/faults");
                    Matcher knob = KNOB.matcher(faults);
                    StringBuilder left = new StringBuilder();
                    while (knob.find()) {
                        String value = knob.group(2);
                        if (!(value.equals("false") || value.matches("0(\\.0+)?"))) {
                            left.append(knob.group(1)).append('=').append(value).append(' ');
                        }
                    }
                    return left.isEmpty() ? met(faults)
                            : missing("still set: " + left + "(POST /admin/faults/reset on the psp-simulator, step 5)");
                }),
                new Expectation("payment-service's breaker on the PSP is closed again", () -> {
                    double closed = PrometheusText.sum(shop.metrics("payment-service"),
                            "ft_circuitbreaker_state_current", PSP_CALL, "state=\"closed\"");
                    return closed == 1 ? met("closed")
                            : missing("not closed yet: after the PSP is back, the next call after the breaker's 5 s"
                                    + " delay closes it (a payment waiting for its retry makes that call)");
                }));
    }
}
