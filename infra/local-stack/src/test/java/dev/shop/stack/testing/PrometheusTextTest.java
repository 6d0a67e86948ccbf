package dev.shop.stack.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    static final String METRICS = """
            # TYPE ft_circuitbreaker_opened counter
            ft_circuitbreaker_opened_total{method="dev.shop.payments.client.PspClient.send"} 2.0 # {trace_id="a"} 1.0 17.0
            ft_circuitbreaker_opened_total{method="dev.shop.orders.client.InventoryClient.prices"} 5.0
            ft_circuitbreaker_state_current{method="dev.shop.payments.client.PspClient.send",state="closed"} 1.0
            ft_circuitbreaker_state_current{method="dev.shop.payments.client.PspClient.send",state="open"} 0.0
            process_uptime_seconds 42.5
            """;

    @Test
    void theValueIsTheTokenAfterTheLabelsEvenWithAnExemplar() {
        assertEquals(2.0, PrometheusText.sum(METRICS, "ft_circuitbreaker_opened_total",
                "method=\"dev.shop.payments.client.PspClient.send\""));
    }

    @Test
    void everyGivenLabelMustMatch() {
        assertEquals(1.0, PrometheusText.sum(METRICS, "ft_circuitbreaker_state_current",
                "method=\"dev.shop.payments.client.PspClient.send\"", "state=\"closed\""));
        assertEquals(7.0, PrometheusText.sum(METRICS, "ft_circuitbreaker_opened_total"));
    }

    @Test
    void aSampleWithoutLabelsAndAMissingOneAreRead() {
        assertEquals(42.5, PrometheusText.max(METRICS, "process_uptime_seconds"));
        assertTrue(Double.isNaN(PrometheusText.max(METRICS, "no_such_metric")));
    }
}
