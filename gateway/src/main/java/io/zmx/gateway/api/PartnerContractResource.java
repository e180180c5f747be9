package io.zmx.gateway.api;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Serves the one contract partners build against: registry, compliance and export contracts merged
 * with the gateway's own endpoints (src/main/openapi/openapi.yaml, checked by PartnerContractTest).
 * Swagger UI shows this document first. Public: a contract is no secret.
 */
@Path("/openapi/zmx.yaml")
@Tag(name = "Contract")
public class PartnerContractResource {

    private static final String RESOURCE = "openapi/openapi.yaml";
    private final byte[] document = load();

    @GET
    @Produces("application/yaml")
    @Operation(operationId = "getPartnerContract", summary = "The merged OpenAPI document of everything partners may call through the gateway")
    public Response contract() {
        return Response.ok(document).type("application/yaml").header("Cache-Control", "public, max-age=300").build();
    }

    private static byte[] load() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
