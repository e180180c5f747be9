package io.zmx.export.client;

import io.smallrye.mutiny.Uni;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** registry-service, as export-service calls it; authenticated with the export-service client-credentials token. */
@RegisterRestClient(configKey = "registry")
@OidcClientFilter
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
interface RegistryApi {

    @GET
    @Path("/vehicles/{vin}/history")
    Uni<RegistryDtos.VehicleHistory> history(@PathParam("vin") String vin);

    /** The history with the reference price in force on {@code asOf} ({@code include=referencePrice}, issue 12). */
    @GET
    @Path("/vehicles/{vin}/history")
    Uni<RegistryDtos.VehicleHistory> history(@PathParam("vin") String vin, @QueryParam("include") String include,
                                             @QueryParam("asOf") String asOf);

    @GET
    @Path("/reference-prices")
    Uni<RegistryDtos.ReferencePricePage> referencePrices(@QueryParam("make") String make, @QueryParam("model") String model,
                                                    @QueryParam("modelYear") Integer modelYear);
}
