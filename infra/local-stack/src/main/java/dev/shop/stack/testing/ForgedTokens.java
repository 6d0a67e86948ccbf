package dev.shop.stack.testing;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * JWTs made by the test itself, for the cases Keycloak will not produce: signed with a key Keycloak never had,
 * unsigned ({@code alg=none}), or altered after signing. Plain JDK, so the reader sees every byte.
 */
public final class ForgedTokens {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODE = Base64.getUrlDecoder();
    private static final KeyPair ATTACKER_KEY = rsaKey();

    private ForgedTokens() {
    }

    /** Claims a real access token of the shop realm would have, valid for five minutes. */
    public static String validClaims() {
        return validClaims(TestServers.get().keycloakIssuer());
    }

    /** The same, for the realm of {@code issuer} (e.g. a whole stack's Keycloak). */
    public static String validClaims(String issuer) {
        long now = Instant.now().getEpochSecond();
        return "{\"iss\":\"" + issuer + "\",\"aud\":[\"shop-api\",\"account\"],"
                + "\"sub\":\"" + UUID.randomUUID() + "\",\"typ\":\"Bearer\",\"azp\":\"shop-cli\","
                + "\"preferred_username\":\"mallory\",\"realm_access\":{\"roles\":[\"admin\"]},"
                + "\"iat\":" + now + ",\"exp\":" + (now + 300) + "}";
    }

    /** RS256 with the attacker's own key, under the given key id. */
    public static String signedByUnknownKey(String kid, String claims) {
        String signingInput = encode("{\"alg\":\"RS256\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}") + "." + encode(claims);
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(ATTACKER_KEY.getPrivate());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + B64.encodeToString(rsa.sign());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code alg=none}, no signature, otherwise perfect claims and Keycloak's real key id. */
    public static String unsigned(String kid, String claims) {
        return encode("{\"alg\":\"none\",\"typ\":\"JWT\",\"kid\":\"" + kid + "\"}") + "." + encode(claims) + ".";
    }

    /** A real token whose payload was changed after Keycloak signed it (here: another subject). */
    public static String withTamperedPayload(String realToken) {
        String[] parts = realToken.split("\\.");
        String claims = decode(parts[1]).replaceFirst("\"sub\":\"[^\"]+\"", "\"sub\":\"" + UUID.randomUUID() + "\"");
        return parts[0] + "." + encode(claims) + "." + parts[2];
    }

    public static String keyIdOf(String realToken) {
        String header = decode(realToken.split("\\.")[0]);
        var matcher = java.util.regex.Pattern.compile("\"kid\"\\s*:\\s*\"([^\"]+)\"").matcher(header);
        if (!matcher.find()) {
            throw new IllegalStateException("no kid in " + header);
        }
        return matcher.group(1);
    }

    public static String claimsOf(String token) {
        return decode(token.split("\\.")[1]);
    }

    private static String encode(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String part) {
        return new String(B64_DECODE.decode(part), StandardCharsets.UTF_8);
    }

    private static KeyPair rsaKey() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
