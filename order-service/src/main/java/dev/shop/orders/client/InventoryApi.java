package dev.shop.orders.client;

import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** inventory-service's catalog, as order-service reads it. Called only through {@link InventoryClient}. */
@RegisterRestClient(configKey = "inventory")
@Path("/api/v1/products")
public interface InventoryApi {

    /** The products of {@code ids} that the catalog has, in one call (ADR 0023); unknown ids are left out. */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    Products products(@QueryParam("ids") List<UUID> ids);

    /** inventory's page of products; a tolerant reader (nextCursor and other fields are ignored). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Products(List<ProductView> items) {
    }
}
