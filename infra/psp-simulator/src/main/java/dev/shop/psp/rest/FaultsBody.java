package dev.shop.psp.rest;

import dev.shop.psp.service.Faults;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The fault knobs, as read and replaced through {@code /admin/faults}. The first three are required on PUT; the two
 * knobs for answers outside the contract are optional (absent = off), so a PUT of the first three turns them off.
 */
public record FaultsBody(
        @Schema(description = "Delay added to every /v1 answer, in milliseconds", examples = "200")
        @NotNull @Min(0) @Max(60_000) Long latencyMs,
        @Schema(description = "Share of /v1 calls answered 503 PSP_UNAVAILABLE before any effect, 0.0 to 1.0",
                examples = "0.3")
        @NotNull @DecimalMin("0.0") @DecimalMax("1.0") Double errorRate,
        @Schema(description = "When true every /v1 call answers 503 PSP_UNAVAILABLE", examples = "false")
        @NotNull Boolean outage,
        @Schema(description = "When true every /v1 call answers 400 SIMULATED_BAD_REQUEST before any effect; "
                + "optional, default false", examples = "false")
        Boolean badRequest,
        @Schema(description = "When true a succeeded charge is made, but its 201 answer lacks the charge's id; "
                + "optional, default false", examples = "false")
        Boolean approvalWithoutId) {

    static FaultsBody of(Faults faults) {
        return new FaultsBody(faults.latencyMs(), faults.errorRate(), faults.outage(), faults.badRequest(),
                faults.approvalWithoutId());
    }

    Faults toFaults() {
        return new Faults(latencyMs, errorRate, outage, Boolean.TRUE.equals(badRequest),
                Boolean.TRUE.equals(approvalWithoutId));
    }
}
