package dev.shop.orders.rest;

import dev.shop.orders.SagaServices;
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
        initArgs = { @ResourceArg(name = "database", value = "orders"), @ResourceArg(name = "keycloak", value = "true") })
@WithTestResource(value = SagaServices.class, scope = TestResourceScope.GLOBAL)
class TokenMatrixTest extends TokenMatrixContract {

    @Override
    protected Response call(RequestSpecification request) {
        return request.when().get("/api/v1/orders");
    }
}
