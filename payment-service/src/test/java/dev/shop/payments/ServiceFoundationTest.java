package dev.shop.payments;

import java.util.List;

import dev.shop.stack.testing.PspSimulator;
import dev.shop.stack.testing.RealInfrastructure;
import dev.shop.stack.testing.ServiceFoundationContract;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = { @ResourceArg(name = "database", value = "payments"), @ResourceArg(name = "keycloak", value = "true") })
@WithTestResource(value = PspSimulator.class, scope = TestResourceScope.GLOBAL)
class ServiceFoundationTest extends ServiceFoundationContract {

    @Override
    protected List<String> readinessChecks() {
        return List.of(DATABASE_CHECK, KAFKA_CHECK);
    }
}
