package dev.shop.payments;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.shop.payments.messaging.PaymentEventPublisher;
import dev.shop.platform.events.CloudEvent;
import dev.shop.stack.testing.TestKafka;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/** What payment-service shows of an order's payment: its events on payments.events, and its API. */
public final class PaymentOutputs {

    public static final Duration WITHIN = Duration.ofSeconds(30);

    private PaymentOutputs() {
    }

    /** Every event payment-service has published about the order so far, oldest first. */
    public static List<CloudEvent> published(UUID orderId) {
        return TestKafka.records(PaymentEventPublisher.TOPIC, orderId.toString()).stream().map(CloudEvent::from)
                .toList();
    }

    public static List<String> publishedTypes(UUID orderId) {
        return published(orderId).stream().map(CloudEvent::type).toList();
    }

    /** Waits for the order's event of this type on payments.events. */
    public static CloudEvent awaitPublished(UUID orderId, String type) {
        return CloudEvent.from(TestKafka.awaitRecord(PaymentEventPublisher.TOPIC, orderId.toString(),
                record -> type.equals(TestKafka.header(record, CloudEvent.CE_TYPE)), WITHIN));
    }

    public static JsonPath data(CloudEvent event) {
        return JsonPath.from(event.data());
    }

    /** {@code GET /api/v1/payments?orderId=} with this caller's token. */
    public static Response payment(UUID orderId, String token) {
        return given().auth().oauth2(token).queryParam("orderId", orderId).when().get("/api/v1/payments");
    }
}
