package dev.shop.psp.ledger;

import java.util.Arrays;
import java.util.Optional;

/**
 * The test payment methods the simulator understands, named like Stripe's test-mode ones.
 * Any other payment method is rejected with 400 before anything is recorded.
 */
public enum TestCard {

    VISA("pm_card_visa", null, null),
    DECLINED("pm_card_declined", "CARD_DECLINED", "generic_decline"),
    INSUFFICIENT_FUNDS("pm_card_insufficient_funds", "INSUFFICIENT_FUNDS", "insufficient_funds");

    private final String paymentMethod;
    private final String failureCode;
    private final String declineCode;

    TestCard(String paymentMethod, String failureCode, String declineCode) {
        this.paymentMethod = paymentMethod;
        this.failureCode = failureCode;
        this.declineCode = declineCode;
    }

    public static Optional<TestCard> byPaymentMethod(String paymentMethod) {
        return Arrays.stream(values()).filter(card -> card.paymentMethod.equals(paymentMethod)).findFirst();
    }

    public String paymentMethod() {
        return paymentMethod;
    }

    public boolean approves() {
        return failureCode == null;
    }

    /** Problem code of the decline ({@code CARD_DECLINED}, {@code INSUFFICIENT_FUNDS}); null if approved. */
    public String failureCode() {
        return failureCode;
    }

    /** Stripe-style decline reason ({@code generic_decline}, {@code insufficient_funds}); null if approved. */
    public String declineCode() {
        return declineCode;
    }
}
