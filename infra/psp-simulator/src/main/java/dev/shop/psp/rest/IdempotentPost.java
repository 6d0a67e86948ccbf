package dev.shop.psp.rest;

import dev.shop.psp.ledger.Outcome;
import dev.shop.psp.service.FaultInjector;
import jakarta.inject.Singleton;
import jakarta.ws.rs.core.Response;

import java.util.function.Function;

/**
 * The steps every idempotent {@code POST /v1/*} takes, in this order: the fault knobs (an injected 503 comes
 * before anything is recorded, so a retry with the same key is always safe), the {@code Idempotency-Key} header
 * (400 when missing or too long), the effect in the ledger under that key, and the answer, marked
 * {@code Idempotent-Replayed: true} when the ledger gave back the key's first answer instead of acting again.
 */
@Singleton
class IdempotentPost {

    private final FaultInjector faults;

    IdempotentPost(FaultInjector faults) {
        this.faults = faults;
    }

    /**
     * @param effect the ledger operation, given the checked key
     * @param answer the response to its value; the same for a first answer and for its replay
     */
    <T> Response run(String idempotencyKey, Function<String, Outcome<T>> effect,
            Function<T, Response.ResponseBuilder> answer) {
        faults.beforeCall();
        Outcome<T> outcome = effect.apply(IdempotencyKeyHeader.require(idempotencyKey));
        Response.ResponseBuilder response = answer.apply(outcome.value());
        if (outcome.replayed()) {
            response.header(IdempotencyKeyHeader.REPLAYED, "true");
        }
        return response.build();
    }
}
