package dev.shop.stack.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * Zero trust: every service is reachable on its own port, so it validates every token itself, with no gateway
 * in front. Against a real Keycloak, only a token of the shop realm, for the audience shop-api, unexpired and
 * signed by the realm's key gets past authentication; every other token is a 401 problem.
 * A service's test suite extends this with one protected call (annotated with {@code @QuarkusTest} and
 * {@link RealInfrastructure} with {@code keycloak=true}).
 */
public abstract class TokenMatrixContract {

    /** The protected call under test, e.g. {@code request.get("/api/v1/users/me")}. */
    protected abstract Response call(RequestSpecification request);

    /** A token that may make the call: a customer's by default. */
    protected String validToken() {
        return Tokens.alice();
    }

    /** What the call answers to a valid token: anything but 401 proves the token was accepted. */
    protected int acceptedStatus() {
        return 200;
    }

    @Test
    void validTokenIsAccepted() {
        call(given().auth().oauth2(validToken())).then().statusCode(acceptedStatus());
    }

    @Test
    void noTokenIs401() {
        refused(call(given()));
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

    private void refusedToken(String token) {
        refused(call(given().auth().oauth2(token)));
    }

    private static void refused(Response response) {
        response.then().statusCode(401)
                .contentType("application/problem+json")
                .body("status", equalTo(401))
                .body("code", equalTo("UNAUTHORIZED"));
    }
}
