package dev.shop.payments.messaging;

import static dev.shop.payments.PaymentOutputs.WITHIN;
import static dev.shop.payments.PaymentOutputs.awaitPublished;
import static dev.shop.payments.PaymentOutputs.data;
import static dev.shop.payments.PaymentOutputs.payment;
import static dev.shop.payments.PaymentOutputs.publishedTypes;
import static dev.shop.payments.SagaInputs.alice;
import static dev.shop.payments.SagaInputs.deliver;
import static dev.shop.payments.SagaInputs.orderCreated;
import static dev.shop.payments.SagaInputs.stockReserved;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.shop.payments.SagaInputs;
import dev.shop.platform.events.CloudEvent;
import dev.shop.stack.testing.PspSimulator;
import dev.shop.stack.testing.RealInfrastructure;
import dev.shop.stack.testing.TestKafka;
import dev.shop.stack.testing.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** docs/design.md section 5's delivery guarantees on payment-service's consumers, with real Kafka and the real PSP. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = { @ResourceArg(name = "database", value = "payments"), @ResourceArg(name = "keycloak", value = "true") })
@WithTestResource(value = PspSimulator.class, scope = TestResourceScope.GLOBAL)
class DeliveryGuaranteesTest {

    /** payment-service's consumer group on orders.events and inventory.events. */
    private static final String CONSUMER_GROUP = "payment-service";

    @Test
    void duplicateEventHasNoSecondEffect() {
        UUID orderId = UUID.randomUUID();
        CloudEvent created = orderCreated(orderId, alice(), 1500, "pm_card_visa");
        CloudEvent reserved = stockReserved(orderId);
        deliver(created);
        deliver(created);
        deliver(reserved);
        String paymentId = data(awaitPublished(orderId, PaymentEventPublisher.PAYMENT_COMPLETED)).getString("paymentId");

        // redelivered after their effect (a rebalance, a relay that published twice): same ce_id
        TestKafka.awaitConsumed(CONSUMER_GROUP, deliver(reserved), WITHIN);
        TestKafka.awaitConsumed(CONSUMER_GROUP, deliver(created), WITHIN);

        List<Map<String, Object>> charges = PspSimulator.charges(orderId.toString());
        assertEquals(1, charges.size(), "charges at the PSP: " + charges);
        assertEquals(1, PspSimulator.ledgerEntry(orderId.toString()).get("charges"));
        assertEquals(List.of(PaymentEventPublisher.PAYMENT_COMPLETED), publishedTypes(orderId));
        payment(orderId, Tokens.alice()).then().statusCode(200)
                .body("id", equalTo(paymentId))
                .body("status", equalTo("CAPTURED"));
    }

    @Test
    void poisonEventGoesToTheDeadLetterTopicAndLaterEventsStillFlow() {
        UUID orderId = UUID.randomUUID();
        CloudEvent withoutPaymentMethod = SagaInputs.event(SagaEvents.ORDER_CREATED, "/shop/order-service", orderId,
                """
                {"orderId": "%s", "customerId": "%s", "totalCents": 990, "currency": "EUR"}""".formatted(orderId,
                        alice()));
        deliver(withoutPaymentMethod);
        // the same key: the same partition, behind the poison
        deliver(orderCreated(orderId, alice(), 990, "pm_card_visa"));
        deliver(stockReserved(orderId));

        awaitPublished(orderId, PaymentEventPublisher.PAYMENT_COMPLETED);
        ConsumerRecord<String, String> dead = TestKafka.awaitRecord(SagaInputs.ORDERS_TOPIC + ".dlq",
                orderId.toString(), record -> true, WITHIN);
        assertEquals(withoutPaymentMethod.id(), TestKafka.header(dead, CloudEvent.CE_ID));
        String reason = TestKafka.header(dead, "dead-letter-reason");
        assertTrue(reason != null && reason.contains("lacks a field payment needs"), "dead-letter-reason: " + reason);
        payment(orderId, Tokens.alice()).then().statusCode(200)
                .body("status", equalTo("CAPTURED"))
                .body("amountCents", equalTo(990));
    }
}
