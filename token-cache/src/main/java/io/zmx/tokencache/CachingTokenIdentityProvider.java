package io.zmx.tokencache;

import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.oidc.runtime.OidcIdentityProvider;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Stands in front of quarkus-oidc's {@link OidcIdentityProvider} for bearer tokens: the first time a
 * token is seen it gets quarkus-oidc's full check (signature, issuer, audience, expiry, required claims)
 * and the resulting identity is remembered; later requests with the same token get that identity
 * without a second RSA verification and claims parse, until the token expires or the issuer's keys
 * change. Anything but a plain bearer access token (code-flow ID tokens, DPoP-bound tokens) goes
 * straight to quarkus-oidc, uncached.
 */
@ApplicationScoped
@Unremovable
public class CachingTokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    /** Identity attributes quarkus-oidc binds to the one request that was verified; re-bound on every hit. */
    private static final String ROUTING_CONTEXT = RoutingContext.class.getName();
    private static final String REQUEST_CONTEXT = AuthenticationRequestContext.class.getName();
    private static final Set<String> PER_REQUEST = Set.of(ROUTING_CONTEXT, REQUEST_CONTEXT);

    private final OidcIdentityProvider oidc;
    private final VerifiedTokenCache cache;

    CachingTokenIdentityProvider(OidcIdentityProvider oidc, VerifiedTokenCache cache) {
        this.oidc = oidc;
        this.cache = cache;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    /** Asked before quarkus-oidc's provider; it never answers null, so quarkus-oidc is only reached through it. */
    @Override
    public int priority() {
        return oidc.priority() + 1;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        RoutingContext rc = HttpSecurityUtils.getRoutingContextAttribute(request);
        if (!cache.enabled() || !(request.getToken() instanceof AccessTokenCredential) || rc == null
                || rc.request().getHeader("DPoP") != null) {
            return oidc.authenticate(request, context);
        }
        TokenKey key = TokenKey.of(request.getToken().getToken(), rc); // hashed once per request (fast path first)
        SecurityIdentity cached = cache.get(key);
        if (cached != null) {
            return Uni.createFrom().item(boundTo(cached, rc));
        }
        long generation = cache.keyGeneration();
        return oidc.authenticate(request, context).invoke(identity -> {
            if (identity != null && identity.getPrincipal() instanceof JsonWebToken jwt && jwt.getExpirationTime() > 0) {
                cache.put(key, detached(identity), jwt.getExpirationTime(), generation);
            }
        });
    }

    /** The verified identity without what belongs to the request that verified it (no request kept alive by the cache). */
    static SecurityIdentity detached(SecurityIdentity identity) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .setAnonymous(identity.isAnonymous())
                .addRoles(identity.getRoles())
                .addCredentials(identity.getCredentials());
        if (identity instanceof QuarkusSecurityIdentity quarkus) {
            builder.addPermissions(quarkus.getPermissions());
        } else {
            builder.addPermissionChecker(identity::checkPermission);
        }
        identity.getAttributes().forEach((name, value) -> {
            if (!PER_REQUEST.contains(name) && value != null) {
                builder.addAttribute(name, value);
            }
        });
        return builder.build();
    }

    /** A cached identity with this request's routing context, as quarkus-oidc would have built it. */
    static SecurityIdentity boundTo(SecurityIdentity cached, RoutingContext rc) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder(cached).addAttribute(ROUTING_CONTEXT, rc);
        Object requestContext = rc.get(REQUEST_CONTEXT);
        if (requestContext != null) {
            builder.addAttribute(REQUEST_CONTEXT, requestContext);
        }
        return builder.build();
    }
}
