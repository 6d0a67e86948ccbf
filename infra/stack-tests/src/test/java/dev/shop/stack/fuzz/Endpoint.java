package dev.shop.stack.fuzz;

import static dev.shop.stack.fuzz.Json.array;
import static dev.shop.stack.fuzz.Json.number;
import static dev.shop.stack.fuzz.Json.object;
import static dev.shop.stack.fuzz.Json.string;

import java.util.function.BiFunction;

/**
 * Every public endpoint of docs/design.md section 3, each as a valid request made by the right caller: the
 * starting point that mutations then break. Valid requests only touch the fuzzer's own data ({@link Fixtures}):
 * a new product reuses the SKU of one of its products (409), so that a run never fills the catalog.
 */
enum Endpoint {

    LIST_PRODUCTS((gen, f) -> {
        FuzzRequest request = new FuzzRequest("GET /products", "GET", "/api/v1/products");
        request.query = "limit=" + gen.between(1, 100) + (gen.chance(0.5) && f.productCursor != null
                ? "&cursor=" + f.productCursor : "");
        return gen.chance(0.5) ? request : bearer(request, f.customer(gen.between(0, f.customers() - 1)));
    }),
    GET_PRODUCT((gen, f) -> new FuzzRequest("GET /products/{id}", "GET", "/api/v1/products/" + gen.pick(f.productIds))),
    CREATE_PRODUCT((gen, f) -> bearer(new FuzzRequest("POST /products", "POST", "/api/v1/products"), f.admin())
            .json(object("sku", string(gen.pick(f.productSkus)), "name", string("Fuzzed " + gen.alphanumeric(6)),
                    "description", string("made by the fuzz suite"), "priceCents", number(gen.between(0, 100_000)),
                    "currency", string("EUR"), "initialStock", number(gen.between(0, 1000))))),
    UPDATE_PRODUCT((gen, f) -> bearer(new FuzzRequest("PUT /products/{id}", "PUT",
            "/api/v1/products/" + gen.pick(f.productIds)), f.admin())
            .json(object("name", string("Fuzz target " + gen.alphanumeric(4)), "description", string("fuzzed"),
                    "priceCents", number(gen.between(1, 10_000)), "currency", string("EUR")))),
    SET_STOCK((gen, f) -> bearer(new FuzzRequest("PUT /products/{id}/stock", "PUT",
            "/api/v1/products/" + gen.pick(f.productIds) + "/stock"), f.admin())
            .json(object("available", number(gen.between(100_000, 1_000_000_000))))),
    GET_ME((gen, f) -> customer(new FuzzRequest("GET /users/me", "GET", "/api/v1/users/me"), gen, f)),
    PUT_ME((gen, f) -> customer(new FuzzRequest("PUT /users/me", "PUT", "/api/v1/users/me"), gen, f)
            .json(object("email", string("fuzz-" + gen.alphanumeric(5) + "@shop.example"),
                    "displayName", string("Fuzz " + gen.alphanumeric(8))))),
    GET_USER((gen, f) -> bearer(new FuzzRequest("GET /users/{id}", "GET", "/api/v1/users/" + gen.pick(f.customerIds)),
            f.admin())),
    PLACE_ORDER((gen, f) -> customer(new FuzzRequest("POST /orders", "POST", "/api/v1/orders"), gen, f)
            .header("Idempotency-Key", gen.uuid())
            .json(object("lines", array(object("productId", string(gen.pick(f.productIds)),
                    "quantity", number(gen.between(1, 3)))), "paymentMethod",
                    string(gen.pick("pm_card_visa", "pm_card_declined", "pm_card_insufficient_funds"))))),
    GET_ORDER((gen, f) -> ownOrder("GET /orders/{id}", "GET", "", gen, f)),
    LIST_ORDERS((gen, f) -> {
        FuzzRequest request = customer(new FuzzRequest("GET /orders", "GET", "/api/v1/orders"), gen, f);
        request.query = "limit=" + gen.between(1, 100)
                + (gen.chance(0.3) ? "&status=" + gen.pick("PENDING", "STOCK_RESERVED", "CONFIRMED", "CANCELLED") : "")
                + (gen.chance(0.3) && f.orderCursor != null ? "&cursor=" + f.orderCursor : "");
        return request;
    }),
    TIMELINE((gen, f) -> ownOrder("GET /orders/{id}/timeline", "GET", "/timeline", gen, f)),
    CANCEL_ORDER((gen, f) -> ownOrder("POST /orders/{id}/cancel", "POST", "/cancel", gen, f)),
    PAYMENT((gen, f) -> {
        int customer = gen.between(0, f.customers() - 1);
        FuzzRequest request = bearer(new FuzzRequest("GET /payments", "GET", "/api/v1/payments"), f.customer(customer));
        request.query = "orderId=" + f.orderIds.get(customer);
        return request;
    });

    private final BiFunction<Gen, Fixtures, FuzzRequest> valid;

    Endpoint(BiFunction<Gen, Fixtures, FuzzRequest> valid) {
        this.valid = valid;
    }

    FuzzRequest validRequest(Gen gen, Fixtures fixtures) {
        return valid.apply(gen, fixtures);
    }

    private static FuzzRequest bearer(FuzzRequest request, String token) {
        return request.header("Authorization", "Bearer " + token);
    }

    private static FuzzRequest customer(FuzzRequest request, Gen gen, Fixtures fixtures) {
        return bearer(request, fixtures.customer(gen.between(0, fixtures.customers() - 1)));
    }

    /** An order of the caller's own (so the valid request is answered 200, or 409 for a cancel once it is final). */
    private static FuzzRequest ownOrder(String name, String method, String suffix, Gen gen, Fixtures fixtures) {
        int customer = gen.between(0, fixtures.customers() - 1);
        return bearer(new FuzzRequest(name, method, "/api/v1/orders/" + fixtures.orderIds.get(customer) + suffix),
                fixtures.customer(customer));
    }
}
