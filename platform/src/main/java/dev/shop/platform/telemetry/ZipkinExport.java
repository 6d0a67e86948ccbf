package dev.shop.platform.telemetry;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.opentelemetry.exporter.zipkin.ZipkinSpanExporter;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * Where the spans go: Zipkin's {@code /api/v2/spans}, the trace UI the local stack starts (the Zipkin server jar
 * from Maven Central, which has no OTLP receiver). Quarkus batches the spans of this exporter and no longer starts
 * its default OTLP exporter. Without an endpoint spans are still created (trace ids in logs and problem details)
 * but not sent anywhere.
 */
@Singleton
public class ZipkinExport {

    private static final Logger LOG = Logger.getLogger(ZipkinExport.class);

    @Produces
    @Singleton
    SpanExporter spanExporter(@ConfigProperty(name = "shop.zipkin.endpoint") Optional<String> endpoint) {
        if (endpoint.isEmpty() || endpoint.get().isBlank()) {
            LOG.info("traces are not exported: shop.zipkin.endpoint (env SHOP_ZIPKIN_ENDPOINT) is not set");
            return SpanExporter.composite(List.of());
        }
        LOG.infof("traces are exported to Zipkin at %s", endpoint.get());
        return ZipkinSpanExporter.builder().setEndpoint(endpoint.get()).build();
    }
}
