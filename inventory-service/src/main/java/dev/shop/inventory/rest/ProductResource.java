package dev.shop.inventory.rest;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.shop.inventory.domain.ProductView;
import dev.shop.inventory.service.ProductPage;
import dev.shop.inventory.service.ProductService;
import dev.shop.inventory.service.StockService;
import dev.shop.platform.problem.Problem;
import dev.shop.platform.problem.ProblemException;
import dev.shop.platform.problem.Violation;

/**
 * The catalog (docs/design.md section 3): anyone reads, admins write. Reads are served from Redis when possible;
 * every write invalidates the product's cache entry after its commit, before this answers.
 */
@Path("/api/v1/products")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Products", description = "Catalog and stock: anyone reads, admins change")
public class ProductResource {

    private final ProductService catalog;
    private final StockService stock;

    public ProductResource(ProductService catalog, StockService stock) {
        this.catalog = catalog;
        this.stock = stock;
    }

    @GET
    @PermitAll
    @Operation(summary = "A page of the catalog, or the products of a list of ids",
            description = "Cursor pagination in a stable order: a walk that follows nextCursor sees every product "
                    + "once, also while products are added. nextCursor is opaque and null on the last page. "
                    + "With ids (repeated, at most 50; ADR 0023) the page holds those products instead, in the "
                    + "order asked, each once; an id the catalog does not have is left out; nextCursor is null.")
    @APIResponse(responseCode = "200", description = "The page",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProductPage.class),
                    examples = {@ExampleObject(name = "page", value = Examples.PAGE),
                            @ExampleObject(name = "last page", value = Examples.LAST_PAGE)}))
    @APIResponse(responseCode = "400", description = "INVALID_CURSOR; VALIDATION_FAILED for a limit outside 1..100, "
            + "more than 50 ids, or ids together with a cursor; INVALID_PARAMETER for an id that is not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = {@ExampleObject(name = "invalid cursor", value = Examples.INVALID_CURSOR),
                            @ExampleObject(name = "limit out of range", value = Examples.LIMIT_OUT_OF_RANGE)}))
    public ProductPage list(
            @Parameter(description = "nextCursor of the previous page; absent for the first page")
            @QueryParam("cursor") String cursor,
            @Parameter(description = "Products per page, 1 to 100")
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
            @Parameter(description = "Read these products instead of a page (repeat the parameter, at most 50)")
            @QueryParam("ids") @Size(max = 50) List<UUID> ids) {
        if (ids.isEmpty()) {
            return catalog.page(cursor, limit);
        }
        if (cursor != null && !cursor.isEmpty()) {
            throw new ProblemException(400, "VALIDATION_FAILED", "Validation failed",
                    "ids and cursor cannot be combined: ids reads exactly those products.")
                    .withViolations(List.of(new Violation("cursor", "must be absent when ids is given")));
        }
        return catalog.products(ids);
    }

    @GET
    @Path("/{id}")
    @PermitAll
    @Operation(summary = "One product with its price and available stock")
    @APIResponse(responseCode = "200", description = "The product",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProductView.class),
                    examples = @ExampleObject(name = "product", value = Examples.PRODUCT)))
    @APIResponse(responseCode = "404", description = "PRODUCT_NOT_FOUND",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "not found", value = Examples.PRODUCT_NOT_FOUND)))
    @APIResponse(responseCode = "400", description = "INVALID_PARAMETER: the id is not a UUID",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ProductView get(@PathParam("id") UUID id) {
        return catalog.find(id);
    }

    @POST
    @RolesAllowed("admin")
    @Operation(summary = "Add a product (admin)")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "new product", value = Examples.NEW_PRODUCT)))
    @APIResponse(responseCode = "201", description = "Created; Location names the product",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProductView.class),
                    examples = @ExampleObject(name = "product", value = Examples.PRODUCT)))
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED (every invalid field listed), UNKNOWN_FIELD, "
            + "INVALID_FIELD_TYPE or MALFORMED_JSON",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = {@ExampleObject(name = "invalid fields", value = Examples.VALIDATION_FAILED),
                            @ExampleObject(name = "unknown field", value = Examples.UNKNOWN_FIELD)}))
    @APIResponse(responseCode = "401", description = "UNAUTHORIZED: no valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "no token", value = Examples.UNAUTHORIZED)))
    @APIResponse(responseCode = "403", description = "FORBIDDEN: the token has no admin role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "customer", value = Examples.FORBIDDEN)))
    @APIResponse(responseCode = "409", description = "SKU_ALREADY_EXISTS",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "duplicate SKU", value = Examples.SKU_ALREADY_EXISTS)))
    public Response create(@Valid @NotNull NewProductRequest request) {
        ProductView created = catalog.create(request.sku(), request.details(), request.initialStock());
        return Response.created(URI.create("/api/v1/products/" + created.id())).entity(created).build();
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed("admin")
    @Operation(summary = "Replace a product's name, description and price (admin)",
            description = "The SKU never changes; stock changes through PUT /products/{id}/stock. "
                    + "The next read returns the new details (the cache entry is invalidated before this answers).")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "details", value = Examples.PRODUCT_DETAILS)))
    @APIResponse(responseCode = "200", description = "The product as it is now",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProductView.class),
                    examples = @ExampleObject(name = "product", value = Examples.PRODUCT)))
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED, UNKNOWN_FIELD, INVALID_FIELD_TYPE, MALFORMED_JSON "
            + "or INVALID_PARAMETER (id not a UUID)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class),
                    examples = @ExampleObject(name = "invalid fields", value = Examples.VALIDATION_FAILED)))
    @APIResponse(responseCode = "401", description = "UNAUTHORIZED: no valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "no token", value = Examples.UNAUTHORIZED)))
    @APIResponse(responseCode = "403", description = "FORBIDDEN: the token has no admin role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "customer", value = Examples.FORBIDDEN)))
    @APIResponse(responseCode = "404", description = "PRODUCT_NOT_FOUND",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not found", value = Examples.PRODUCT_NOT_FOUND)))
    @APIResponse(responseCode = "409", description = "CONCURRENT_UPDATE: another admin changed it at the same time; retry",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "conflict", value = Examples.CONCURRENT_UPDATE)))
    public ProductView update(@PathParam("id") UUID id, @Valid @NotNull ProductDetailsRequest request) {
        return catalog.changeDetails(id, request.details());
    }

    @PUT
    @Path("/{id}/stock")
    @RolesAllowed("admin")
    @Operation(summary = "Set a product's available stock (admin)",
            description = "Sets the count, never below zero. Concurrent changes of one product are serialized by the "
                    + "database; the next read returns the new stock.")
    @RequestBody(content = @Content(examples = @ExampleObject(name = "stock", value = Examples.STOCK)))
    @APIResponse(responseCode = "200", description = "The product with its new stock",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ProductView.class),
                    examples = @ExampleObject(name = "product", value = Examples.PRODUCT)))
    @APIResponse(responseCode = "400", description = "VALIDATION_FAILED (available missing or negative), UNKNOWN_FIELD, "
            + "INVALID_FIELD_TYPE, MALFORMED_JSON or INVALID_PARAMETER",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "UNAUTHORIZED: no valid bearer token",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "no token", value = Examples.UNAUTHORIZED)))
    @APIResponse(responseCode = "403", description = "FORBIDDEN: the token has no admin role",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "customer", value = Examples.FORBIDDEN)))
    @APIResponse(responseCode = "404", description = "PRODUCT_NOT_FOUND",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "not found", value = Examples.PRODUCT_NOT_FOUND)))
    public ProductView setStock(@PathParam("id") UUID id, @Valid @NotNull StockRequest request) {
        return stock.setAvailable(id, request.available());
    }
}
