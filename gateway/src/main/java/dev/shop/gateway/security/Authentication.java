package dev.shop.gateway.security;

import java.time.Instant;
import java.util.function.BiConsumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.shop.gateway.http.ProblemResponses;
import dev.shop.gateway.ratelimit.Caller;
import dev.shop.platform.problem.Problem;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Who is calling, checked before anything is proxied. The token is verified by quarkus-oidc (signature
 * against Keycloak's JWKS, cached and refreshed on an unknown key id; issuer; audience {@code shop-api};
 * expiry), once per token: {@link VerifiedTokens} remembers a verified token until it expires.
 * Authentication is lazy ({@code quarkus.http.auth.proactive=false}) so that this class, not Quarkus, decides
 * what a failure looks like: a 401 problem+json with {@code WWW-Authenticate: Bearer} (RFC 6750).
 * <p>
 * Rules: a request under {@code /api/v1} needs a valid token, except GET and HEAD on a route with
 * anonymous reads (the catalog). A token that is sent must be valid, even where none is needed.
 */
@ApplicationScoped
public class Authentication {

    public static final String CODE = "UNAUTHORIZED";
    static final String REALM = "shop";

    private final VerifiedTokens verifiedTokens;

    Authentication(VerifiedTokens verifiedTokens) {
        this.verifiedTokens = verifiedTokens;
    }

    /** Thrown (as a failed Uni) when the request must be answered 401; already carries the answer. */
    public static final class Unauthenticated extends RuntimeException {

        private final boolean tokenSent;

        Unauthenticated(boolean tokenSent) {
            super(tokenSent ? "invalid token" : "no token", null, false, false);
            this.tokenSent = tokenSent;
        }
    }

    /**
     * @param anonymousAllowed whether this request may pass without a token
     * @return the caller to rate-limit; a failed Uni ({@link Unauthenticated}) when the request is refused
     */
    public Uni<Caller> caller(RoutingContext context, boolean anonymousAllowed) {
        String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        boolean tokenSent = authorization != null;
        if (!tokenSent && anonymousAllowed) {
            return Uni.createFrom().item(Caller.anonymous(clientAddress(context)));
        }
        if (tokenSent) {
            var known = verifiedTokens.subjectOf(authorization);
            if (known.isPresent()) {
                return Uni.createFrom().item(Caller.user(known.get()));
            }
        }
        // Quarkus would answer a failed authentication itself (an empty 401); the failure is ours to answer.
        context.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, (BiConsumer<RoutingContext, Throwable>) (ctx, failure) -> {
        });
        Uni<SecurityIdentity> deferred = context.get(QuarkusHttpUser.DEFERRED_IDENTITY_KEY);
        if (deferred == null) {
            return Uni.createFrom().failure(new Unauthenticated(tokenSent));
        }
        return deferred
                .onFailure().transform(failure -> new Unauthenticated(tokenSent))
                .map(identity -> {
                    if (identity == null || identity.isAnonymous()
                            || !(identity.getPrincipal() instanceof JsonWebToken token) || token.getSubject() == null) {
                        throw new Unauthenticated(tokenSent);
                    }
                    verifiedTokens.remember(authorization, token.getSubject(),
                            Instant.ofEpochSecond(token.getExpirationTime()));
                    return Caller.user(token.getSubject());
                });
    }

    /** The 401 answer: {@code WWW-Authenticate: Bearer realm="shop"}, plus {@code error="invalid_token"} when one was sent. */
    public static void refuse(RoutingContext context, Unauthenticated refusal) {
        context.response().putHeader("WWW-Authenticate", refusal.tokenSent
                ? "Bearer realm=\"" + REALM + "\", error=\"invalid_token\""
                : "Bearer realm=\"" + REALM + "\"");
        ProblemResponses.send(context, Problem.ofHttpStatus(401, CODE, "Unauthorized", refusal.tokenSent
                ? "The bearer token is invalid or expired."
                : "Authentication is required: send a valid bearer token."));
    }

    /**
     * The client's address as Quarkus sees it: the peer, or the X-Forwarded-For / Forwarded address when
     * {@code quarkus.http.proxy.proxy-address-forwarding} trusts the proxy in front of the gateway.
     */
    static String clientAddress(RoutingContext context) {
        var address = context.request().remoteAddress();
        return address == null ? "unknown" : address.hostAddress();
    }
}
