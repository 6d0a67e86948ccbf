package dev.shop.users.rest;

import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.shop.platform.problem.ProblemException;
import dev.shop.users.domain.Identity;

/** The caller as their verified access token describes them: sub, preferred_username, email, given and family name. */
final class TokenIdentity {

    private TokenIdentity() {
    }

    static Identity of(JsonWebToken token) {
        UUID subject;
        try {
            subject = UUID.fromString(token.getSubject());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new ProblemException(401, "INVALID_TOKEN", "Invalid token",
                    "The token's subject (sub) must be a user id (UUID).");
        }
        String displayName = Stream.of(claim(token, "given_name"), claim(token, "family_name"))
                .filter(name -> name != null && !name.isBlank())
                .collect(Collectors.joining(" "));
        return new Identity(subject, claim(token, "preferred_username"), claim(token, "email"), displayName);
    }

    private static String claim(JsonWebToken token, String name) {
        Object value = token.getClaim(name);
        if (value instanceof JsonString json) {
            return json.getString();
        }
        return value == null ? null : value.toString();
    }
}
