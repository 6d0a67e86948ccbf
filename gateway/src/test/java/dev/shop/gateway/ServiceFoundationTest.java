package dev.shop.gateway;

import java.util.List;

import dev.shop.stack.testing.RealInfrastructure;
import dev.shop.stack.testing.ServiceFoundationContract;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "keycloak", value = "true"))
@WithTestResource(value = PspSimulatorUpstream.class, scope = TestResourceScope.GLOBAL)
class ServiceFoundationTest extends ServiceFoundationContract {

    @Override
    protected List<String> readinessChecks() {
        return List.of(); // ready on its own: upstreams have breakers, the rate limiter fails open
    }
}
