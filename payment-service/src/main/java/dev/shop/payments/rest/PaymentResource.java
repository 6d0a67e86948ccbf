package dev.shop.payments.rest;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import dev.shop.payments.domain.Payment;
import dev.shop.payments.persistence.PaymentRepository;
import dev.shop.platform.problem.ProblemException;
import io.quarkus.security.identity.SecurityIdentity;

/** The payment of an order, for its owner or an admin; anyone else gets 404 as if it did not exist. */
@Path("/api/v1/payments")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class PaymentResource {

    @Inject
    PaymentRepository payments;

    @Inject
    JsonWebToken token;

    @Inject
    SecurityIdentity identity;

    @GET
    @RolesAllowed({ "customer", "admin" })
    @Transactional
    @Operation(summary = "The payment of an order (owner or admin)")
    public PaymentView byOrder(@QueryParam("orderId") @NotNull UUID orderId) {
        Payment payment = payments.findByOrder(orderId)
                .filter(p -> identity.hasRole("admin") || p.isOwnedBy(token.getSubject()))
                .orElseThrow(() -> new ProblemException(404, "PAYMENT_NOT_FOUND", "Payment not found",
                        "No payment of yours for order " + orderId + "."));
        return PaymentView.of(payment);
    }
}
