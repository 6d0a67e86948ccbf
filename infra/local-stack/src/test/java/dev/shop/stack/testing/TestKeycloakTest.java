package dev.shop.stack.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

/** The test Keycloak issues real tokens for the demo users, with the audience and roles services check. */
class TestKeycloakTest {

    @Test
    void aliceGetsACustomerTokenForTheShopApi() {
        String claims = claims(Tokens.alice());

        assertTrue(claims.contains("\"iss\":\"" + TestServers.get().keycloakIssuer() + "\""), claims);
        assertTrue(claims.contains("\"shop-api\""), claims);
        assertTrue(claims.contains("\"customer\""), claims);
        assertTrue(!claims.contains("\"admin\""), claims);
    }

    @Test
    void adminTokenCarriesTheAdminRole() {
        assertTrue(claims(Tokens.admin()).contains("\"admin\""));
    }

    @Test
    void wrongPasswordGetsNoToken() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> Tokens.accessToken("bob", "not-bob"));
        assertTrue(refused.getMessage().contains("HTTP 401") || refused.getMessage().contains("HTTP 400"),
                refused.getMessage());
    }

    private static String claims(String jwt) {
        String[] parts = jwt.split("\\.");
        assertEquals(3, parts.length);
        return new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
    }
}
