package dev.shop.payments.service;

import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.shop.payments.client.PspOperation;
import dev.shop.payments.client.UnexpectedPspAnswerException;
import dev.shop.payments.config.PaymentConfig;
import dev.shop.payments.domain.Payment;
import dev.shop.payments.domain.PaymentStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Makes every answer outside the PSP's contract visible (ADR 0015): the counter
 * {@code shop_payments_unexpected_answers_total{operation="charge|refund|cancellation"}} (every series registered at
 * start, so a rate over it sees the first one) and one ERROR line with the order id and what happens next.
 */
@ApplicationScoped
class UnexpectedAnswers {

    private static final Logger LOG = Logger.getLogger(UnexpectedAnswers.class);

    private final Map<PspOperation, Counter> counters = new EnumMap<>(PspOperation.class);
    private final int maxUnexpectedAnswers;

    UnexpectedAnswers(MeterRegistry registry, PaymentConfig config) {
        this.maxUnexpectedAnswers = config.maxUnexpectedAnswers();
        for (PspOperation operation : PspOperation.values()) {
            counters.put(operation, Counter.builder("shop.payments.unexpected.answers")
                    .description("Answers of the PSP outside its contract, by the operation they answered")
                    .tag("operation", operation.tag())
                    .register(registry));
        }
    }

    /** @param payment the payment as recorded after the answer */
    void record(UUID orderId, UnexpectedPspAnswerException answer, Payment payment) {
        counters.get(answer.operation()).increment();
        LOG.errorf("order %s: %s (unexpected answer %d of at most %d); %s", orderId, answer.getMessage(),
                payment.unexpectedAnswers(), maxUnexpectedAnswers, next(answer.operation(), payment));
    }

    private static String next(PspOperation operation, Payment payment) {
        if (payment.status() == PaymentStatus.NEEDS_REVIEW) {
            return "payment left for review (NEEDS_REVIEW), the PSP is no longer called for it: check by hand "
                    + "whether money is held for the order";
        }
        if (operation == PspOperation.CHARGE) {
            return "the charge's outcome is unknown: it is cancelled at the PSP by its key, the order fails";
        }
        return "the " + operation.tag() + " is tried again later";
    }
}
