package dev.shop.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A service's own configuration (application.properties, the platform's defaults, the dev profile) has the values
 * the stack gives it with the default ports, so `./mvnw -pl <service> quarkus:dev` joins a stack started with
 * `./shop up --without <service>` without any flag.
 */
class DevModeCommandTest {

    @Test
    void everyServiceRunsInDevModeWithoutFlags() {
        StackPlan plan = new StackPlan(ReadyBannerTest.settings(0));

        for (QuarkusApp service : plan.services()) {
            assertEquals("./mvnw -pl " + service.moduleDir() + " quarkus:dev",
                    DevModeCommand.of(service, ReadyBannerTest.REPO), service.name());
        }
    }

    @Test
    void thePspSimulatorIsToldWhereTheStackKeepsItsLedger() {
        StackSettings settings = ReadyBannerTest.settings(0);
        String command = DevModeCommand.of(new StackPlan(settings).pspSimulator(), ReadyBannerTest.REPO);

        assertTrue(command.startsWith("PSP_DATA_DIR=" + settings.dataDir().resolve("psp") + " "), command);
        assertTrue(command.endsWith("./mvnw -pl infra/psp-simulator quarkus:dev"), command);
    }

    @Test
    void environmentNamesFollowMicroProfileConfig() {
        assertEquals("QUARKUS_OIDC_AUTH_SERVER_URL", DevModeCommand.envName("quarkus.oidc.auth-server-url"));
    }
}
