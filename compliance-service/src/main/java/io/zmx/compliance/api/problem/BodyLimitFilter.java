package io.zmx.compliance.api.problem;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * JSON endpoints take small bodies; bulk uploads (streamed) may be large. The HTTP layer's own limit
 * answers 413 with an empty body, so this filter refuses declared oversized bodies first, as a problem.
 */
public class BodyLimitFilter {

    @ConfigProperty(name = "zmx.http.max-json-body", defaultValue = "1048576")
    long maxJsonBody;

    @ConfigProperty(name = "zmx.http.streamed-paths", defaultValue = "/api/v1/imports")
    List<String> streamedPaths;

    @ServerRequestFilter(preMatching = true)
    public Response limit(ContainerRequestContext ctx) {
        String header = ctx.getHeaderString(HttpHeaders.CONTENT_LENGTH);
        if (header == null) {
            return null;
        }
        long length;
        try {
            length = Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return null;
        }
        String path = "/" + ctx.getUriInfo().getPath().replaceFirst("^/", "");
        if (length <= maxJsonBody || streamedPaths.stream().anyMatch(path::startsWith)) {
            return null;
        }
        return new Problem(Problem.type("payload-too-large"), "Request body too large", 413,
                "Body of " + length + " bytes exceeds the limit of " + maxJsonBody + " bytes for " + path,
                path, List.of()).toResponse();
    }
}
