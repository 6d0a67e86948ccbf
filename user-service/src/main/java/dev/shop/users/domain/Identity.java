package dev.shop.users.domain;

import java.util.Objects;
import java.util.UUID;

/**
 * Who the caller is, as their access token says: subject, preferred_username, email and
 * given_name + family_name. Seeds the profile on first use.
 */
public record Identity(UUID subject, String username, String email, String displayName) {

    public Identity {
        Objects.requireNonNull(subject, "subject");
        username = blankToNull(username) == null ? subject.toString() : username;
        email = blankToNull(email);
        displayName = blankToNull(displayName) == null ? username : displayName.strip();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
