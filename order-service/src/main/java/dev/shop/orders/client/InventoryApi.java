package dev.shop.orders.client;

import java.util.UUID;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** inventory-service's catalog, as order-service reads it. Called only through {@link InventoryClient}. */
@RegisterRestClient(configKey = "inventory")
@Path("/api/v1/products")
public interface InventoryApi {

    @GET
    @Path("/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    ProductView product(@PathParam("id") UUID id);
}
