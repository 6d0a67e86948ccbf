package dev.shop.psp.rest;

import dev.shop.psp.ledger.NewCharge;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Body of {@code POST /v1/charges}. */
public record ChargeRequest(
        @Schema(description = "Amount in minor units (cents)", examples = "1299")
        @NotNull @Positive Long amountCents,
        @Schema(description = "ISO 4217 code, upper case", examples = "EUR")
        @NotNull @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code in upper case, e.g. EUR") String currency,
        @Schema(description = "A test payment method: pm_card_visa, pm_card_declined, pm_card_insufficient_funds",
                examples = "pm_card_visa")
        @NotBlank @Size(max = 100) String paymentMethod,
        @Schema(description = "The caller's id for what is paid for; the shop sends the order id",
                examples = "0b8e6a8e-3c41-4a8e-9f51-6f1c2f7f9a10")
        @NotBlank @Size(max = 200) String reference) {

    NewCharge toNewCharge() {
        return new NewCharge(amountCents, currency, paymentMethod, reference);
    }
}
