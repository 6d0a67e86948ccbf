package dev.shop.gateway.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.shop.gateway.PspSimulatorUpstream;
import dev.shop.stack.testing.ForgedTokens;
import dev.shop.stack.testing.KeycloakAdmin;
import dev.shop.stack.testing.RealInfrastructure;
import dev.shop.stack.testing.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/**
 * The token matrix at the gateway, against a real Keycloak: only a valid token of the shop realm, for the
 * audience shop-api, unexpired and signed by the realm's key, gets a protected route proxied.
 * ({@code GET /api/v1/payments/ledger} is proxied to the simulator's {@code GET /v1/ledger}.)
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = @ResourceArg(name = "keycloak", value = "true"))
@WithTestResource(value = PspSimulatorUpstream.class, scope = TestResourceScope.GLOBAL)
class TokenMatrixTest {

    private static final String PROTECTED = "/api/v1/payments/ledger";

    @Test
    void validTokenIsProxied() {
        given().auth().oauth2(Tokens.alice())
                .when().get(PROTECTED)
                .then().statusCode(200)
                .body("charges", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void noTokenIs401WithBearerChallenge() {
        given().when().get(PROTECTED)
                .then().statusCode(401)
                .header("WWW-Authenticate", equalTo("Bearer realm=\"shop\""))
                .contentType("application/problem+json")
                .body("status", equalTo(401))
                .body("code", equalTo("UNAUTHORIZED"))
                .body("instance", equalTo(PROTECTED));
    }

    @Test
    void garbageTokenIs401() {
        refused("not-a-jwt");
    }

    @Test
    void expiredTokenIs401() {
        // A real token of the realm, signed by its key, made short-lived through Keycloak's admin API.
        refused(KeycloakAdmin.expiredToken("customer-0101", "customer"));
    }

    @Test
    void aTokenAcceptedEarlierIsRefusedOnceItHasExpired() {
        // The gateway remembers verified tokens (VerifiedTokens): never beyond their own expiry.
        String token = KeycloakAdmin.shortLivedToken("customer-0103", "customer");
        given().auth().oauth2(token).when().get(PROTECTED).then().statusCode(200);

        KeycloakAdmin.awaitExpiry(token);

        refused(token);
    }

    @Test
    void tamperingWithAnAcceptedTokenIs401() {
        String token = Tokens.alice();
        given().auth().oauth2(token).when().get(PROTECTED).then().statusCode(200);

        refused(ForgedTokens.withTamperedPayload(token));
    }

    @Test
    void tokenOfAnotherIssuerIs401() {
        // A real token, but from the master realm.
        refused(KeycloakAdmin.passwordGrant("master", "admin-cli", "admin", "admin"));
    }

    @Test
    void tokenForAnotherAudienceIs401() {
        // A real token of the shop realm, signed by its key, but from a client without the shop-api audience.
        String token = KeycloakAdmin.passwordGrant("shop", "admin-cli", "customer-0102", "customer");
        assertFalse(ForgedTokens.claimsOf(token).contains("shop-api"), "the token must lack the shop-api audience");
        refused(token);
    }

    @Test
    void unsignedTokenIs401() {
        refused(ForgedTokens.unsigned(ForgedTokens.keyIdOf(Tokens.alice()), ForgedTokens.validClaims()));
    }

    @Test
    void tamperedPayloadIs401() {
        String token = ForgedTokens.withTamperedPayload(Tokens.alice());
        assertTrue(ForgedTokens.claimsOf(token).contains("\"sub\""));
        refused(token);
    }

    @Test
    void signatureByAnotherKeyUnderTheRealmsKeyIdIs401() {
        refused(ForgedTokens.signedByUnknownKey(ForgedTokens.keyIdOf(Tokens.alice()), ForgedTokens.validClaims()));
    }

    @Test
    void unknownKeyIdIs401() {
        refused(ForgedTokens.signedByUnknownKey("unknown-kid", ForgedTokens.validClaims()));
    }

    private static ValidatableResponse refused(String token) {
        return given().auth().oauth2(token)
                .when().get(PROTECTED)
                .then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer realm=\"shop\", error=\"invalid_token\""))
                .contentType("application/problem+json")
                .body("code", equalTo("UNAUTHORIZED"));
    }
}
