package dev.shop.payments.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * The card processor's API (psp-simulator, Stripe-like). Answers are read as raw responses: a 402 is a business
 * answer, not an error. Called only through {@link PspClient}.
 */
@RegisterRestClient(configKey = "psp")
@Path("/v1")
@Produces(MediaType.APPLICATION_JSON)
public interface PspApi {

    record ChargeRequest(long amountCents, String currency, String paymentMethod, String reference) {
    }

    record RefundRequest(String charge) {
    }

    record CancellationRequest(String chargeIdempotencyKey) {
    }

    @POST
    @Path("/charges")
    @Consumes(MediaType.APPLICATION_JSON)
    Response charge(@HeaderParam("Idempotency-Key") String idempotencyKey, ChargeRequest request);

    @POST
    @Path("/refunds")
    @Consumes(MediaType.APPLICATION_JSON)
    Response refund(@HeaderParam("Idempotency-Key") String idempotencyKey, RefundRequest request);

    @POST
    @Path("/cancellations")
    @Consumes(MediaType.APPLICATION_JSON)
    Response cancel(@HeaderParam("Idempotency-Key") String idempotencyKey, CancellationRequest request);
}
