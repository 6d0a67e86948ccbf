package dev.shop.payments.service;

import static dev.shop.payments.PaymentOutputs.awaitPublished;
import static dev.shop.payments.PaymentOutputs.data;
import static dev.shop.payments.PaymentOutputs.payment;
import static dev.shop.payments.PaymentOutputs.publishedTypes;
import static dev.shop.payments.SagaInputs.deliver;
import static dev.shop.payments.SagaInputs.orderCancelled;
import static dev.shop.payments.SagaInputs.reservedOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.shop.payments.messaging.PaymentEventPublisher;
import dev.shop.stack.testing.PspSimulator;
import dev.shop.stack.testing.RealInfrastructure;
import dev.shop.stack.testing.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * payment-service's side of the saga, driven through its real inputs (OrderCreated, StockReserved, OrderCancelled
 * on Kafka) against the real psp-simulator, and judged by its outputs: payments.events, its API, the PSP's books.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = { @ResourceArg(name = "database", value = "payments"), @ResourceArg(name = "keycloak", value = "true") })
@WithTestResource(value = PspSimulator.class, scope = TestResourceScope.GLOBAL)
class PaymentSagaTest {

    @Test
    void reservedStockIsChargedAndTheCapturedPaymentIsShownToItsOwnerAndAdminOnly() {
        UUID orderId = reservedOrder(2598, "pm_card_visa");

        JsonPath completed = data(awaitPublished(orderId, PaymentEventPublisher.PAYMENT_COMPLETED));
        List<Map<String, Object>> charges = PspSimulator.charges(orderId.toString());
        assertEquals(1, charges.size(), "charges at the PSP: " + charges);
        assertEquals("succeeded", charges.get(0).get("status"));
        assertEquals(2598, charges.get(0).get("amountCents"));
        assertEquals(charges.get(0).get("id"), completed.getString("chargeId"));
        assertEquals(orderId.toString(), completed.getString("orderId"));
        assertEquals(2598, completed.getLong("amountCents"));
        assertEquals("EUR", completed.getString("currency"));

        payment(orderId, Tokens.alice()).then().statusCode(200)
                .body("id", equalTo(completed.getString("paymentId")))
                .body("orderId", equalTo(orderId.toString()))
                .body("status", equalTo("CAPTURED"))
                .body("amountCents", equalTo(2598))
                .body("currency", equalTo("EUR"))
                .body("failureCode", nullValue());
        payment(orderId, Tokens.admin()).then().statusCode(200).body("status", equalTo("CAPTURED"));
        payment(orderId, Tokens.bob()).then().statusCode(404)
                .contentType("application/problem+json")
                .body("code", equalTo("PAYMENT_NOT_FOUND"));
    }

    @Test
    void declinedCardPublishesPaymentFailedWithThePspReasonAndCapturesNothing() {
        UUID orderId = reservedOrder(1299, "pm_card_insufficient_funds");

        JsonPath failed = data(awaitPublished(orderId, PaymentEventPublisher.PAYMENT_FAILED));
        assertEquals("INSUFFICIENT_FUNDS", failed.getString("reason")); // read from the PSP's 402, not a default
        payment(orderId, Tokens.alice()).then().statusCode(200)
                .body("id", equalTo(failed.getString("paymentId")))
                .body("status", equalTo("DECLINED"))
                .body("failureCode", equalTo("INSUFFICIENT_FUNDS"));
        assertEquals(Map.of("reference", orderId.toString(), "capturedCents", 0, "refundedCents", 0, "netCents", 0,
                "charges", 0, "refunds", 0, "declines", 1), PspSimulator.ledgerEntry(orderId.toString()));
        assertEquals(List.of(PaymentEventPublisher.PAYMENT_FAILED), publishedTypes(orderId));
    }

    @Test
    void orderCancelledAfterCaptureIsRefundedAtThePsp() {
        UUID orderId = reservedOrder(4200, "pm_card_visa");
        JsonPath completed = data(awaitPublished(orderId, PaymentEventPublisher.PAYMENT_COMPLETED));

        deliver(orderCancelled(orderId, "CUSTOMER_CANCELLED"));

        JsonPath refunded = data(awaitPublished(orderId, PaymentEventPublisher.PAYMENT_REFUNDED));
        assertEquals(completed.getString("chargeId"), refunded.getString("chargeId"));
        assertEquals(completed.getString("paymentId"), refunded.getString("paymentId"));
        assertEquals(4200, refunded.getLong("amountCents"));
        payment(orderId, Tokens.alice()).then().statusCode(200).body("status", equalTo("REFUNDED"));
        assertEquals(Map.of("reference", orderId.toString(), "capturedCents", 4200, "refundedCents", 4200, "netCents", 0,
                "charges", 1, "refunds", 1, "declines", 0), PspSimulator.ledgerEntry(orderId.toString()));
        assertEquals(List.of(PaymentEventPublisher.PAYMENT_COMPLETED, PaymentEventPublisher.PAYMENT_REFUNDED),
                publishedTypes(orderId));
    }
}
