package dev.shop.load;

import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.rampUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.scenario;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;

/** Orders placed by many distinct customers at -Drate orders/s (default 1000 / 5 requests per checkout). */
public class CheckoutSimulation extends Simulation {

    {
        double ordersPerSecond = Double.parseDouble(System.getProperty("ordersPerSecond",
                String.valueOf(LoadSettings.rate() / ShopScenarios.CHECKOUT_REQUESTS)));
        setUp(buyers(ordersPerSecond))
                .protocols(ShopScenarios.protocol())
                .assertions(ShopScenarios.seedObjectives());
    }

    @Override
    public void before() {
        CustomerTokens.prefetch(LoadSettings.customers());
    }

    static PopulationBuilder buyers(double ordersPerSecond) {
        return scenario("checkout").exec(ShopScenarios.checkout()).injectOpen(
                rampUsersPerSec(1).to(ordersPerSecond).during(LoadSettings.warmup()),
                constantUsersPerSec(ordersPerSecond).during(LoadSettings.duration()));
    }
}
