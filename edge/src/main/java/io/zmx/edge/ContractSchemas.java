package io.zmx.edge;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.media.Schema.SchemaType;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Makes the generated schemas say what the services answer and accept (issue 11), once for every service
 * instead of per field:
 * <ul>
 * <li>a property that is not {@code required} may be {@code null}: Jackson writes absent values as
 *     {@code null}, so it is marked nullable ({@code type: [..., "null"]}, or {@code anyOf: [$ref, null]});</li>
 * <li>patterns are anchored ({@code ^(...)$}): Bean Validation's {@code @Pattern} matches the whole value,
 *     JSON Schema's {@code pattern} any substring; {@code \S} (from {@code @NotBlank}) becomes "contains a
 *     non-blank character" over the whole value;</li>
 * <li>a {@code vin} path parameter has the VIN pattern (17 characters, no I, O, Q; either case, the services
 *     upper-case it);</li>
 * <li>request bodies, and every schema they reach, have {@code additionalProperties: false}: the services read
 *     with {@code fail-on-unknown-properties} and answer 400 to an unknown field.</li>
 * </ul>
 * Called by {@link ProblemResponsesFilter} after it has added the Problem schemas.
 */
final class ContractSchemas {

    static final String VIN_PATTERN = "^[A-HJ-NPR-Za-hj-npr-z0-9]{17}$";
    private static final String NOT_BLANK = "^[\\s\\S]*\\S[\\s\\S]*$";
    private static final String COMPONENTS = "#/components/schemas/";

    private ContractSchemas() {}

    static void apply(OpenAPI openAPI) {
        Map<String, Schema> components = openAPI.getComponents() == null ? null : openAPI.getComponents().getSchemas();
        if (components != null) {
            components.values().forEach(ContractSchemas::fix);
        }
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        Set<String> requestSchemas = new HashSet<>();
        Deque<Schema> inline = new ArrayDeque<>();
        for (PathItem item : openAPI.getPaths().getPathItems().values()) {
            parameters(item.getParameters());
            for (Operation op : item.getOperations().values()) {
                parameters(op.getParameters());
                if (op.getRequestBody() != null) {
                    for (Schema s : schemas(op.getRequestBody().getContent())) {
                        fix(s);
                        inline.add(s);
                    }
                }
                if (op.getResponses() != null && op.getResponses().getAPIResponses() != null) {
                    for (APIResponse r : op.getResponses().getAPIResponses().values()) {
                        schemas(r.getContent()).forEach(ContractSchemas::fix);
                    }
                }
            }
        }
        // close request bodies (and all they reach) to unknown properties
        while (!inline.isEmpty()) {
            Schema s = inline.pop();
            if (s.getRef() != null && s.getRef().startsWith(COMPONENTS)) {
                String name = s.getRef().substring(COMPONENTS.length());
                if (components != null && components.containsKey(name) && requestSchemas.add(name)) {
                    inline.add(components.get(name));
                }
                continue;
            }
            if (s.getProperties() != null && !s.getProperties().isEmpty()
                    && s.getAdditionalPropertiesSchema() == null && s.getAdditionalPropertiesBoolean() == null) {
                s.setAdditionalPropertiesBoolean(Boolean.FALSE);
            }
            children(s).forEach(inline::add);
        }
    }

    private static void parameters(List<Parameter> parameters) {
        if (parameters == null) {
            return;
        }
        for (Parameter p : parameters) {
            if (p.getSchema() == null) {
                continue;
            }
            if (p.getIn() == Parameter.In.PATH && "vin".equals(p.getName()) && p.getSchema().getPattern() == null
                    && p.getSchema().getRef() == null) {
                p.getSchema().setPattern(VIN_PATTERN);
            }
            fix(p.getSchema());
        }
    }

    private static List<Schema> schemas(Content content) {
        List<Schema> out = new ArrayList<>();
        if (content != null && content.getMediaTypes() != null) {
            for (MediaType mt : content.getMediaTypes().values()) {
                if (mt.getSchema() != null) {
                    out.add(mt.getSchema());
                }
            }
        }
        return out;
    }

    /** Anchors patterns and marks optional properties nullable, all the way down. */
    static void fix(Schema s) {
        if (s == null || s.getBooleanSchema() != null) { // true or false (e.g. additionalProperties: false) has nothing to fix
            return;
        }
        s.setPattern(anchor(s.getPattern()));
        if (s.getProperties() != null) {
            List<String> required = s.getRequired() == null ? List.of() : s.getRequired();
            for (Map.Entry<String, Schema> e : new ArrayList<>(s.getProperties().entrySet())) {
                Schema property = e.getValue();
                fix(property);
                if (!required.contains(e.getKey())) {
                    Schema nullable = nullable(property);
                    if (nullable != property) {
                        s.addProperty(e.getKey(), nullable);
                    }
                }
            }
        }
        fix(s.getItems());
        fix(s.getAdditionalPropertiesSchema());
        for (List<Schema> list : composed(s)) {
            list.forEach(ContractSchemas::fix);
        }
    }

    static String anchor(String pattern) {
        if (pattern == null) {
            return null;
        }
        if ("\\S".equals(pattern)) {
            return NOT_BLANK;
        }
        boolean start = pattern.startsWith("^");
        boolean end = pattern.endsWith("$") && !pattern.endsWith("\\$");
        if (start && end) {
            return pattern;
        }
        String body = pattern.substring(start ? 1 : 0, end ? pattern.length() - 1 : pattern.length());
        return "^(" + body + ")$";
    }

    /** The same schema, allowing {@code null}; a new wrapper for a {@code $ref}. */
    static Schema nullable(Schema p) {
        if (p.getRef() != null) {
            Schema wrapper = OASFactory.createSchema()
                    .addAnyOf(OASFactory.createSchema().ref(p.getRef()))
                    .addAnyOf(nullType());
            wrapper.setDescription(p.getDescription());
            if (p.getExtensions() != null) {
                p.getExtensions().forEach(wrapper::addExtension); // e.g. the gateway's x-zmx-schema
            }
            return wrapper;
        }
        if (p.getType() != null && !p.getType().isEmpty()) {
            if (!p.getType().contains(SchemaType.NULL)) {
                p.addType(SchemaType.NULL);
                if (p.getEnumeration() != null && !p.getEnumeration().contains(null)) {
                    p.addEnumeration(null);
                }
            }
            return p;
        }
        List<Schema> anyOf = p.getAnyOf();
        if (anyOf != null && !anyOf.isEmpty()) {
            if (anyOf.stream().noneMatch(ContractSchemas::isNull)) {
                p.addAnyOf(nullType());
            }
            return p;
        }
        if ((p.getAllOf() != null && !p.getAllOf().isEmpty()) || (p.getOneOf() != null && !p.getOneOf().isEmpty())) {
            return OASFactory.createSchema().addAnyOf(p).addAnyOf(nullType());
        }
        return p; // no type at all: null is already allowed
    }

    private static boolean isNull(Schema s) {
        return s.getType() != null && s.getType().contains(SchemaType.NULL);
    }

    private static Schema nullType() {
        return OASFactory.createSchema().type(List.of(SchemaType.NULL));
    }

    private static List<List<Schema>> composed(Schema s) {
        List<List<Schema>> out = new ArrayList<>();
        if (s.getAnyOf() != null) {
            out.add(s.getAnyOf());
        }
        if (s.getAllOf() != null) {
            out.add(s.getAllOf());
        }
        if (s.getOneOf() != null) {
            out.add(s.getOneOf());
        }
        return out;
    }

    private static List<Schema> children(Schema s) {
        List<Schema> out = new ArrayList<>();
        if (s.getBooleanSchema() != null) {
            return out;
        }
        if (s.getProperties() != null) {
            out.addAll(s.getProperties().values());
        }
        if (s.getItems() != null) {
            out.add(s.getItems());
        }
        if (s.getAdditionalPropertiesSchema() != null) {
            out.add(s.getAdditionalPropertiesSchema());
        }
        composed(s).forEach(out::addAll);
        return out;
    }
}
