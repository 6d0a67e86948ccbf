package dev.shop.users.domain;

import java.util.UUID;

/**
 * A profile as clients see it (the {@code User} JSON of docs/design.md section 3) and as it is cached in Redis.
 * Changing these fields incompatibly means bumping the schema number of {@code ProfileCache}'s keys.
 */
public record ProfileView(UUID id, String username, String email, String displayName) {

    public static ProfileView of(Profile profile) {
        return new ProfileView(profile.id(), profile.username(), profile.email(), profile.displayName());
    }
}
