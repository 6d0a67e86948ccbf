package dev.shop.orders.rest;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

import dev.shop.orders.domain.OrderStatus;
import dev.shop.orders.service.OrderService;
import dev.shop.platform.http.PreferWait;
import dev.shop.platform.idempotency.IdempotencyKeys;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/**
 * Orders of the signed-in customer (docs/design.md section 3). The customer is the token's {@code sub}; an order of
 * someone else answers 404, exactly like one that does not exist. Admins read any order.
 */
@Path("/api/v1/orders")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "bearer")
public class OrderResource {

    @Inject
    OrderService orders;

    @Inject
    JsonWebToken token;

    @Inject
    SecurityIdentity identity;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed("customer")
    @Operation(summary = "Place an order", description = "Starts the order saga; answers 201 with the order PENDING. "
            + "Needs an Idempotency-Key: a retry with the same key and body replays the first answer "
            + "(Idempotent-Replayed: true); another body is 422; while the first is in flight, 409.")
    @APIResponse(responseCode = "201", description = "Order placed (PENDING)")
    @APIResponse(responseCode = "400", description = "Missing Idempotency-Key or invalid body")
    @APIResponse(responseCode = "409", description = "A request with this key is still in flight")
    @APIResponse(responseCode = "422", description = "Key reused with another body, or unknown product")
    public Response place(
            @Parameter(description = "A new UUID per intended order; the same one when retrying it")
            @HeaderParam(IdempotencyKeys.HEADER) String idempotencyKey,
            @NotNull @Valid NewOrderRequest request) {
        String key = IdempotencyKeys.require(idempotencyKey);
        OrderService.Placed placed = orders.place(token.getSubject(), key, request);
        Response.ResponseBuilder response = Response.status(placed.response().status())
                .entity(placed.response().body())
                .type(MediaType.APPLICATION_JSON_TYPE);
        if (placed.response().location() != null) {
            response.location(URI.create(placed.response().location()));
        }
        if (placed.replayed()) {
            response.header(IdempotencyKeys.REPLAYED_HEADER, "true");
        }
        return response.build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ "customer", "admin" })
    @Blocking // the first read runs on this worker thread; a long poll then waits without holding any thread
    @Operation(summary = "One order (owner or admin)", description = "With Prefer: wait=N (RFC 7240; N seconds, "
            + "at most 30) this is a long poll: the order is answered as soon as its status changes, or after N "
            + "seconds as it is then, with Preference-Applied: wait=N. A confirmed or cancelled order is answered "
            + "at once. Without it, or with an invalid wait, the order is answered at once.")
    @APIResponse(responseCode = "200", description = "The order",
            content = @Content(schema = @Schema(implementation = OrderView.class)),
            headers = @Header(name = PreferWait.PREFERENCE_APPLIED, description = "wait=N when the wait was honoured"))
    @APIResponse(responseCode = "404", description = "No such order of the caller's (answered without waiting)")
    public Uni<Response> get(@PathParam("id") UUID id,
            @Parameter(description = "wait=N: answer when the status changes, within N seconds (at most 30)")
            @HeaderParam(PreferWait.PREFER) List<String> prefer) {
        Optional<PreferWait> wait = PreferWait.from(prefer);
        if (wait.isEmpty()) {
            return Uni.createFrom().item(Response.ok(orders.get(id, token.getSubject(), isAdmin())).build());
        }
        return orders.get(id, token.getSubject(), isAdmin(), wait.get().duration())
                .map(order -> Response.ok(order).header(PreferWait.PREFERENCE_APPLIED, wait.get().applied()).build());
    }

    @GET
    @RolesAllowed("customer")
    @Operation(summary = "The caller's orders, newest first", description = "Cursor pagination: pass nextCursor back.")
    public PageView<OrderView> list(@QueryParam("cursor") String cursor,
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
            @QueryParam("status") OrderStatus status) {
        return orders.list(token.getSubject(), status, cursor, limit);
    }

    @GET
    @Path("/{id}/timeline")
    @RolesAllowed({ "customer", "admin" })
    @Operation(summary = "Every saga step of an order with its time (owner or admin)")
    public TimelineView timeline(@PathParam("id") UUID id) {
        return TimelineView.of(orders.visible(id, token.getSubject(), isAdmin()));
    }

    @POST
    @Path("/{id}/cancel")
    @RolesAllowed("customer")
    @Operation(summary = "Cancel an order (owner) while the saga has not confirmed it",
            description = "Stock is released and a payment already taken is refunded. 409 once confirmed.")
    public OrderView cancel(@PathParam("id") UUID id) {
        return orders.cancel(id, token.getSubject());
    }

    private boolean isAdmin() {
        return identity.hasRole("admin");
    }
}
