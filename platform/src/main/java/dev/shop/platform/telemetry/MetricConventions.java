package dev.shop.platform.telemetry;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;

/**
 * The same metric conventions in every service, so one dashboard fits all: each meter carries a {@code service}
 * tag, and the latency timers publish histogram buckets ({@code _bucket} series), from which Prometheus computes
 * any percentile across instances ({@code histogram_quantile}).
 */
@Singleton
public class MetricConventions {

    /** Timers with buckets: HTTP server and client, the gateway's upstream calls, and all shop.* timers. */
    private static final Set<String> LATENCY_TIMERS = Set.of("http.server.requests", "http.client.requests",
            "gateway.upstream.duration");

    @Produces
    @Singleton
    MeterFilter serviceTag(@ConfigProperty(name = "quarkus.application.name") String service) {
        return MeterFilter.commonTags(List.of(Tag.of("service", service)));
    }

    @Produces
    @Singleton
    MeterFilter latencyHistograms() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (id.getType() != Meter.Type.TIMER
                        || !(LATENCY_TIMERS.contains(id.getName()) || id.getName().startsWith("shop."))) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .percentilesHistogram(true)
                        .minimumExpectedValue((double) Duration.ofMillis(1).toNanos())
                        .maximumExpectedValue((double) Duration.ofSeconds(60).toNanos())
                        .build()
                        .merge(config);
            }
        };
    }
}
