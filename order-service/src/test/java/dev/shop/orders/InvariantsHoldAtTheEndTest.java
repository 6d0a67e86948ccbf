package dev.shop.orders;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import dev.shop.stack.testing.InvariantChecker;
import dev.shop.stack.testing.RealInfrastructure;
import dev.shop.stack.testing.TestServers;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Runs after every other test class of the module (see junit-platform.properties): once the sagas of the whole
 * suite (happy paths, declines, cancellations, the deadline, a kill -9) have settled, docs/design.md section 5's
 * invariants hold across the three databases and the PSP ledger.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = { @ResourceArg(name = "database", value = "orders"), @ResourceArg(name = "keycloak", value = "true") })
@WithTestResource(value = SagaServices.class, scope = TestResourceScope.GLOBAL)
@Order(Integer.MAX_VALUE)
class InvariantsHoldAtTheEndTest {

    @Test
    void invariantsHoldOnceTheSystemIsQuiet() {
        Shop.pspFaults(0, false);
        List<String>[] last = new List[] { List.of("not checked") };
        try {
            Shop.await(Duration.ofSeconds(60), () -> (last[0] = check()).isEmpty(), () -> String.join("\n", last[0]));
        } catch (AssertionError settling) {
            // fall through to the assertion that prints the violations
        }
        assertEquals(List.of(), last[0]);
    }

    private static List<String> check() {
        return InvariantChecker.check(database -> TestServers.get().postgres().jdbcUrl(database), database -> database,
                SagaServices.pspUrl());
    }
}
