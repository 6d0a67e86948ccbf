package dev.shop.inventory;

import java.util.List;

import dev.shop.stack.testing.RealInfrastructure;
import dev.shop.stack.testing.ServiceFoundationContract;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = {@ResourceArg(name = "database", value = "inventory"), @ResourceArg(name = "keycloak", value = "true")})
class ServiceFoundationTest extends ServiceFoundationContract {

    @Override
    protected List<String> readinessChecks() {
        return List.of(DATABASE_CHECK, KAFKA_CHECK);
    }
}
