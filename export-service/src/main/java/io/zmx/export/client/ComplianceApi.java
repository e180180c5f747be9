package io.zmx.export.client;

import io.smallrye.mutiny.Uni;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** compliance-service, as export-service calls it; authenticated with the export-service client-credentials token. */
@RegisterRestClient(configKey = "compliance")
@OidcClientFilter
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
interface ComplianceApi {

    @POST
    @Path("/evaluations")
    Uni<ComplianceDtos.Evaluation> evaluate(@HeaderParam("Idempotency-Key") String idempotencyKey,
                                       ComplianceDtos.EvaluationRequest request);
}
