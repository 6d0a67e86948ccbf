package dev.shop.load;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;

/** Catalog reads, half anonymous and half logged in, at -Drate requests/s (default 1000) after a warm-up. */
public class BrowseSimulation extends Simulation {

    {
        double usersPerSecond = LoadSettings.rate() / ShopScenarios.BROWSE_REQUESTS / 2;
        setUp(browsers("anonymous", false, usersPerSecond), browsers("customers", true, usersPerSecond))
                .protocols(ShopScenarios.protocol())
                .assertions(ShopScenarios.seedObjectives());
    }

    @Override
    public void before() {
        CustomerTokens.prefetch(Math.min(LoadSettings.customers(), 200));
    }

    static PopulationBuilder browsers(String who, boolean loggedIn, double usersPerSecond) {
        return scenario("browse (" + who + ")").exec(ShopScenarios.browse(loggedIn)).injectOpen(
                rampUsersPerSec(1).to(usersPerSecond).during(LoadSettings.warmup()),
                constantUsersPerSec(usersPerSecond).during(LoadSettings.duration()));
    }
}
