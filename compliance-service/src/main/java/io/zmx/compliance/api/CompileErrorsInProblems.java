package io.zmx.compliance.api;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * The shared problem document (io.zmx.edge.Problem) carries service-specific {@code errors}; in this service they
 * are rule expressions that did not compile, so the contract types them as {@code CompileError}.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class CompileErrorsInProblems implements OASFilter {

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
            return;
        }
        Schema problem = openAPI.getComponents().getSchemas().get("Problem");
        if (problem == null || problem.getProperties() == null || !problem.getProperties().containsKey("errors")
                || !openAPI.getComponents().getSchemas().containsKey("CompileError")) {
            return;
        }
        problem.getProperties().get("errors")
                .items(OASFactory.createSchema().ref("#/components/schemas/CompileError"))
                .description("Rule expressions that did not compile, with 1-based positions");
    }
}
