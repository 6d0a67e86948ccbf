package dev.shop.users.service;

import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;

import dev.shop.platform.problem.ProblemException;
import dev.shop.users.cache.ProfileCache;
import dev.shop.users.domain.Identity;
import dev.shop.users.domain.Profile;
import dev.shop.users.domain.ProfileChanged;
import dev.shop.users.domain.ProfileView;
import dev.shop.users.persistence.ProfileRepository;
import io.quarkus.narayana.jta.QuarkusTransaction;

/** Profiles: reads through {@link ProfileCache}, writes in transactions that invalidate it after commit. */
@ApplicationScoped
public class ProfileService {

    private final ProfileRepository profiles;
    private final ProfileCache cache;
    private final Event<ProfileChanged> changed;

    ProfileService(ProfileRepository profiles, ProfileCache cache, Event<ProfileChanged> changed) {
        this.profiles = profiles;
        this.cache = cache;
        this.changed = changed;
    }

    /** The caller's profile, created from their token on their first call. */
    public ProfileView me(Identity caller) {
        return cache.get(caller.subject())
                .orElseGet(() -> QuarkusTransaction.joiningExisting().call(() -> ProfileView.of(findOrCreate(caller))));
    }

    /** Edits the caller's profile (creating it first if this is their first call). */
    @Transactional
    public ProfileView editMe(Identity caller, String email, String displayName) {
        Profile profile = findOrCreate(caller);
        profile.edit(email, displayName);
        try {
            profiles.flush();
        } catch (OptimisticLockException e) {
            throw new ProblemException(409, "CONCURRENT_UPDATE", "Concurrent update",
                    "Your profile was changed by another request at the same time; read it and retry.");
        }
        changed.fire(new ProfileChanged(profile.id()));
        return ProfileView.of(profile);
    }

    /** Any profile, for admins. */
    public ProfileView find(UUID id) {
        return cache.get(id).orElseThrow(() -> new ProblemException(404, "PROFILE_NOT_FOUND", "Profile not found",
                "No profile with id " + id + "; a profile exists once its user has called GET /users/me."));
    }

    private Profile findOrCreate(Identity caller) {
        return profiles.findByIdOptional(caller.subject()).orElseGet(() -> {
            profiles.insertIfAbsent(Profile.of(caller));
            changed.fire(new ProfileChanged(caller.subject()));
            return profiles.findById(caller.subject());
        });
    }
}
