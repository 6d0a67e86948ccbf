package dev.shop.users;

import dev.shop.stack.testing.OpenApiDocumentContract;
import dev.shop.stack.testing.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The OpenAPI document served at /q/openapi is docs/api/user-service.yaml. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = {@ResourceArg(name = "database", value = "users"), @ResourceArg(name = "keycloak", value = "true")})
class OpenApiDocumentTest extends OpenApiDocumentContract {

    @Override
    protected String serviceName() {
        return "user-service";
    }
}
