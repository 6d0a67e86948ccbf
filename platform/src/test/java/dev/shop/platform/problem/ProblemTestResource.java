package dev.shop.platform.problem;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.RedirectionException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Test-only endpoints that fail in every way a real service can. */
@Path("/test/orders")
@Produces(MediaType.APPLICATION_JSON)
public class ProblemTestResource {

    public record NewOrder(@NotNull @Size(min = 1) List<@Valid @NotNull Line> lines, @NotBlank String paymentMethod) {
    }

    public record Line(@NotNull UUID productId, @Min(1) int quantity) {
    }

    public record Order(String id, String status, String cancelReason) {
    }

    private final ObjectMapper json;
    private final TestOrderService service;

    ProblemTestResource(ObjectMapper json, TestOrderService service) {
        this.json = json;
        this.service = service;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public NewOrder create(@Valid @NotNull NewOrder order) {
        return order;
    }

    /** No @Valid here: the service bean validates. */
    @POST
    @Path("/via-service")
    @Consumes(MediaType.APPLICATION_JSON)
    public NewOrder createViaService(NewOrder order) {
        return service.place(order);
    }

    @GET
    public List<Order> list(@QueryParam("limit") @Min(1) @Max(100) int limit) {
        return List.of(new Order("o-1", "PENDING", null));
    }

    @GET
    @Path("/out-of-stock")
    public Order outOfStock() {
        throw new ProblemException(409, "OUT_OF_STOCK", "Out of stock", "Only 3 left of SKU-0001");
    }

    @GET
    @Path("/upstream-down")
    public Order upstreamDown() {
        throw new ProblemException(503, "UPSTREAM_UNAVAILABLE", "Upstream unavailable",
                "inventory-service is not answering").retryAfter(Duration.ofSeconds(5));
    }

    @GET
    @Path("/boom")
    public Order boom() {
        throw new IllegalStateException("connection to jdbc:postgresql://db/orders refused, password=secret");
    }

    @GET
    @Path("/conflict-without-body")
    public Response conflictWithoutBody() {
        return Response.status(409).build();
    }

    @GET
    @Path("/moved")
    public Order moved() {
        throw new RedirectionException(Response.Status.SEE_OTHER, URI.create("/test/orders"));
    }

    /** A response that breaks its own declared constraints is the server's bug. */
    @GET
    @Path("/invalid-answer")
    public @Valid Line invalidAnswer() {
        return new Line(null, 0);
    }

    @GET
    @Path("/not-logged-in")
    public Order notLoggedIn() {
        throw new TestSecurityLikeMapper.NotLoggedIn();
    }

    /** A Jackson error in the service's own code is a bug, not bad input. */
    @GET
    @Path("/bad-stored-json")
    public Line badStoredJson() throws JsonProcessingException {
        return json.readValue("{\"productId\": \"" + UUID.randomUUID() + "\", \"quantity\": 1, \"colour\": \"red\"}",
                Line.class);
    }
}
