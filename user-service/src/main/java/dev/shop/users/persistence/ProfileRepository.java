package dev.shop.users.persistence;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import dev.shop.users.domain.Profile;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class ProfileRepository implements PanacheRepositoryBase<Profile, UUID> {

    /**
     * Inserts the profile unless one with its id exists: two first requests of one customer arriving together
     * create one profile, and neither fails.
     */
    public void insertIfAbsent(Profile profile) {
        getEntityManager().createNativeQuery("""
                INSERT INTO profiles (id, username, email, display_name) VALUES (?1, ?2, ?3, ?4)
                ON CONFLICT (id) DO NOTHING""")
                .setParameter(1, profile.id())
                .setParameter(2, profile.username())
                .setParameter(3, profile.email())
                .setParameter(4, profile.displayName())
                .executeUpdate();
    }
}
