package dev.shop.psp.rest;

import dev.shop.psp.ledger.NewCancellation;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /v1/cancellations}. */
public record CancellationRequest(
        @Schema(description = "The Idempotency-Key the charge was (or would be) sent with; the shop sends the order id",
                examples = "0b8e6a8e-3c41-4a8e-9f51-6f1c2f7f9a10")
        @NotBlank @Size(max = 255) String chargeIdempotencyKey) {

    NewCancellation toNewCancellation() {
        return new NewCancellation(chargeIdempotencyKey);
    }
}
