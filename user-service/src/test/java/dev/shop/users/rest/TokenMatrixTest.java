package dev.shop.users.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.shop.stack.testing.ForgedTokens;
import dev.shop.stack.testing.KeycloakAdmin;
import dev.shop.stack.testing.RealInfrastructure;
import dev.shop.stack.testing.Tokens;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/**
 * Zero trust: user-service is reachable on its own port, so it validates every token itself, with no gateway in
 * front. Against a real Keycloak, only a valid token of the shop realm, for the audience shop-api, unexpired and
 * signed by the realm's key, reads {@code GET /api/v1/users/me}; every other token is a 401 problem.
 */
@QuarkusTest
@WithTestResource(value = RealInfrastructure.class, scope = TestResourceScope.GLOBAL,
        initArgs = {@ResourceArg(name = "database", value = "users"), @ResourceArg(name = "keycloak", value = "true")})
class TokenMatrixTest {

    private static final String ME = "/api/v1/users/me";

    @Test
    void validTokenReadsTheProfile() {
        given().auth().oauth2(Tokens.alice())
                .when().get(ME)
                .then().statusCode(200)
                .body("username", equalTo("alice"));
    }

    @Test
    void noTokenIs401() {
        refused(given().when().get(ME));
    }

    @Test
    void expiredTokenIs401() {
        // A real token of the realm, signed by its key, made short-lived through Keycloak's admin API.
        refusedToken(KeycloakAdmin.expiredToken("customer-0201", "customer"));
    }

    @Test
    void tokenOfAnotherIssuerIs401() {
        // A real token, but from the master realm.
        refusedToken(KeycloakAdmin.passwordGrant("master", "admin-cli", "admin", "admin"));
    }

    @Test
    void tokenForAnotherAudienceIs401() {
        // A real token of the shop realm, signed by its key, but from a client without the shop-api audience.
        String token = KeycloakAdmin.passwordGrant("shop", "admin-cli", "customer-0202", "customer");
        assertFalse(ForgedTokens.claimsOf(token).contains("shop-api"), "the token must lack the shop-api audience");
        refusedToken(token);
    }

    @Test
    void unsignedTokenIs401() {
        refusedToken(ForgedTokens.unsigned(ForgedTokens.keyIdOf(Tokens.alice()), ForgedTokens.validClaims()));
    }

    @Test
    void tamperedPayloadIs401() {
        String token = ForgedTokens.withTamperedPayload(Tokens.alice());
        assertTrue(ForgedTokens.claimsOf(token).contains("\"sub\""));
        refusedToken(token);
    }

    @Test
    void signatureByAnotherKeyUnderTheRealmsKeyIdIs401() {
        refusedToken(ForgedTokens.signedByUnknownKey(ForgedTokens.keyIdOf(Tokens.alice()), ForgedTokens.validClaims()));
    }

    @Test
    void unknownKeyIdIs401() {
        refusedToken(ForgedTokens.signedByUnknownKey("unknown-kid", ForgedTokens.validClaims()));
    }

    private static void refusedToken(String token) {
        refused(given().auth().oauth2(token).when().get(ME));
    }

    private static void refused(Response response) {
        response.then().statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401))
                .body("code", equalTo("UNAUTHORIZED"));
    }
}
