package dev.shop.psp.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.shop.platform.problem.Problem;
import dev.shop.psp.ledger.Charge;

import java.net.URI;

/**
 * The 402 answer to a declined charge: the platform's problem+json members plus, as Stripe does,
 * the issuer's {@code declineCode} and the id of the failed {@code charge} (which the ledger keeps).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CardDeclinedProblem(
        URI type,
        String title,
        int status,
        String detail,
        String instance,
        String code,
        String traceId,
        String declineCode,
        String charge) {

    static CardDeclinedProblem of(Charge declined, String instance, String traceId) {
        boolean noFunds = "insufficient_funds".equals(declined.declineCode());
        return new CardDeclinedProblem(
                Problem.typeOf(declined.failureCode()),
                noFunds ? "Insufficient funds" : "Card declined",
                402,
                noFunds ? "The card has insufficient funds to complete the purchase." : "The card was declined.",
                instance,
                declined.failureCode(),
                traceId,
                declined.declineCode(),
                declined.id());
    }
}
