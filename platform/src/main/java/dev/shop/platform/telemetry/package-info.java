/**
 * Telemetry every service shares: where traces are exported ({@link dev.shop.platform.telemetry.ZipkinExport}),
 * metric conventions ({@link dev.shop.platform.telemetry.MetricConventions}: a {@code service} tag, latency
 * histograms), and the request id in every log line ({@link dev.shop.platform.telemetry.RequestIdLogging}).
 * Defaults (sampling, JSON logs) are in this library's {@code META-INF/microprofile-config.properties}. Traces
 * continue across Kafka through {@link dev.shop.platform.outbox.OutboxRelay} and
 * {@link dev.shop.platform.events.EventRouter}.
 */
package dev.shop.platform.telemetry;
