package dev.shop.psp.rest;

import dev.shop.psp.ledger.LedgerSummary;
import dev.shop.psp.service.CardProcessor;
import dev.shop.psp.service.FaultInjector;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The processor's books, for the invariant checker (not part of Stripe's API). */
@Path("/v1/ledger")
@Blocking
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Ledger", description = "SIMULATOR only: money captured and refunded, for invariant checks")
public class LedgerResource {

    private final CardProcessor processor;
    private final FaultInjector faults;

    public LedgerResource(CardProcessor processor, FaultInjector faults) {
        this.processor = processor;
        this.faults = faults;
    }

    @GET
    @Operation(summary = "Totals and per-reference entries",
            description = "netCents = capturedCents - refundedCents must equal the sum of CONFIRMED order totals "
                    + "once the shop is quiet. Subject to the fault knobs like every /v1 call: reset them first.")
    @APIResponse(responseCode = "200", description = "The ledger",
            content = @Content(examples = @ExampleObject(name = "ledger", value = Examples.LEDGER)))
    public LedgerSummary ledger() {
        faults.beforeCall();
        return processor.summary();
    }
}
