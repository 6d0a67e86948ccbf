package dev.shop.payments.rest;

import java.util.UUID;

import dev.shop.payments.domain.Payment;
import dev.shop.payments.domain.PaymentStatus;

/** A payment as the API shows it (docs/design.md section 3); status also PENDING/CANCELLED while not final. */
public record PaymentView(UUID id, UUID orderId, PaymentStatus status, Long amountCents, String currency,
        String failureCode) {

    public static PaymentView of(Payment payment) {
        return new PaymentView(payment.id(), payment.orderId(), payment.status(), payment.amountCents(),
                payment.currency(), payment.failureCode());
    }
}
