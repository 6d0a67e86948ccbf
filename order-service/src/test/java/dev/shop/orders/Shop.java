package dev.shop.orders;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.Supplier;

import dev.shop.stack.testing.Await;
import dev.shop.stack.testing.PspSimulator;
import dev.shop.stack.testing.Tokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** Test helpers: the demo catalog, orders through the API, and waiting for the saga. */
public final class Shop {

    private Shop() {
    }

    /** Product n of inventory's demo catalog (V2__demo_catalog.sql): id md5('demo-product-n')::uuid. */
    public static UUID demoProduct(int n) {
        try {
            String hex = HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
                    .digest(("demo-product-" + n).getBytes(StandardCharsets.UTF_8)));
            return UUID.fromString(hex.replaceFirst("(.{8})(.{4})(.{4})(.{4})(.{12})", "$1-$2-$3-$4-$5"));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String orderBody(UUID product, int quantity, String paymentMethod) {
        return """
                {"lines": [{"productId": "%s", "quantity": %d}], "paymentMethod": "%s"}""".formatted(product, quantity,
                paymentMethod);
    }

    public static Response placeOrder(String token, String idempotencyKey, String body) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).header("Idempotency-Key", idempotencyKey)
                .body(body).when().post("/api/v1/orders");
    }

    public static String place(UUID product, int quantity, String paymentMethod) {
        return placeOrder(Tokens.alice(), UUID.randomUUID().toString(), orderBody(product, quantity, paymentMethod))
                .then().statusCode(201).extract().path("id");
    }

    public static Response order(String id) {
        return given().auth().oauth2(Tokens.alice()).when().get("/api/v1/orders/" + id);
    }

    public static String status(String orderId) {
        return order(orderId).then().statusCode(200).extract().path("status");
    }

    /** Waits until the order reaches {@code status}; fails with its timeline otherwise. */
    public static void awaitStatus(String orderId, String status, Duration timeout) {
        await(timeout, () -> status.equals(status(orderId)), () -> "order " + orderId + " not " + status + ": "
                + given().auth().oauth2(Tokens.alice()).get("/api/v1/orders/" + orderId + "/timeline").asString());
    }

    public static int availableStock(UUID product) {
        return given().baseUri(SagaServices.inventoryUrl()).when().get("/api/v1/products/" + product)
                .then().statusCode(200).extract().path("availableStock");
    }

    public static void setStock(UUID product, int available) {
        given().baseUri(SagaServices.inventoryUrl()).auth().oauth2(Tokens.admin()).contentType(ContentType.JSON)
                .body("{\"available\": " + available + "}").when().put("/api/v1/products/" + product + "/stock")
                .then().statusCode(200);
    }

    public static Response payment(String orderId) {
        return given().baseUri(SagaServices.paymentUrl()).auth().oauth2(Tokens.alice()).queryParam("orderId", orderId)
                .when().get("/api/v1/payments");
    }

    public static String paymentStatus(String orderId) {
        Response response = payment(orderId);
        return response.statusCode() == 200 ? response.path("status") : "HTTP " + response.statusCode();
    }

    public static void pspFaults(int latencyMs, boolean outage) {
        PspSimulator.faults(latencyMs, 0.0, outage);
    }

    public static void await(Duration timeout, Supplier<Boolean> condition, Supplier<String> failure) {
        Await.until(timeout, condition::get, failure);
    }

    /** Read from payment-service's database: it has processed the order's cancellation. */
    public static boolean paymentKnowsOfCancel(String orderId) {
        String url = dev.shop.stack.testing.TestServers.get().postgres().jdbcUrl("payments");
        try (var connection = java.sql.DriverManager.getConnection(url, "payments", "payments");
                var select = connection.prepareStatement(
                        "select cancel_requested or status = 'CANCELLED' from payment where order_id = ?::uuid")) {
            select.setString(1, orderId);
            try (var rows = select.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The PSP's net captured amount for one order (charges minus refunds), from its charges list. */
    public static long netCapturedAtPsp(String orderId) {
        io.restassured.path.json.JsonPath charges = given().baseUri(SagaServices.pspUrl()).queryParam("reference", orderId)
                .get("/v1/charges").then().statusCode(200).extract().jsonPath();
        long net = 0;
        for (int i = 0; i < charges.getList("items").size(); i++) {
            if ("succeeded".equals(charges.getString("items[" + i + "].status"))) {
                net += charges.getLong("items[" + i + "].amountCents") - charges.getLong("items[" + i + "].amountRefundedCents");
            }
        }
        return net;
    }
}
