package dev.shop.load;

import java.util.List;
import java.util.stream.Stream;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.Simulation;

/** Catalog reads, half anonymous and half logged in, at -Drate requests/s (default 1000) after a warm-up. */
public class BrowseSimulation extends Simulation {

    {
        double usersPerSecond = LoadSettings.rate() / ShopScenarios.BROWSE_REQUESTS;
        setUp(browsers(usersPerSecond))
                .protocols(ShopScenarios.protocol())
                .assertions(ShopScenarios.seedObjectives(ShopScenarios.BROWSE_REQUESTS_MEASURED, false));
    }

    @Override
    public void before() {
        CustomerTokens.prefetch(LoadSettings.customers());
    }

    /** {@code usersPerSecond} browsing users, half of them anonymous, half logged in. */
    static List<PopulationBuilder> browsers(double usersPerSecond) {
        return Stream.concat(
                Phase.populations("browse (anonymous)", phase -> ShopScenarios.browse(false, phase), usersPerSecond / 2)
                        .stream(),
                Phase.populations("browse (customers)", phase -> ShopScenarios.browse(true, phase), usersPerSecond / 2)
                        .stream())
                .toList();
    }
}
