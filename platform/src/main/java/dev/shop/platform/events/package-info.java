/**
 * The event envelope every service speaks on Kafka (docs/design.md section 5): CloudEvents 1.0 in the Kafka
 * binding's binary mode ({@link dev.shop.platform.events.CloudEvent}), JSON data read tolerantly
 * ({@link dev.shop.platform.events.EventData}), W3C trace context carried along
 * ({@link dev.shop.platform.events.Traceparent}), and the one exception that sends an event to its
 * dead-letter topic ({@link dev.shop.platform.events.PoisonEventException}).
 * Each service defines its own event types (no shared domain classes).
 */
package dev.shop.platform.events;
