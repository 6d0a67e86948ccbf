package dev.shop.platform.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * With the REST root at "/" (the default) Quarkus REST answers every unknown path itself. With a
 * REST root such as /api, paths outside it reach Vert.x, whose 404 must be problem+json too.
 */
@QuarkusTest
@TestProfile(UnknownRouteOutsideRestTest.RestUnderApi.class)
class UnknownRouteOutsideRestTest {

    public static class RestUnderApi implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.rest.path", "/api");
        }
    }

    @Test
    void unknownRouteOutsideTheRestRootIs404ProblemJson() {
        given().header("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01")
                .when().get("/not-under-api")
                .then().statusCode(404)
                .header("Content-Type", startsWith(Problem.MEDIA_TYPE))
                .body("code", equalTo("NOT_FOUND"))
                .body("status", equalTo(404))
                .body("instance", equalTo("/not-under-api"))
                .body("traceId", equalTo("0af7651916cd43dd8448eb211c80319c"));
    }

    @Test
    void unknownRouteUnderTheRestRootIs404ProblemJson() {
        given().when().get("/api/no-such-thing")
                .then().statusCode(404)
                .header("Content-Type", startsWith(Problem.MEDIA_TYPE))
                .body("code", equalTo("NOT_FOUND"))
                .body("traceId", matchesPattern("[0-9a-f]{32}"));
    }
}
