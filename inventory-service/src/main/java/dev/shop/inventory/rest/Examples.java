package dev.shop.inventory.rest;

/** OpenAPI examples of inventory-service, in one place so the contract reads like documentation. */
final class Examples {

    private Examples() {
    }

    static final String PRODUCT = """
            {"id": "0b4b4a1e-9f5c-4a5e-8d55-7f0c2b1f9a31", "sku": "SKU-0042", "name": "Travel Backpack",
             "description": "A travel backpack from the demo catalog, item 42.", "priceCents": 12999,
             "currency": "EUR", "availableStock": 420}""";

    static final String PAGE = """
            {"items": [
              {"id": "0b4b4a1e-9f5c-4a5e-8d55-7f0c2b1f9a31", "sku": "SKU-0001", "name": "Organic Coffee Mug",
               "description": "An organic coffee mug from the demo catalog, item 1.", "priceCents": 8418,
               "currency": "EUR", "availableStock": 430}],
             "nextCursor": "cDE6MQ"}""";

    static final String LAST_PAGE = """
            {"items": [], "nextCursor": null}""";

    static final String NEW_PRODUCT = """
            {"sku": "SKU-2001", "name": "Linen Apron", "description": "Stonewashed linen, one size.",
             "priceCents": 2999, "currency": "EUR", "initialStock": 150}""";

    static final String PRODUCT_DETAILS = """
            {"name": "Linen Apron", "description": "Stonewashed linen, one size, two pockets.",
             "priceCents": 3499, "currency": "EUR"}""";

    static final String STOCK = """
            {"available": 100}""";

    static final String PRODUCT_NOT_FOUND = """
            {"type": "https://shop.dev/problems/product-not-found", "title": "Product not found", "status": 404,
             "detail": "No product with id 0b4b4a1e-9f5c-4a5e-8d55-7f0c2b1f9a31.",
             "instance": "/api/v1/products/0b4b4a1e-9f5c-4a5e-8d55-7f0c2b1f9a31", "code": "PRODUCT_NOT_FOUND",
             "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"}""";

    static final String INVALID_CURSOR = """
            {"type": "https://shop.dev/problems/invalid-cursor", "title": "Invalid cursor", "status": 400,
             "detail": "The cursor is not one this API returned; start again without a cursor.",
             "instance": "/api/v1/products", "code": "INVALID_CURSOR", "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"}""";

    static final String LIMIT_OUT_OF_RANGE = """
            {"type": "https://shop.dev/problems/validation-failed", "title": "Validation failed", "status": 400,
             "detail": "1 field is invalid.", "instance": "/api/v1/products",
             "code": "VALIDATION_FAILED", "traceId": "4bf92f3577b34da6a3ce929d0e0e4736",
             "violations": [{"field": "limit", "message": "must be less than or equal to 100"}]}""";

    static final String VALIDATION_FAILED = """
            {"type": "https://shop.dev/problems/validation-failed", "title": "Validation failed", "status": 400,
             "detail": "2 fields are invalid.", "instance": "/api/v1/products",
             "code": "VALIDATION_FAILED", "traceId": "4bf92f3577b34da6a3ce929d0e0e4736",
             "violations": [{"field": "priceCents", "message": "must be greater than or equal to 0"},
                            {"field": "sku", "message": "must not be blank"}]}""";

    static final String UNKNOWN_FIELD = """
            {"type": "https://shop.dev/problems/unknown-field", "title": "Unknown field", "status": 400,
             "detail": "Unknown field 'colour'.", "instance": "/api/v1/products",
             "code": "UNKNOWN_FIELD", "traceId": "4bf92f3577b34da6a3ce929d0e0e4736",
             "violations": [{"field": "colour", "message": "is not a known field; known fields: currency, description, initialStock, name, priceCents, sku"}]}""";

    static final String SKU_ALREADY_EXISTS = """
            {"type": "https://shop.dev/problems/sku-already-exists", "title": "SKU already exists", "status": 409,
             "detail": "Another product already has SKU SKU-2001.", "instance": "/api/v1/products",
             "code": "SKU_ALREADY_EXISTS", "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"}""";

    static final String CONCURRENT_UPDATE = """
            {"type": "https://shop.dev/problems/concurrent-update", "title": "Concurrent update", "status": 409,
             "detail": "Product 0b4b4a1e-9f5c-4a5e-8d55-7f0c2b1f9a31 was changed by another request at the same time; read it and retry.",
             "instance": "/api/v1/products/0b4b4a1e-9f5c-4a5e-8d55-7f0c2b1f9a31", "code": "CONCURRENT_UPDATE",
             "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"}""";

    static final String UNAUTHORIZED = """
            {"type": "about:blank", "title": "Unauthorized", "status": 401,
             "detail": "Authentication is required: send a valid bearer token.", "instance": "/api/v1/products",
             "code": "UNAUTHORIZED", "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"}""";

    static final String FORBIDDEN = """
            {"type": "about:blank", "title": "Forbidden", "status": 403,
             "detail": "You are not allowed to do this.", "instance": "/api/v1/products",
             "code": "FORBIDDEN", "traceId": "4bf92f3577b34da6a3ce929d0e0e4736"}""";
}
