package io.zmx.gateway.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A plain-text answer with no work behind it: a cheap reachability check for load balancers and the
 * HTTP ceiling the benchmark (bench/gateway) compares the proxied paths with.
 */
@Path("/ping")
@Tag(name = "Contract")
public class PingResource {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    @Operation(operationId = "ping", summary = "Answers pong; no authentication, no backend")
    public String ping() {
        return "pong";
    }
}
