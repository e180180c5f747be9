package io.zmx.export.api;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Makes export-service's contract say what the service answers (issue 11), once, instead of per field:
 * <ul>
 * <li>a property that is not {@code required} and is a reference, string, array or object can be {@code null}
 * (Jackson writes nulls): it is marked nullable. Numbers and booleans are mostly primitives and stay as they are;
 * a boxed one that can be null says so with {@code @Schema(nullable = true)};</li>
 * <li>patterns are anchored ({@code ^(?:…)$}): Bean Validation's {@code @Pattern} matches the whole value, a
 * JSON Schema pattern matches anywhere; {@code @NotBlank}'s {@code \S} becomes {@code ^\s*\S[\s\S]*$};</li>
 * <li>a {@code vin} parameter carries the VIN pattern;</li>
 * <li>request bodies and the objects inside them reject unknown fields ({@code additionalProperties: false}),
 * as the service does (FAIL_ON_UNKNOWN_PROPERTIES);</li>
 * <li>the statuses every operation can answer: 404 where a path names a resource, 412 (and 428 when required)
 * where If-Match is taken, 409 and 422 where an Idempotency-Key is taken.</li>
 * </ul>
 * The shared problem responses (400, 401, 403, 406, 413, 415, 503) come from edge's {@code ProblemResponsesFilter}.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD, priority = 10)
public class ContractFilter implements OASFilter {

    static final String VIN_PATTERN = "^[A-HJ-NPR-Za-hj-npr-z0-9]{17}$";
    static final String NOT_BLANK = "^\\s*\\S[\\s\\S]*$";
    static final String PREFIX = "#/components/schemas/";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Map<String, Schema> schemas = openAPI.getComponents() == null ? null : openAPI.getComponents().getSchemas();
        if (schemas != null) {
            schemas.values().forEach(ContractFilter::nullableAndAnchored);
        }
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        Set<String> requestSchemas = new HashSet<>();
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            if (path.getKey().startsWith("/q/")) {
                continue;
            }
            for (Operation op : path.getValue().getOperations().values()) {
                List<Parameter> params = new ArrayList<>();
                if (path.getValue().getParameters() != null) params.addAll(path.getValue().getParameters());
                if (op.getParameters() != null) params.addAll(op.getParameters());
                for (Parameter p : params) {
                    Schema s = p.getSchema();
                    if (s == null) continue;
                    if ("vin".equals(p.getName()) && s.getPattern() == null && s.getRef() == null) {
                        s.setPattern(VIN_PATTERN);
                    }
                    anchor(s);
                }
                statuses(path.getKey(), op, params);
                if (op.getRequestBody() != null && op.getRequestBody().getContent() != null
                        && op.getRequestBody().getContent().getMediaTypes() != null) {
                    for (MediaType mt : op.getRequestBody().getContent().getMediaTypes().values()) {
                        collect(mt.getSchema(), schemas, requestSchemas);
                    }
                }
            }
        }
        if (schemas != null) {
            for (String name : requestSchemas) {
                Schema s = schemas.get(name);
                if (s.getType() != null && s.getType().contains(SchemaType.OBJECT) && s.getAdditionalPropertiesSchema() == null
                        && s.getAdditionalPropertiesBoolean() == null) {
                    s.setAdditionalPropertiesBoolean(Boolean.FALSE);
                }
            }
        }
    }

    private static void statuses(String path, Operation op, List<Parameter> params) {
        if (op.getResponses() == null) {
            op.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses r = op.getResponses();
        boolean names = params.stream().anyMatch(p -> p.getIn() == Parameter.In.PATH);
        if (names) {
            add(r, "404", "No such resource (or not visible to the caller)");
        }
        params.stream().filter(p -> p.getIn() == Parameter.In.HEADER && "If-Match".equalsIgnoreCase(p.getName()))
                .findFirst().ifPresent(p -> {
                    add(r, "412", "If-Match does not name the current version (stale-version)");
                    if (Boolean.TRUE.equals(p.getRequired()) || path.equals("/api/v1/filings/{ref}")) {
                        add(r, "428", "If-Match missing (precondition-required)");
                    }
                });
        if (params.stream().anyMatch(p -> p.getIn() == Parameter.In.HEADER && "Idempotency-Key".equalsIgnoreCase(p.getName()))) {
            add(r, "409", "Conflict: the transition or change is not allowed now, or a request with this Idempotency-Key is in progress");
            add(r, "422", "Idempotency-Key reused for a different request");
        }
    }

    private static void add(APIResponses r, String code, String description) {
        if (r.hasAPIResponse(code)) {
            return;
        }
        r.addAPIResponse(code, OASFactory.createAPIResponse().description(description)
                .content(OASFactory.createContent().addMediaType("application/problem+json",
                        OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PREFIX + "Problem")))));
    }

    /** Names of the component schemas a request body reaches (through properties, items and anyOf). */
    private static void collect(Schema s, Map<String, Schema> schemas, Set<String> seen) {
        if (s == null || schemas == null) return;
        if (s.getRef() != null && s.getRef().startsWith(PREFIX)) {
            String name = s.getRef().substring(PREFIX.length());
            if (seen.add(name) && schemas.containsKey(name)) {
                collect(schemas.get(name), schemas, seen);
            }
            return;
        }
        if (s.getProperties() != null) s.getProperties().values().forEach(p -> collect(p, schemas, seen));
        if (s.getItems() != null) collect(s.getItems(), schemas, seen);
        if (s.getAnyOf() != null) s.getAnyOf().forEach(p -> collect(p, schemas, seen));
        if (s.getAllOf() != null) s.getAllOf().forEach(p -> collect(p, schemas, seen));
        if (s.getOneOf() != null) s.getOneOf().forEach(p -> collect(p, schemas, seen));
    }

    private static void nullableAndAnchored(Schema schema) {
        anchor(schema);
        if (schema.getProperties() == null) return;
        List<String> required = schema.getRequired() == null ? List.of() : schema.getRequired();
        for (Map.Entry<String, Schema> e : schema.getProperties().entrySet()) {
            Schema p = e.getValue();
            anchor(p);
            if (p.getItems() != null) anchor(p.getItems());
            if (required.contains(e.getKey()) || nullable(p)) continue;
            if (p.getRef() != null) {
                // {"$ref": X} becomes {"anyOf": [{"$ref": X}, {"type": "null"}]}, as smallrye writes @Schema(nullable = true)
                Schema ref = OASFactory.createSchema().ref(p.getRef());
                p.setRef(null);
                p.addAnyOf(ref).addAnyOf(OASFactory.createSchema().addType(SchemaType.NULL));
            } else if (p.getType() != null && p.getType().size() == 1
                    && Set.of(SchemaType.STRING, SchemaType.ARRAY, SchemaType.OBJECT).contains(p.getType().get(0))) {
                p.addType(SchemaType.NULL);
            }
        }
    }

    private static boolean nullable(Schema p) {
        if (p.getType() != null && p.getType().contains(SchemaType.NULL)) return true;
        if (p.getAnyOf() != null && p.getAnyOf().stream().anyMatch(ContractFilter::nullable)) return true;
        return p.getOneOf() != null && p.getOneOf().stream().anyMatch(ContractFilter::nullable);
    }

    private static void anchor(Schema s) {
        String pattern = s.getPattern();
        if ("\\S".equals(pattern)) {
            // smallrye's translation of @NotBlank: some character that is not white space, anywhere
            s.setPattern(NOT_BLANK);
        } else if (pattern != null && !(pattern.startsWith("^") && pattern.endsWith("$"))) {
            s.setPattern("^(?:" + pattern + ")$");
        }
    }
}
