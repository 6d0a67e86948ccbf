package dev.shop.payments.client;

import static dev.shop.payments.PaymentOutputs.WITHIN;
import static dev.shop.payments.PaymentOutputs.awaitPublished;
import static dev.shop.payments.PaymentOutputs.payment;
import static dev.shop.payments.PaymentOutputs.publishedTypes;
import static dev.shop.payments.SagaInputs.reservedOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.shop.payments.domain.Payment;
import dev.shop.payments.messaging.PaymentEventPublisher;
import dev.shop.payments.persistence.PaymentRepository;
import dev.shop.stack.testing.Await;
import dev.shop.stack.testing.PspSimulator;
import dev.shop.stack.testing.RealInfrastructure;
import dev.shop.stack.testing.Tokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import io.smallrye.faulttolerance.api.CircuitBreakerState;

/**
 * docs/design.md section 8: while the PSP is down, the breaker {@code psp} opens and the payment waits (backing off)
 * instead of failing the order; once the PSP is back, the payment completes. The breaker's delay and the back-off
 * while it is open are shortened for tests in application.properties ({@code %test}).
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = { @ResourceArg(name = "database", value = "payments"), @ResourceArg(name = "keycloak", value = "true") })
@WithTestResource(value = PspSimulator.class, scope = TestResourceScope.GLOBAL)
class PspOutageTest {

    @Inject
    CircuitBreakerMaintenance breakers;

    @Inject
    PaymentRepository payments;

    @Test
    void pspOutageOpensTheBreakerAndThePaymentCompletesAfterRecovery() {
        PspSimulator.faults(0, 0.0, true);
        UUID orderId;
        try {
            orderId = reservedOrder(3100, "pm_card_visa");

            Await.until(WITHIN, () -> breakers.currentState("psp") == CircuitBreakerState.OPEN,
                    () -> "breaker psp is " + breakers.currentState("psp"));
            Await.until(WITHIN, () -> attempts(orderId) >= 3, () -> attempts(orderId) + " attempts");
            payment(orderId, Tokens.alice()).then().statusCode(200).body("status", equalTo("PENDING"));
            assertEquals(List.of(), publishedTypes(orderId), "nothing decided while the PSP is down");
        } finally {
            PspSimulator.resetFaults();
        }

        awaitPublished(orderId, PaymentEventPublisher.PAYMENT_COMPLETED);
        payment(orderId, Tokens.alice()).then().statusCode(200).body("status", equalTo("CAPTURED"));
        assertEquals(1, PspSimulator.charges(orderId.toString()).size());
        assertEquals(List.of(PaymentEventPublisher.PAYMENT_COMPLETED), publishedTypes(orderId));
        assertEquals(CircuitBreakerState.CLOSED, breakers.currentState("psp"));
    }

    /** How many times PaymentProcessor has taken the payment for a charge so far. */
    private int attempts(UUID orderId) {
        return QuarkusTransaction.requiringNew().call(() -> payments.findByOrder(orderId).map(Payment::attempts)
                .orElse(0));
    }
}
