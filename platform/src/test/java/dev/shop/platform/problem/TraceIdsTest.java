package dev.shop.platform.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;

@Tag("fast")
class TraceIdsTest {

    private static final String SPAN_TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
    private static final String HEADER_TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";
    private static final Map<String, String> HEADERS = Map.of(
            "traceparent", "00-" + HEADER_TRACE_ID + "-00f067aa0ba902b7-01",
            "X-Request-Id", "req-1");

    @Test
    void currentSpanWinsOverHeaders() {
        Span span = Span.wrap(SpanContext.create(SPAN_TRACE_ID, "b7ad6b7169203331",
                TraceFlags.getSampled(), TraceState.getDefault()));
        try (Scope ignored = span.makeCurrent()) {
            assertEquals(SPAN_TRACE_ID, TraceIds.current(HEADERS::get));
        }
    }

    @Test
    void withoutAValidSpanTheTraceparentHeaderIsUsed() {
        assertEquals(HEADER_TRACE_ID, TraceIds.current(HEADERS::get));
    }

    @Test
    void anAllZeroTraceparentIsIgnored() {
        Map<String, String> headers = Map.of("traceparent", "00-" + "0".repeat(32) + "-00f067aa0ba902b7-01");
        assertTrue(TraceIds.current(headers::get).matches("[0-9a-f]{32}"));
    }

    @Test
    void aTraceparentWithAnAllZeroParentIdIsIgnored() {
        // W3C trace context: an all-zero parent-id is invalid, so the header's trace id is not one to quote.
        Map<String, String> headers = Map.of("traceparent", "00-" + HEADER_TRACE_ID + "-" + "0".repeat(16) + "-01",
                "X-Request-Id", "req-1");
        assertEquals("req-1", TraceIds.current(headers::get));
    }
}
