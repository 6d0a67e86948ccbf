package dev.shop.inventory.rest;

import dev.shop.stack.testing.RealInfrastructure;
import dev.shop.stack.testing.TokenMatrixContract;
import dev.shop.stack.testing.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Zero trust: this service, called on its own port, refuses every token that is not valid for the shop API. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = { @ResourceArg(name = "database", value = "inventory"), @ResourceArg(name = "keycloak", value = "true") })
class TokenMatrixTest extends TokenMatrixContract {

    /** Catalog reads are anonymous; writes need an admin. An empty body proves authentication passed (400, not 401). */
    @Override
    protected Response call(RequestSpecification request) {
        return request.contentType("application/json").body("{}").when().post("/api/v1/products");
    }

    @Override
    protected String validToken() {
        return Tokens.admin();
    }

    @Override
    protected int acceptedStatus() {
        return 400;
    }
}
