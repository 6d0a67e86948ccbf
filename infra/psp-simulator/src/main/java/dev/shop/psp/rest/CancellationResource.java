package dev.shop.psp.rest;

import dev.shop.platform.problem.Problem;
import dev.shop.psp.ledger.Cancellation;
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

/**
 * Cancels a charge by the idempotency key it was sent with, whether or not it has been made yet (like Adyen's
 * technical cancel by merchant reference): for a caller that gave up waiting for a charge and cannot know whether
 * it will still land. Idempotent per Idempotency-Key; blocking: answers wait for the journal's fsync.
 */
@Path("/v1/cancellations")
@Blocking
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Cancellations", description = "SIMULATED card processor: cancel a charge by its idempotency key, made or not yet made")
public class CancellationResource {

    private final CardProcessor processor;
    private final IdempotentPost idempotentPost;

    public CancellationResource(CardProcessor processor, IdempotentPost idempotentPost) {
        this.processor = processor;
        this.idempotentPost = idempotentPost;
    }

    @POST
    @Operation(summary = "Cancel the charge made, or not yet made, with an idempotency key",
            description = "In one step: no charge with that key yet: the key is voided, and a charge that comes with it "
                    + "later (even one sent earlier and delayed) is refused with 409 CHARGE_CANCELLED, moving no money; "
                    + "a succeeded charge: refunded in full; a declined charge: nothing to cancel. The same key and body "
                    + "replay the first answer (Idempotent-Replayed: true).")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "by order id", value = Examples.CANCELLATION_REQUEST)))
    @APIResponse(responseCode = "201", description = "Cancelled: status voided, refunded or nothing_to_cancel",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Cancellation.class),
                    examples = {@ExampleObject(name = "voided", value = Examples.CANCELLATION_VOIDED),
                            @ExampleObject(name = "refunded", value = Examples.CANCELLATION_REFUNDED),
                            @ExampleObject(name = "declined charge", value = Examples.CANCELLATION_NOTHING_TO_CANCEL)}))
    @APIResponse(responseCode = "400", description = "IDEMPOTENCY_KEY_MISSING or an invalid body; nothing recorded",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "IDEMPOTENCY_KEY_IN_FLIGHT: the charge with that key, or a request "
            + "with this cancellation's key, is still running; retry shortly", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "422", description = "IDEMPOTENCY_KEY_REUSED: this key was used with another body",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "PSP_UNAVAILABLE (injected fault): nothing was done, retry with the same key",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response cancel(
            @Parameter(in = ParameterIn.HEADER, required = true, description = "Unique per cancellation; the shop sends the order id")
            @HeaderParam(IdempotencyKeyHeader.NAME) String idempotencyKey,
            @Valid @NotNull CancellationRequest request) {
        return idempotentPost.run(idempotencyKey, key -> processor.cancel(key, request.toNewCancellation()),
                cancellation -> Response.status(Response.Status.CREATED).entity(cancellation));
    }
}
