package dev.shop.users.domain;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A customer's profile, keyed by the subject of their Keycloak token. The username comes from the identity
 * provider and never changes here; the customer edits the email and the display name.
 */
@Entity
@Table(name = "profiles")
public class Profile {

    @Id
    private UUID id;

    @Column(updatable = false)
    private String username;

    private String email;

    @Column(name = "display_name")
    private String displayName;

    @Version
    private long version;

    @Column(name = "created_at", updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Profile() {
        // for Hibernate
    }

    /** The profile a token describes, before the customer has edited anything. */
    public static Profile of(Identity identity) {
        Profile profile = new Profile();
        profile.id = identity.subject();
        profile.username = identity.username();
        profile.email = identity.email();
        profile.displayName = identity.displayName();
        profile.createdAt = Instant.now();
        profile.updatedAt = profile.createdAt;
        return profile;
    }

    public void edit(String email, String displayName) {
        this.email = email;
        this.displayName = displayName;
        this.updatedAt = Instant.now();
    }

    public UUID id() {
        return id;
    }

    public String username() {
        return username;
    }

    public String email() {
        return email;
    }

    public String displayName() {
        return displayName;
    }
}
