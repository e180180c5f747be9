package io.zmx.tokencache;

import io.quarkus.security.Authenticated;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** A protected endpoint for the tests: answers who the caller is (from the token's claims) and their roles. */
@Path("/probe")
@Authenticated
public class ProbeResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    JsonWebToken jwt;

    @GET
    public String whoAmI() {
        return jwt.getName() + " " + identity.getRoles();
    }
}
