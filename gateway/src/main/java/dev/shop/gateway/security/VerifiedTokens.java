package dev.shop.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import dev.shop.gateway.config.GatewayConfig;

/**
 * Bearer tokens this gateway has already verified, each remembered until its own {@code exp}.
 * <p>
 * A client sends the same token with every request for minutes; checking its signature, issuer and audience
 * again each time was half of the gateway's CPU per authenticated request (BENCHMARKS.md, round 4). A token
 * string verified once stays valid until it expires, so the answer can be reused: the exact same string (looked
 * up by its SHA-256, so no token is kept in memory), never past its expiry. A forged or altered token is another
 * string and goes through the full check. What the gateway gives up is noticing a signing key removed from
 * Keycloak before the tokens it signed expire; the services behind the gateway verify every token themselves.
 */
@ApplicationScoped
public class VerifiedTokens {

    private record Verified(String subject, Instant expiresAt) {
    }

    private final Cache<String, Verified> verified;
    private final boolean enabled;
    private final Clock clock;

    @Inject
    VerifiedTokens(GatewayConfig config) {
        this(config.verifiedTokens().maxSize(), Clock.systemUTC());
    }

    VerifiedTokens(int maxSize, Clock clock) {
        this.verified = Caffeine.newBuilder().maximumSize(maxSize).build();
        this.enabled = maxSize > 0;
        this.clock = clock;
    }

    /** The subject of this exact token if it was verified before and has not expired since. */
    public Optional<String> subjectOf(String token) {
        String key = fingerprint(token);
        Verified known = verified.getIfPresent(key);
        if (known == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(known.expiresAt())) {
            verified.invalidate(key);
            return Optional.empty();
        }
        return Optional.of(known.subject());
    }

    /** Called once the token passed every check; {@code expiresAt} is its {@code exp} claim. */
    public void remember(String token, String subject, Instant expiresAt) {
        if (enabled && clock.instant().isBefore(expiresAt)) {
            verified.put(fingerprint(token), new Verified(subject, expiresAt));
        }
    }

    private static String fingerprint(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
