package dev.shop.inventory;

import dev.shop.stack.testing.OpenApiDocumentContract;
import dev.shop.stack.testing.RealInfrastructure;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The OpenAPI document served at /q/openapi is docs/api/inventory-service.yaml. */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = {@ResourceArg(name = "database", value = "inventory"), @ResourceArg(name = "keycloak", value = "true")})
class OpenApiDocumentTest extends OpenApiDocumentContract {

    @Override
    protected String serviceName() {
        return "inventory-service";
    }
}
