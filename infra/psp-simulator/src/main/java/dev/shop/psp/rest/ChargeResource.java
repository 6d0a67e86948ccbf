package dev.shop.psp.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.shop.platform.problem.Problem;
import dev.shop.platform.problem.ProblemException;
import dev.shop.platform.problem.TraceIds;
import dev.shop.psp.ledger.Charge;
import dev.shop.psp.service.CardProcessor;
import dev.shop.psp.service.FaultInjector;
import io.smallrye.common.annotation.Blocking;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.net.URI;
import java.util.List;

/**
 * Charges, Stripe style. A decline is an answer, not an error of the caller: 402 problem+json with
 * code {@code CARD_DECLINED} or {@code INSUFFICIENT_FUNDS}, recorded under the idempotency key like a
 * success. A charge whose key a cancellation voided is refused with 409 {@code CHARGE_CANCELLED}, nothing
 * recorded ({@link CancellationResource}). Blocking on purpose: answers wait for the journal's fsync and for
 * injected latency.
 */
@Path("/v1/charges")
@Blocking
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Charges", description = "SIMULATED card processor: charge test cards (stand-in for e.g. Stripe test mode)")
public class ChargeResource {

    /** A list of charges, e.g. every attempt made for one order. */
    public record ChargeList(List<Charge> items) {
    }

    private final CardProcessor processor;
    private final FaultInjector faults;
    private final IdempotentPost idempotentPost;
    private final ObjectMapper mapper;

    public ChargeResource(CardProcessor processor, FaultInjector faults, IdempotentPost idempotentPost,
            ObjectMapper mapper) {
        this.processor = processor;
        this.faults = faults;
        this.idempotentPost = idempotentPost;
        this.mapper = mapper;
    }

    @POST
    @Operation(summary = "Charge a test card",
            description = "Idempotent per Idempotency-Key: the same key and body replay the first answer "
                    + "(header Idempotent-Replayed: true) without a second charge; the same key with another body is 422.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "visa", value = Examples.CHARGE_REQUEST)))
    @APIResponse(responseCode = "201", description = "Charged (pm_card_visa)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Charge.class),
                    examples = @ExampleObject(name = "succeeded", value = Examples.CHARGE_SUCCEEDED)))
    @APIResponse(responseCode = "402", description = "Declined: CARD_DECLINED or INSUFFICIENT_FUNDS; recorded, a retry stays declined",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = CardDeclinedProblem.class),
                    examples = {@ExampleObject(name = "declined", value = Examples.CARD_DECLINED),
                            @ExampleObject(name = "insufficient funds", value = Examples.INSUFFICIENT_FUNDS)}))
    @APIResponse(responseCode = "400", description = "IDEMPOTENCY_KEY_MISSING, UNKNOWN_PAYMENT_METHOD, an invalid body, "
            + "or SIMULATED_BAD_REQUEST (fault knob); nothing recorded",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "409", description = "CHARGE_CANCELLED: a cancellation voided this key before any charge "
            + "was made with it, nothing charged (final, do not retry); IDEMPOTENCY_KEY_IN_FLIGHT: the first request with "
            + "this key, or a cancellation voiding it, is still running (retry)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "cancelled", value = Examples.CHARGE_CANCELLED)))
    @APIResponse(responseCode = "422", description = "IDEMPOTENCY_KEY_REUSED: this key was used with another body",
            content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "503", description = "PSP_UNAVAILABLE (injected fault): nothing was done, retry with the same key",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "outage", value = Examples.PSP_UNAVAILABLE)))
    public Response charge(
            @Parameter(in = ParameterIn.HEADER, required = true, description = "Unique per payment; the shop sends the order id")
            @HeaderParam(IdempotencyKeyHeader.NAME) String idempotencyKey,
            @Valid @NotNull ChargeRequest request,
            @Context UriInfo uri,
            @Context HttpHeaders headers) {
        return idempotentPost.run(idempotencyKey, key -> processor.charge(key, request.toNewCharge()),
                charge -> charge.succeeded()
                        ? approved(charge)
                        : Response.status(402).type(Problem.MEDIA_TYPE).entity(CardDeclinedProblem.of(charge,
                                uri.getRequestUri().getPath(), TraceIds.current(headers::getHeaderString))));
    }

    /** 201 with the charge; with the fault knob approvalWithoutId on, the charge is made but the answer lacks its id. */
    private Response.ResponseBuilder approved(Charge charge) {
        if (faults.hidesChargeId()) {
            ObjectNode withoutId = mapper.valueToTree(charge);
            withoutId.remove("id");
            return Response.status(Response.Status.CREATED).entity(withoutId);
        }
        return Response.created(URI.create("/v1/charges/" + charge.id())).entity(charge);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One charge, succeeded or declined, with what has been refunded of it")
    @APIResponse(responseCode = "200", description = "The charge",
            content = @Content(examples = @ExampleObject(name = "succeeded", value = Examples.CHARGE_SUCCEEDED)))
    @APIResponse(responseCode = "404", description = "CHARGE_NOT_FOUND", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Charge get(@PathParam("id") String id) {
        faults.beforeCall();
        return processor.findCharge(id).orElseThrow(() -> new ProblemException(404, "CHARGE_NOT_FOUND",
                "Charge not found", "No charge with id '" + id + "'."));
    }

    @GET
    @Operation(summary = "Every charge attempt for a reference (order id), oldest first, declines included")
    @APIResponse(responseCode = "200", description = "The charges; an empty list when there are none",
            content = @Content(examples = @ExampleObject(name = "one charge", value = Examples.CHARGE_LIST)))
    @APIResponse(responseCode = "400", description = "REFERENCE_REQUIRED", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public ChargeList byReference(
            @Parameter(description = "The reference sent with the charge; the shop sends the order id", required = true)
            @QueryParam("reference") String reference) {
        faults.beforeCall();
        if (reference == null || reference.isBlank()) {
            throw new ProblemException(400, "REFERENCE_REQUIRED", "Reference required",
                    "Give the query parameter 'reference' (the order id); listing every charge is not offered.");
        }
        return new ChargeList(processor.chargesFor(reference));
    }
}
