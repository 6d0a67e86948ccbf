package dev.shop.psp.rest;

import dev.shop.platform.problem.Problem;
import dev.shop.psp.ledger.Refund;
import dev.shop.psp.service.CardProcessor;
import io.smallrye.common.annotation.Blocking;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Refunds of succeeded charges, idempotent per Idempotency-Key. Blocking: answers wait for the fsync. */
@Path("/v1/refunds")
@Blocking
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Refunds", description = "SIMULATED card processor: give back money of a succeeded charge")
public class RefundResource {

    private final CardProcessor processor;
    private final IdempotentPost idempotentPost;

    public RefundResource(CardProcessor processor, IdempotentPost idempotentPost) {
        this.processor = processor;
        this.idempotentPost = idempotentPost;
    }

    @POST
    @Operation(summary = "Refund a charge",
            description = "Refunds amountCents, or everything not yet refunded when absent. The same key and body "
                    + "replay the first answer (Idempotent-Replayed: true); refunds never exceed the charge.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "full refund", value = Examples.REFUND_REQUEST)))
    @APIResponse(responseCode = "201", description = "Refunded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Refund.class),
                    examples = @ExampleObject(name = "refund", value = Examples.REFUND)))
    @APIResponse(responseCode = "400", description = "IDEMPOTENCY_KEY_MISSING or an invalid body", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "404", description = "CHARGE_NOT_FOUND", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "CHARGE_ALREADY_REFUNDED, CHARGE_NOT_REFUNDABLE (a decline) or IDEMPOTENCY_KEY_IN_FLIGHT",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "REFUND_EXCEEDS_CHARGE or IDEMPOTENCY_KEY_REUSED", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "PSP_UNAVAILABLE (injected fault): nothing was done, retry with the same key",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response refund(
            @Parameter(in = ParameterIn.HEADER, required = true, description = "Unique per refund; the shop may send the order id")
            @HeaderParam(IdempotencyKeyHeader.NAME) String idempotencyKey,
            @Valid @NotNull RefundRequest request) {
        return idempotentPost.run(idempotencyKey, key -> processor.refund(key, request.toNewRefund()),
                refund -> Response.status(Response.Status.CREATED).entity(refund));
    }
}
