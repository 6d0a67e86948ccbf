package dev.shop.load;

import java.util.stream.Stream;

import io.gatling.javaapi.core.Simulation;

/** 90% reads and 10% checkouts (-DcheckoutShare) at -Drate requests/s in total. */
public class MixedSimulation extends Simulation {

    {
        double rate = LoadSettings.rate();
        double readUsers = rate * (1 - LoadSettings.checkoutShare()) / ShopScenarios.BROWSE_REQUESTS;
        double orders = rate * LoadSettings.checkoutShare() / ShopScenarios.CHECKOUT_REQUESTS;
        setUp(Stream.concat(BrowseSimulation.browsers(readUsers).stream(), CheckoutSimulation.buyers(orders).stream())
                .toList())
                .protocols(ShopScenarios.protocol())
                .assertions(ShopScenarios.seedObjectives(Stream.concat(ShopScenarios.BROWSE_REQUESTS_MEASURED.stream(),
                        ShopScenarios.CHECKOUT_REQUESTS_MEASURED.stream()).distinct().toList(), true));
    }

    @Override
    public void before() {
        CustomerTokens.prefetch(LoadSettings.customers());
    }
}
