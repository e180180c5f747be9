package io.zmx.tokencache;

import io.quarkus.arc.Unremovable;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * The cache's fast path, ahead of quarkus-oidc's own mechanism: a request whose bearer token is already in
 * {@link VerifiedTokenCache} gets its identity here, and nothing else of the authentication chain runs.
 * <p>
 * Why a mechanism and not only {@link CachingTokenIdentityProvider}: before quarkus-oidc asks any identity
 * provider it resolves the tenant and builds an {@code AccessTokenCredential}, whose constructor decodes the
 * token's payload as JSON to tell a JWT from an opaque token, and the provider manager then runs the request
 * through context-propagating wrappers. Measured under load (JFR, {@code bench/gateway}), that was about a
 * fifth of the gateway's CPU for a proxied read, paid again by the service behind it, for a token verified
 * minutes before.
 * <p>
 * On a miss it answers nothing, so quarkus-oidc's mechanism runs next exactly as without this class: it makes
 * the full check (signature, issuer, audience, expiry) and {@link CachingTokenIdentityProvider} remembers the
 * result. It also answers nothing for anything but a plain {@code Authorization: Bearer} token (DPoP-bound
 * tokens, code flow, other headers), and never sends a challenge: a 401 is quarkus-oidc's, as before.
 * <p>
 * The cached identity is quarkus-oidc's provider's, taken before any {@link SecurityIdentityAugmentor}; a
 * service with an augmentor would get an unaugmented identity here, so the fast path switches itself off when
 * one is present (the suite has none).
 */
@ApplicationScoped
@Unremovable
public class CachedBearerMechanism implements HttpAuthenticationMechanism {

    private static final String BEARER = "bearer ";

    private final VerifiedTokenCache cache;
    private final boolean active;
    private final LongAdder served = new LongAdder();

    CachedBearerMechanism(VerifiedTokenCache cache, Instance<SecurityIdentityAugmentor> augmentors) {
        this.cache = cache;
        this.active = cache.enabled() && augmentors.isUnsatisfied();
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        if (!active) {
            return Uni.createFrom().nullItem();
        }
        String token = bearerToken(context);
        if (token == null || context.request().getHeader("DPoP") != null) {
            return Uni.createFrom().nullItem();
        }
        SecurityIdentity cached = cache.get(TokenKey.of(token, context)); // on a miss the provider reuses the key
        if (cached == null) {
            return Uni.createFrom().nullItem();
        }
        served.increment();
        return Uni.createFrom().item(CachingTokenIdentityProvider.boundTo(cached, context));
    }

    /** The token of an {@code Authorization: Bearer <token>} header (scheme case-insensitive), else null. */
    static String bearerToken(RoutingContext context) {
        String header = context.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() <= BEARER.length() || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String token = header.substring(BEARER.length()).trim();
        return token.isEmpty() || token.indexOf(' ') >= 0 ? null : token;
    }

    /** Never challenges: quarkus-oidc's mechanism, asked next, answers a missing or refused token. */
    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    @Override
    public Uni<Boolean> sendChallenge(RoutingContext context) {
        return Uni.createFrom().item(Boolean.FALSE);
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(TokenAuthenticationRequest.class);
    }

    /** No scheme of its own: selecting "bearer" for a path (annotation or policy) picks quarkus-oidc's mechanism. */
    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().nullItem();
    }

    /** Ahead of quarkus-oidc's mechanism (which has {@link #DEFAULT_PRIORITY} unless configured). */
    @Override
    public int getPriority() {
        return DEFAULT_PRIORITY + 100;
    }

    /** Whether the fast path is on (cache enabled and no identity augmentor). */
    public boolean active() {
        return active;
    }

    /** Requests this mechanism authenticated from the cache since start. */
    public long served() {
        return served.sum();
    }
}
