package dev.shop.psp.rest;

import dev.shop.psp.service.FaultInjector;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Fault knobs for resilience and chaos tests. Held in memory: a restart returns to the configured
 * {@code psp.*} defaults. No authentication: the simulator listens on 127.0.0.1 by default.
 */
@Path("/admin/faults")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Faults", description = "SIMULATOR only: make the card processor slow, flaky, down or wrong")
public class FaultsResource {

    private final FaultInjector faults;

    public FaultsResource(FaultInjector faults) {
        this.faults = faults;
    }

    @GET
    @Operation(summary = "The fault knobs in force")
    @APIResponse(responseCode = "200", description = "The knobs",
            content = @Content(examples = @ExampleObject(name = "flaky and slow", value = Examples.FAULTS)))
    public FaultsBody get() {
        return FaultsBody.of(faults.current());
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Replace the fault knobs (latencyMs, errorRate and outage required; badRequest and "
            + "approvalWithoutId optional, absent = off); applies to the next /v1 call")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "flaky and slow", value = Examples.FAULTS)))
    @APIResponse(responseCode = "200", description = "The knobs now in force")
    @APIResponse(responseCode = "400", description = "A knob missing or out of range")
    public FaultsBody put(@Valid @NotNull FaultsBody body) {
        return FaultsBody.of(faults.set(body.toFaults()));
    }

    @POST
    @Path("/reset")
    @Operation(summary = "Back to the configured defaults (psp.latency-ms, psp.error-rate, psp.outage, "
            + "psp.bad-request, psp.approval-without-id)")
    @APIResponse(responseCode = "200", description = "The knobs now in force")
    public FaultsBody reset() {
        return FaultsBody.of(faults.reset());
    }
}
