package io.zmx.tokencache;

import io.quarkus.arc.Unremovable;
import io.quarkus.oidc.common.OidcEndpoint;
import io.quarkus.oidc.common.OidcResponseFilter;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Sees every JSON Web Key Set quarkus-oidc downloads from the issuer (at start, and again when a token
 * names a key it does not know, i.e. when the issuer rotated its keys) and clears the token cache when
 * the set differs from the last one seen. Watching quarkus-oidc's own downloads keeps the cache in step
 * with the keys quarkus-oidc verifies with: a token whose key was rotated out is refused exactly when
 * quarkus-oidc would refuse it, and no second download of the key set is made.
 */
@ApplicationScoped
@Unremovable
@OidcEndpoint(OidcEndpoint.Type.JWKS)
public class IssuerKeysWatcher implements OidcResponseFilter {

    private static final Logger LOG = Logger.getLogger(IssuerKeysWatcher.class);
    private static final String TENANT_ID = "tenant-id";

    private final VerifiedTokenCache cache;
    private final Map<String, byte[]> lastSeen = new ConcurrentHashMap<>();

    IssuerKeysWatcher(VerifiedTokenCache cache) {
        this.cache = cache;
    }

    @Override
    public void filter(OidcResponseContext response) {
        if (response.statusCode() != 200 || response.responseBody() == null) {
            return; // quarkus-oidc keeps its old keys; so do we
        }
        Object tenant = response.requestProperties() == null ? null : response.requestProperties().get(TENANT_ID);
        byte[] digest = sha256(response.responseBody().getBytes());
        byte[] previous = lastSeen.put(String.valueOf(tenant), digest);
        if (previous != null && !Arrays.equals(previous, digest)) {
            LOG.infof("the issuer's signing keys changed (tenant %s): cached token verifications dropped", tenant);
            cache.keysChanged();
        }
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
