package dev.shop.platform.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class ProblemMappersTest {

    private static final String ORDERS = "/test/orders";
    private static final String PRODUCT = UUID.randomUUID().toString();

    @Test
    void unknownFieldIs400WithFieldName() {
        postOrder("""
                {"lines": [{"productId": "%s", "quantity": 1, "colour": "red"}], "paymentMethod": "pm_card_visa"}
                """.formatted(PRODUCT))
                .statusCode(400)
                .body("code", equalTo("UNKNOWN_FIELD"))
                .body("type", equalTo("https://shop.dev/problems/unknown-field"))
                .body("detail", containsString("colour"))
                .body("violations.size()", equalTo(1))
                .body("violations[0].field", equalTo("lines[0].colour"))
                .body("violations[0].message", containsString("productId, quantity"));
    }

    @Test
    void wrongTypeIs400NotA500() {
        postOrder("""
                {"lines": [{"productId": "%s", "quantity": "two"}], "paymentMethod": "pm_card_visa"}
                """.formatted(PRODUCT))
                .statusCode(400)
                .body("code", equalTo("INVALID_FIELD_TYPE"))
                .body("violations[0].field", equalTo("lines[0].quantity"))
                .body("violations[0].message", equalTo("must be an integer"));
    }

    @Test
    void numberWrittenAsStringIsRejected() {
        postOrder("""
                {"lines": [{"productId": "%s", "quantity": "2"}], "paymentMethod": "pm_card_visa"}
                """.formatted(PRODUCT))
                .statusCode(400)
                .body("code", equalTo("INVALID_FIELD_TYPE"))
                .body("violations[0].field", equalTo("lines[0].quantity"));
    }

    @Test
    void fractionForIntegerIsRejected() {
        postOrder("""
                {"lines": [{"productId": "%s", "quantity": 2.5}], "paymentMethod": "pm_card_visa"}
                """.formatted(PRODUCT))
                .statusCode(400)
                .body("code", equalTo("INVALID_FIELD_TYPE"))
                .body("violations[0].field", equalTo("lines[0].quantity"));
    }

    @Test
    void numberForStringIsRejected() {
        postOrder("""
                {"lines": [{"productId": "%s", "quantity": 1}], "paymentMethod": 42}
                """.formatted(PRODUCT))
                .statusCode(400)
                .body("code", equalTo("INVALID_FIELD_TYPE"))
                .body("violations[0].field", equalTo("paymentMethod"))
                .body("violations[0].message", equalTo("must be a string"));
    }

    @Test
    void nullForPrimitiveIsRejected() {
        postOrder("""
                {"lines": [{"productId": "%s", "quantity": null}], "paymentMethod": "pm_card_visa"}
                """.formatted(PRODUCT))
                .statusCode(400)
                .body("code", equalTo("INVALID_FIELD_TYPE"))
                .body("violations[0].field", equalTo("lines[0].quantity"))
                .body("violations[0].message", equalTo("must not be null"));
    }

    @Test
    void missingPrimitiveIsRejectedNotDefaultedToZero() {
        postOrder("""
                {"lines": [{"productId": "%s"}], "paymentMethod": "pm_card_visa"}
                """.formatted(PRODUCT))
                .statusCode(400)
                .body("code", equalTo("INVALID_FIELD_TYPE"))
                .body("violations[0].field", equalTo("lines[0].quantity"))
                .body("violations[0].message", equalTo("must not be null"));
    }

    @Test
    void numberOutOfRangeIs400() {
        postOrder("""
                {"lines": [{"productId": "%s", "quantity": 99999999999}], "paymentMethod": "pm_card_visa"}
                """.formatted(PRODUCT))
                .statusCode(400)
                .body("code", equalTo("INVALID_FIELD_TYPE"))
                .body("violations[0].field", equalTo("lines[0].quantity"))
                .body("violations[0].message", equalTo("is out of range for an integer"));
    }

    @Test
    void malformedJsonIs400() {
        postOrder("{\"lines\": [{\"productId\": ")
                .statusCode(400)
                .body("code", equalTo("MALFORMED_JSON"))
                .body("title", equalTo("Malformed JSON"))
                .body("detail", startsWith("The request body is not valid JSON"))
                .body("$", not(hasKey("violations")));
        postOrder("{\"lines\": [}")
                .statusCode(400)
                .body("code", equalTo("MALFORMED_JSON"))
                .body("detail", not(containsString("Source")));
        postOrder("not json")
                .statusCode(400)
                .body("code", equalTo("MALFORMED_JSON"))
                .body("detail", containsString("line 1, column"));
    }

    /** PostgreSQL cannot store U+0000 in text, so no service accepts it in a string: 400 naming the field. */
    @Test
    void nulCharacterInAStringIs400NamingTheField() {
        postOrder("""
                {"lines": [{"productId": "%s", "quantity": 1}], "paymentMethod": "pm_\\u0000card"}
                """.formatted(PRODUCT))
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("detail", containsString("paymentMethod"))
                .body("violations.size()", equalTo(1))
                .body("violations[0].field", equalTo("paymentMethod"))
                .body("violations[0].message", equalTo("must not contain the NUL character (U+0000)"));
    }

    @Test
    void duplicateFieldIs400() {
        postOrder("""
                {"lines": [{"productId": "%s", "quantity": 1, "quantity": 5}], "paymentMethod": "pm_card_visa"}
                """.formatted(PRODUCT))
                .statusCode(400)
                .body("code", equalTo("MALFORMED_JSON"))
                .body("detail", containsString("Duplicate field 'quantity'"));
        postOrder("""
                {"paymentMethod": "pm_card_visa", "lines": [{"productId": "%s", "quantity": 1}], "paymentMethod": "pm_x"}
                """.formatted(PRODUCT))
                .statusCode(400)
                .body("code", equalTo("MALFORMED_JSON"))
                .body("detail", containsString("Duplicate field 'paymentMethod'"));
    }

    @Test
    void contentAfterTheJsonValueIs400() {
        String order = """
                {"lines": [{"productId": "%s", "quantity": 1}], "paymentMethod": "pm_card_visa"}""".formatted(PRODUCT);
        postOrder(order + " xyz")
                .statusCode(400)
                .body("code", equalTo("MALFORMED_JSON"))
                .body("detail", startsWith("The request body is not valid JSON"));
        postOrder(order + order)
                .statusCode(400)
                .body("code", equalTo("MALFORMED_JSON"))
                .body("detail", startsWith("The request body must be one JSON value"));
        postOrder(order + " []")
                .statusCode(400)
                .body("code", equalTo("MALFORMED_JSON"));
        given().contentType("application/json").body(order + " \n").when().post(ORDERS)
                .then().statusCode(200);
    }

    @Test
    void bodyOfTheWrongShapeIs400() {
        postOrder("[1, 2]")
                .statusCode(400)
                .body("code", equalTo("MALFORMED_JSON"))
                .body("detail", equalTo("The request body must be an object."));
    }

    @Test
    void validationErrorListsEveryViolatingField() {
        postOrder("""
                {"lines": [{"productId": "%s", "quantity": 1}, {"quantity": 0}], "paymentMethod": " "}
                """.formatted(PRODUCT))
                .statusCode(400)
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("type", equalTo("https://shop.dev/problems/validation-failed"))
                .body("violations.size()", equalTo(3))
                .body("violations.field", equalTo(List.of("lines[1].productId", "lines[1].quantity", "paymentMethod")))
                .body("violations.message", hasItems("must not be null", "must be greater than or equal to 1",
                        "must not be blank"));
    }

    @Test
    void validationInAServiceBeanIsA400Too() {
        given().contentType("application/json")
                .body("""
                        {"lines": [{"productId": "%s", "quantity": 0}], "paymentMethod": "pm_card_visa"}
                        """.formatted(PRODUCT))
                .when().post(ORDERS + "/via-service")
                .then().statusCode(400)
                .header("Content-Type", startsWith(Problem.MEDIA_TYPE))
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("violations.field", equalTo(List.of("lines[0].quantity")));
    }

    @Test
    void violatedReturnValueIsA500() {
        expectProblem(given().when().get(ORDERS + "/invalid-answer").then(), 500, "INTERNAL_ERROR")
                .body("$", not(hasKey("violations")));
    }

    @Test
    void missingBodyIsAValidationError() {
        given().contentType("application/json")
                .when().post(ORDERS)
                .then().statusCode(400)
                .header("Content-Type", startsWith(Problem.MEDIA_TYPE))
                .body("code", equalTo("VALIDATION_FAILED"))
                .body("violations[0].field", equalTo("order"));
    }

    @Test
    void queryParameterViolationNamesTheParameter() {
        expectProblem(given().queryParam("limit", 500).when().get(ORDERS).then(), 400, "VALIDATION_FAILED")
                .body("violations[0].field", equalTo("limit"))
                .body("violations[0].message", equalTo("must be less than or equal to 100"));
    }

    @Test
    void unparsableQueryParameterIs400NotA404() {
        expectProblem(given().queryParam("limit", "abc").when().get(ORDERS).then(), 400, "INVALID_PARAMETER")
                .body("type", equalTo("https://shop.dev/problems/invalid-parameter"));
    }

    @Test
    void problemExceptionKeepsStatusAndCode() {
        expectProblem(given().when().get(ORDERS + "/out-of-stock").then(), 409, "OUT_OF_STOCK")
                .body("type", equalTo("https://shop.dev/problems/out-of-stock"))
                .body("title", equalTo("Out of stock"))
                .body("detail", equalTo("Only 3 left of SKU-0001"))
                .body("instance", equalTo(ORDERS + "/out-of-stock"))
                .body("$", not(hasKey("violations")));
    }

    @Test
    void problemExceptionCarriesRetryAfter() {
        expectProblem(given().when().get(ORDERS + "/upstream-down").then(), 503, "UPSTREAM_UNAVAILABLE")
                .header("Retry-After", "5");
    }

    @Test
    void unexpectedErrorIs500WithoutStackTrace() {
        List<LogRecord> logged = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(ProblemMappers.class.getName());
        log.addHandler(capture);
        try {
            String body = expectProblem(given().when().get(ORDERS + "/boom").then(), 500, "INTERNAL_ERROR")
                    .body("detail", containsString("traceId"))
                    .extract().asString();
            assertEquals(false, body.contains("password") || body.contains("IllegalStateException")
                    || body.contains("at dev.shop"), body);
        } finally {
            log.removeHandler(capture);
        }
        assertEquals(1, logged.size(), "logged once");
        assertNotNull(logged.get(0).getThrown(), "logged with the stack trace");
    }

    @Test
    void jsonErrorOutsideTheRequestBodyIsA500() {
        expectProblem(given().when().get(ORDERS + "/bad-stored-json").then(), 500, "INTERNAL_ERROR")
                .body("$", not(hasKey("violations")));
    }

    @Test
    void unknownRouteIs404ProblemJson() {
        expectProblem(given().when().get("/no/such/thing").then(), 404, "NOT_FOUND")
                .body("type", equalTo("about:blank"))
                .body("title", equalTo("Not Found"))
                .body("instance", equalTo("/no/such/thing"));
        expectProblem(given().when().get(ORDERS + "/no-such-thing").then(), 404, "NOT_FOUND")
                .body("instance", equalTo(ORDERS + "/no-such-thing"));
        expectProblem(given().when().get("/q/no-such-thing").then(), 404, "NOT_FOUND")
                .body("instance", equalTo("/q/no-such-thing"));
    }

    @Test
    void methodNotAllowedIsProblemJson() {
        expectProblem(given().when().delete(ORDERS).then(), 405, "METHOD_NOT_ALLOWED")
                .body("type", equalTo("about:blank"))
                .body("title", equalTo("Method Not Allowed"));
    }

    @Test
    void unsupportedContentTypeIs415ProblemJson() {
        expectProblem(given().contentType("text/plain").body("hello").when().post(ORDERS).then(),
                415, "UNSUPPORTED_MEDIA_TYPE");
    }

    @Test
    void unacceptableAcceptIs406ProblemJson() {
        expectProblem(given().accept("text/csv").when().get(ORDERS + "?limit=1").then(), 406, "NOT_ACCEPTABLE");
    }

    @Test
    void errorResponseWithoutBodyGetsAProblemBody() {
        expectProblem(given().when().get(ORDERS + "/conflict-without-body").then(), 409, "CONFLICT")
                .body("type", equalTo("about:blank"));
    }

    @Test
    void emptyAnswerOfAnotherExceptionMapperGetsAProblemBody() {
        expectProblem(given().when().get(ORDERS + "/not-logged-in").then(), 401, "UNAUTHORIZED")
                .header("WWW-Authenticate", "Bearer");
    }

    @Test
    void redirectIsNotTurnedIntoAProblem() {
        given().redirects().follow(false)
                .when().get(ORDERS + "/moved")
                .then().statusCode(303)
                .header("Location", containsString(ORDERS));
    }

    @Test
    void nullFieldsStayVisibleOutsideProblems() {
        given().queryParam("limit", 1)
                .when().get(ORDERS)
                .then().statusCode(200)
                .body(containsString("\"cancelReason\":null"));
    }

    @Test
    void traceIdComesFromTraceparentHeader() {
        given().header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
                .header("X-Request-Id", "req-1")
                .when().get(ORDERS + "/out-of-stock")
                .then().statusCode(409)
                .body("traceId", equalTo("4bf92f3577b34da6a3ce929d0e0e4736"));
    }

    /** Every request has a server span, so without a traceparent the problem names the new trace (not the request id). */
    @Test
    void traceIdIsTheNewTraceWhenTheCallerSentNone() {
        given().header("X-Request-Id", "req-42")
                .when().get(ORDERS + "/out-of-stock")
                .then().statusCode(409)
                .body("traceId", matchesPattern("[0-9a-f]{32}"));
        given().header("traceparent", "not-a-traceparent")
                .when().get(ORDERS + "/out-of-stock")
                .then().statusCode(409)
                .body("traceId", matchesPattern("[0-9a-f]{32}"));
    }

    private static ValidatableResponse postOrder(String json) {
        return expectProblemJson(given().contentType("application/json").body(json).when().post(ORDERS).then());
    }

    private static ValidatableResponse expectProblem(ValidatableResponse response, int status, String code) {
        return expectProblemJson(response)
                .statusCode(status)
                .body("status", equalTo(status))
                .body("code", equalTo(code))
                .body("title", notNullValue())
                .body("detail", notNullValue());
    }

    private static ValidatableResponse expectProblemJson(ValidatableResponse response) {
        return response
                .header("Content-Type", startsWith(Problem.MEDIA_TYPE))
                .body("traceId", notNullValue())
                .body("instance", startsWith("/"))
                .body("stackTrace", nullValue());
    }
}
