package io.zmx.edge;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Documents the problem responses every operation can give, once, instead of copied {@code @APIResponse}
 * blocks: 400 (bad input: JSON, parameters, violations), 406, 503 (database or a dependency down) on all;
 * 401 and 403 on operations that need a token; 413 and 415 on operations with a request body; 404 on paths
 * with a parameter; 412 and 428 on operations that take If-Match; 409 and 422 on operations that take an Idempotency-Key. Then {@link ContractSchemas} fixes the schemas. A response an
 * operation documents itself (with a more specific description) is left as it is.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD, priority = 1)
public class ProblemResponsesFilter implements OASFilter {

    static final String REF = "#/components/schemas/Problem";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        ensureSchemas(openAPI);
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            ContractSchemas.apply(openAPI);
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            if (path.getKey().startsWith("/q/")) {
                continue;
            }
            for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().getOperations().entrySet()) {
                document(openAPI, path.getKey(), path.getValue(), op.getValue());
            }
        }
        ContractSchemas.apply(openAPI); // nullable, anchored patterns, vin pattern, closed request bodies
    }

    private static void document(OpenAPI openAPI, String path, PathItem item, Operation op) {
        if (op.getResponses() == null) {
            op.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses r = op.getResponses();
        add(r, "400", "Bad input: malformed JSON, a field or parameter that is not valid (problem+json with violations)");
        // every zmx operation needs a token (issue 10: every read needs a role); an explicitly empty list is public
        boolean secured = op.getSecurity() == null || !op.getSecurity().isEmpty();
        if (secured) {
            add(r, "401", "No valid bearer token");
            add(r, "403", "The token's roles do not allow this operation");
        }
        add(r, "406", "The Accept header names no type this operation produces");
        if (path.contains("{")) {
            // an id, VIN, jurisdiction or version in the path that names nothing stored
            add(r, "404", "Nothing is stored under the identifier in the path");
        }
        if (hasHeader(item.getParameters(), "If-Match") || hasHeader(op.getParameters(), "If-Match")) {
            add(r, "412", "If-Match does not name the current version (ETag); read it again");
            add(r, "428", "If-Match is required for this operation");
        }
        if (hasHeader(item.getParameters(), "Idempotency-Key") || hasHeader(op.getParameters(), "Idempotency-Key")) {
            add(r, "409", "A request with this Idempotency-Key is still in progress, or the change is not allowed in the current state");
            add(r, "422", "Idempotency-Key already used for a different request");
        }
        if (op.getRequestBody() != null) {
            add(r, "413", "Request body too large");
            add(r, "415", "Content-Type not accepted by this operation");
        }
        add(r, "503", "The service or one of its dependencies is unavailable; retry later");
    }

    private static boolean hasHeader(java.util.List<org.eclipse.microprofile.openapi.models.parameters.Parameter> ps, String name) {
        return ps != null && ps.stream().anyMatch(p -> p.getIn() == org.eclipse.microprofile.openapi.models.parameters.Parameter.In.HEADER
                && name.equalsIgnoreCase(p.getName()));
    }

    private static void add(APIResponses responses, String code, String description) {
        if (responses.hasAPIResponse(code)) {
            APIResponse existing = responses.getAPIResponse(code);
            if (existing.getContent() == null || existing.getContent().getMediaTypes() == null
                    || existing.getContent().getMediaTypes().isEmpty()) {
                // e.g. the 401/403 Quarkus adds for secured operations: say what the body is
                existing.content(problemContent());
            }
            return;
        }
        responses.addAPIResponse(code, OASFactory.createAPIResponse().description(description).content(problemContent()));
    }

    private static org.eclipse.microprofile.openapi.models.media.Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(REF)));
    }

    /** Problem and Violation exist in components even when no operation names the Problem class itself. */
    private static void ensureSchemas(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        Components c = openAPI.getComponents();
        if (c.getSchemas() == null || !c.getSchemas().containsKey("Violation")) {
            c.addSchema("Violation", OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                    .addProperty("field", string()).addProperty("message", string()));
        }
        if (!c.getSchemas().containsKey("Problem")) {
            c.addSchema("Problem", OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT))
                    .description("RFC 9457 problem details")
                    .addProperty("type", string().format("uri"))
                    .addProperty("title", string())
                    .addProperty("status", OASFactory.createSchema().type(List.of(Schema.SchemaType.INTEGER)).format("int32"))
                    .addProperty("detail", string())
                    .addProperty("instance", string())
                    .addProperty("violations", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                            .items(OASFactory.createSchema().ref("#/components/schemas/Violation")))
                    .addProperty("errors", OASFactory.createSchema().type(List.of(Schema.SchemaType.ARRAY))
                            .description("Service-specific details, e.g. rule expressions that did not compile")
                            .items(OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT)))));
        }
    }

    private static Schema string() {
        return OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING));
    }
}
