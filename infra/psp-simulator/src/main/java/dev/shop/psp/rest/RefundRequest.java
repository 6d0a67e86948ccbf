package dev.shop.psp.rest;

import dev.shop.psp.ledger.NewRefund;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /v1/refunds}. */
public record RefundRequest(
        @Schema(description = "Id of the succeeded charge to refund", examples = "ch_3f0c2d8a9b7e4c1d8e2f6a5b4c3d2e1f")
        @NotBlank @Size(max = 100) String charge,
        @Schema(description = "Amount to refund in minor units; absent refunds everything not yet refunded",
                examples = "1299")
        @Positive Long amountCents) {

    NewRefund toNewRefund() {
        return new NewRefund(charge, amountCents);
    }
}
