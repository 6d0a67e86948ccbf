package dev.shop.payments.service;

import static dev.shop.payments.PaymentOutputs.WITHIN;
import static dev.shop.payments.PaymentOutputs.awaitPublished;
import static dev.shop.payments.PaymentOutputs.data;
import static dev.shop.payments.PaymentOutputs.payment;
import static dev.shop.payments.PaymentOutputs.publishedTypes;
import static dev.shop.payments.SagaInputs.deliver;
import static dev.shop.payments.SagaInputs.orderCancelled;
import static dev.shop.payments.SagaInputs.reservedOrder;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.shop.payments.config.PaymentConfig;
import dev.shop.payments.messaging.PaymentEventPublisher;
import dev.shop.payments.persistence.PaymentRepository;
import dev.shop.stack.testing.Await;
import dev.shop.stack.testing.PrometheusText;
import dev.shop.stack.testing.PspSimulator;
import dev.shop.stack.testing.RealInfrastructure;
import dev.shop.stack.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * ADR 0015: the PSP's answers are read strictly, and one outside its contract is never retried forever. The real
 * psp-simulator answers outside its contract through its fault knobs {@code approvalWithoutId} (the charge is made,
 * its answer lacks the id) and {@code badRequest} (every call is answered 400), or, for a payment method it does not
 * know, with its own 400.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = { @ResourceArg(name = "database", value = "payments"), @ResourceArg(name = "keycloak", value = "true") })
@WithTestResource(value = PspSimulator.class, scope = TestResourceScope.GLOBAL)
class UnexpectedPspAnswersTest {

    /** The reason of PaymentFailed, and the payment's failure code, for an answer outside the PSP's contract. */
    private static final String UNEXPECTED_ANSWER = "PSP_UNEXPECTED_ANSWER";

    /** Longer than the first retries' backoff (0.5 s, 1 s ...): a payment still due would be called again within it. */
    private static final Duration QUIET = Duration.ofSeconds(3);

    @Inject
    PaymentConfig config;

    @Inject
    PaymentRepository payments;

    @Inject
    CircuitBreakerMaintenance breakers;

    @AfterEach
    void resetFaults() {
        PspSimulator.resetFaults();
    }

    @Test
    void approvalWithoutChargeIdFailsTheOrderAndTheChargeIsCancelledAtThePspByItsKey() {
        double before = unexpectedAnswers("charge");
        pspAnswers(false, true);

        UUID orderId = reservedOrder(1840, "pm_card_visa");

        JsonPath failed = data(awaitPublished(orderId, PaymentEventPublisher.PAYMENT_FAILED));
        assertEquals(UNEXPECTED_ANSWER, failed.getString("reason"));
        JsonPath refunded = data(awaitPublished(orderId, PaymentEventPublisher.PAYMENT_REFUNDED));
        List<Map<String, Object>> charges = PspSimulator.charges(orderId.toString());
        assertEquals(1, charges.size(), "charges at the PSP: " + charges);
        assertEquals(charges.get(0).get("id"), refunded.getString("chargeId"), "the charge the answer did not name");
        assertEquals(Map.of("reference", orderId.toString(), "capturedCents", 1840, "refundedCents", 1840, "netCents", 0,
                "charges", 1, "refunds", 1, "declines", 0), PspSimulator.ledgerEntry(orderId.toString()));
        payment(orderId, Tokens.alice()).then().statusCode(200)
                .body("status", equalTo("REFUNDED"))
                .body("failureCode", equalTo(UNEXPECTED_ANSWER));
        assertEquals(List.of(PaymentEventPublisher.PAYMENT_FAILED, PaymentEventPublisher.PAYMENT_REFUNDED),
                publishedTypes(orderId), "never completed");
        assertEquals(before + 1, unexpectedAnswers("charge"));
    }

    @Test
    void badRequestToTheChargeIsNoDeclineAndTheChargeIsVoidedAtThePsp() {
        double before = unexpectedAnswers("charge");

        // order-service accepts any pm_* name; the PSP knows only its test cards: 400, our request was wrong
        UUID orderId = reservedOrder(990, "pm_card_amex");

        JsonPath failed = data(awaitPublished(orderId, PaymentEventPublisher.PAYMENT_FAILED));
        assertEquals(UNEXPECTED_ANSWER, failed.getString("reason"), "a 400 taken for a decline");
        Await.until(WITHIN, () -> "CANCELLED".equals(status(orderId)), () -> "payment is " + status(orderId));
        payment(orderId, Tokens.alice()).then().body("failureCode", equalTo(UNEXPECTED_ANSWER));
        given().baseUri(PspSimulator.url()).port(-1).contentType(ContentType.JSON)
                .header("Idempotency-Key", orderId.toString())
                .body("""
                        {"amountCents": 990, "currency": "EUR", "paymentMethod": "pm_card_visa", "reference": "%s"}"""
                        .formatted(orderId))
                .when().post("/v1/charges").then().statusCode(409).body("code", equalTo("CHARGE_CANCELLED"));
        assertNull(PspSimulator.ledgerEntry(orderId.toString()), "nothing charged");
        assertEquals(List.of(PaymentEventPublisher.PAYMENT_FAILED), publishedTypes(orderId));
        assertEquals(before + 1, unexpectedAnswers("charge"));
    }

    @Test
    void chargeAndCancellationsAnsweredUnexpectedlyLeaveThePaymentForReviewAndThePspIsNoLongerCalled() {
        double chargesBefore = unexpectedAnswers("charge");
        double cancellationsBefore = unexpectedAnswers("cancellation");
        pspAnswers(true, false);

        UUID orderId = reservedOrder(2750, "pm_card_visa");

        Await.until(WITHIN, () -> "NEEDS_REVIEW".equals(status(orderId)), () -> "payment is " + status(orderId));
        assertEquals(UNEXPECTED_ANSWER,
                data(awaitPublished(orderId, PaymentEventPublisher.PAYMENT_FAILED)).getString("reason"));
        assertEquals(chargesBefore + 1, unexpectedAnswers("charge"));
        assertEquals(cancellationsBefore + config.maxUnexpectedAnswers() - 1, unexpectedAnswers("cancellation"));
        assertNoLongerCalled(orderId);
        payment(orderId, Tokens.alice()).then().statusCode(200)
                .body("status", equalTo("NEEDS_REVIEW"))
                .body("failureCode", equalTo(UNEXPECTED_ANSWER));
        assertEquals(List.of(PaymentEventPublisher.PAYMENT_FAILED), publishedTypes(orderId));
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState("psp"), "an answer is not unavailability");
    }

    @Test
    void refundAnsweredUnexpectedlyIsTriedABoundedNumberOfTimesThenLeftForReview() {
        UUID orderId = reservedOrder(3300, "pm_card_visa");
        awaitPublished(orderId, PaymentEventPublisher.PAYMENT_COMPLETED);
        double before = unexpectedAnswers("refund");
        pspAnswers(true, false);

        deliver(orderCancelled(orderId, "CUSTOMER_CANCELLED"));

        Await.until(WITHIN, () -> "NEEDS_REVIEW".equals(status(orderId)), () -> "payment is " + status(orderId));
        assertEquals(before + config.maxUnexpectedAnswers(), unexpectedAnswers("refund"));
        assertNoLongerCalled(orderId);
        PspSimulator.resetFaults();
        assertEquals(3300, PspSimulator.ledgerEntry(orderId.toString()).get("netCents"), "left to be refunded by hand");
        assertEquals(List.of(PaymentEventPublisher.PAYMENT_COMPLETED), publishedTypes(orderId));
    }

    /** {@code PUT /admin/faults} of the simulator: no latency, errors or outage; the two answer knobs as given. */
    private static void pspAnswers(boolean badRequest, boolean approvalWithoutId) {
        given().baseUri(PspSimulator.url()).port(-1).contentType(ContentType.JSON)
                .body("""
                        {"latencyMs": 0, "errorRate": 0.0, "outage": false, "badRequest": %s, "approvalWithoutId": %s}"""
                        .formatted(badRequest, approvalWithoutId))
                .when().put("/admin/faults").then().statusCode(200);
    }

    /** payment-service's {@code shop_payments_unexpected_answers_total} for one operation. */
    private static double unexpectedAnswers(String operation) {
        String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        return PrometheusText.sum(metrics, "shop_payments_unexpected_answers_total",
                "operation=\"" + operation + "\"");
    }

    /** The payment's status as its owner sees it; null before payment-service knows the order. */
    private static String status(UUID orderId) {
        Response payment = payment(orderId, Tokens.alice());
        return payment.statusCode() == 200 ? payment.path("status") : null;
    }

    /** Over a few polls, the payment gets no further answer: the processor no longer calls the PSP for it. */
    private void assertNoLongerCalled(UUID orderId) {
        int answers = unexpectedAnswersOf(orderId);
        assertEquals(config.maxUnexpectedAnswers(), answers);
        try {
            Thread.sleep(QUIET.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        assertEquals(answers, unexpectedAnswersOf(orderId), "the PSP was called again");
        assertEquals("NEEDS_REVIEW", status(orderId));
    }

    private int unexpectedAnswersOf(UUID orderId) {
        return QuarkusTransaction.requiringNew().call(() -> payments.findByOrder(orderId).orElseThrow()
                .unexpectedAnswers());
    }
}
