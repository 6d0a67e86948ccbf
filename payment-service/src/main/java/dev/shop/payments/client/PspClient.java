package dev.shop.payments.client;

import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.faulttolerance.api.CircuitBreakerName;
import io.smallrye.faulttolerance.api.ExponentialBackoff;

/**
 * The guarded calls of payment-service -> psp-simulator (docs/design.md section 8). Every call carries the order id as
 * its {@code Idempotency-Key}, so a retry (here, or hours later by PaymentProcessor) never charges twice. Each
 * call has a timeout, a retry with exponential backoff and jitter, the circuit breaker {@code psp} and a bulkhead
 * (a slow PSP cannot take every worker thread).
 *
 * <p>Breaker failures: 503 {@code PSP_UNAVAILABLE}, other 5xx, connection errors, timeouts. A 402 decline is an
 * answer (returned, never retried, not a failure); so is a 409 for a refund already made, and a 409
 * {@code CHARGE_CANCELLED} for a charge whose key a cancellation voided.
 *
 * <p>Answers are read strictly (ADR 0015): an approval needs a non-blank id, a decline needs a 402, a cancellation
 * needs a known status; every other final answer is {@link UnexpectedPspAnswerException}, never guessed into an
 * outcome.
 */
@ApplicationScoped
public class PspClient {

    @Inject
    @RestClient
    PspApi api;

    @Inject
    ObjectMapper mapper;

    public ChargeOutcome charge(UUID orderId, long amountCents, String currency, String paymentMethod) {
        Answer answer = send(() -> api.charge(orderId.toString(),
                new PspApi.ChargeRequest(amountCents, currency, paymentMethod, orderId.toString())));
        if (answer.isSuccess()) {
            return new ChargeOutcome.Approved(answer.require("id", PspOperation.CHARGE));
        }
        if (answer.status() == 402) {
            return new ChargeOutcome.Declined(answer.code().isBlank() ? "CARD_DECLINED" : answer.code());
        }
        if (answer.is(409, "CHARGE_CANCELLED")) {
            return new ChargeOutcome.Cancelled();
        }
        throw new UnexpectedPspAnswerException(PspOperation.CHARGE, answer.toString());
    }

    /** Refunds a whole charge; a charge already refunded counts as done. @return the refund id */
    public String refund(UUID orderId, String chargeId) {
        Answer answer = send(() -> api.refund(orderId.toString(), new PspApi.RefundRequest(chargeId)));
        if (answer.isSuccess()) {
            return answer.require("id", PspOperation.REFUND);
        }
        if (answer.is(409, "CHARGE_ALREADY_REFUNDED")) {
            return "already-refunded";
        }
        throw new UnexpectedPspAnswerException(PspOperation.REFUND, answer.toString());
    }

    /**
     * Cancels the order's charge by its idempotency key (the order id), whatever the PSP has done with it so far, in
     * one step at the PSP: a charge not made yet is voided, so it can never land later (ADR 0011); a succeeded one is
     * refunded. Needed when a charge call ended without an answer, or with one that says nothing certain: the charge
     * may have been made, or may still be on its way.
     */
    public CancellationOutcome cancelCharge(UUID orderId) {
        Answer answer = send(() -> api.cancel(orderId.toString(), new PspApi.CancellationRequest(orderId.toString())));
        String status = answer.isSuccess() ? answer.body().path("status").asText("") : "";
        return switch (status) {
            case "voided", "nothing_to_cancel" -> new CancellationOutcome.NothingCaptured();
            case "refunded" -> new CancellationOutcome.Refunded(answer.require("charge", PspOperation.CANCELLATION));
            // never guess that no money moved
            default -> throw new UnexpectedPspAnswerException(PspOperation.CANCELLATION,
                    answer + (status.isEmpty() ? "" : " with status " + status));
        };
    }

    /**
     * Every PSP call goes through here, so the three operations share one breaker and one bulkhead. A final answer
     * (2xx, and 4xx such as the 402 decline) is returned; only "no answer" throws and counts as a failure.
     */
    @Timeout(value = 3, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 100, retryOn = { PspUnavailableException.class, TimeoutException.class })
    @ExponentialBackoff(maxDelay = 2000)
    @CircuitBreaker(requestVolumeThreshold = 6, failureRatio = 0.5, delay = 5000, successThreshold = 1,
            failOn = { PspUnavailableException.class, TimeoutException.class })
    @CircuitBreakerName("psp")
    @Bulkhead(10)
    Answer send(java.util.function.Supplier<Response> request) {
        try (Response response = call(request)) {
            Answer answer = new Answer(response.getStatus(), body(response));
            if (answer.status() >= 500 || answer.status() == 429
                    || answer.is(409, "IDEMPOTENCY_KEY_IN_FLIGHT")) {
                throw new PspUnavailableException("PSP answered " + answer);
            }
            return answer;
        }
    }

    /** A PSP answer: status and JSON body. */
    record Answer(int status, JsonNode body) {

        boolean isSuccess() {
            return status == 201 || status == 200;
        }

        boolean is(int expectedStatus, String expectedCode) {
            return status == expectedStatus && expectedCode.equals(code());
        }

        String code() {
            return body.path("code").asText("");
        }

        /** The text of a field the answer must have; an answer without it is unexpected (e.g. no charge id). */
        String require(String field, PspOperation operation) {
            String value = body.path(field).asText("");
            if (value.isBlank()) {
                throw new UnexpectedPspAnswerException(operation, this + " without " + field);
            }
            return value;
        }

        @Override
        public String toString() {
            return "HTTP " + status + (code().isEmpty() ? "" : " " + code());
        }
    }

    private static Response call(java.util.function.Supplier<Response> request) {
        try {
            return request.get();
        } catch (WebApplicationException e) {
            return e.getResponse(); // with the default mapper on, a 4xx/5xx arrives as an exception
        } catch (ProcessingException e) {
            throw new PspUnavailableException("PSP unreachable: " + e.getMessage(), e);
        }
    }

    private JsonNode body(Response response) {
        try {
            String text = response.hasEntity() ? response.readEntity(String.class) : "";
            return text == null || text.isBlank() ? mapper.createObjectNode() : mapper.readTree(text);
        } catch (Exception unreadable) {
            return mapper.createObjectNode();
        }
    }

}
