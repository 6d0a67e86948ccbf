package dev.shop.payments.rest;

import dev.shop.stack.testing.PspSimulator;
import dev.shop.stack.testing.RealInfrastructure;
import dev.shop.stack.testing.TokenMatrixContract;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** Zero trust: this service, called on its own port, refuses every token that is not valid for the shop API. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = { @ResourceArg(name = "database", value = "payments"), @ResourceArg(name = "keycloak", value = "true") })
@WithTestResource(value = PspSimulator.class, scope = TestResourceScope.GLOBAL)
class TokenMatrixTest extends TokenMatrixContract {

    @Override
    protected Response call(RequestSpecification request) {
        return request.queryParam("orderId", "00000000-0000-0000-0000-000000000000").when().get("/api/v1/payments");
    }

    /** Authenticated, and there is no payment of this customer for that order. */
    @Override
    protected int acceptedStatus() {
        return 404;
    }
}
