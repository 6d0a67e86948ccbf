package dev.shop.load;

import java.util.List;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;

/** Orders placed by many distinct customers at -DordersPerSecond (default -Drate / 5 requests per checkout). */
public class CheckoutSimulation extends Simulation {

    {
        double ordersPerSecond = Double.parseDouble(System.getProperty("ordersPerSecond",
                String.valueOf(LoadSettings.rate() / ShopScenarios.CHECKOUT_REQUESTS)));
        setUp(buyers(ordersPerSecond))
                .protocols(ShopScenarios.protocol())
                .assertions(ShopScenarios.seedObjectives(ShopScenarios.CHECKOUT_REQUESTS_MEASURED, true));
    }

    @Override
    public void before() {
        CustomerTokens.prefetch(LoadSettings.customers());
    }

    static List<PopulationBuilder> buyers(double ordersPerSecond) {
        return Phase.populations("checkout", ShopScenarios::checkout, ordersPerSecond);
    }
}
