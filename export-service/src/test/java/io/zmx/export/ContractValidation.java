package io.zmx.export;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.restassured.RestAssured;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Validates every RestAssured response of every {@code @QuarkusTest} in this module against the committed
 * contract (src/main/openapi/openapi.yaml): installed as a global RestAssured filter before each test
 * (registered in META-INF/services, so no test class or call has to opt in). Requests are not validated:
 * tests send malformed input on purpose, and the service's answer to it (a documented problem) is what is
 * checked. A response whose status, content type or body the contract does not describe fails the test with
 * {@link OpenApiValidationFilter.OpenApiValidationException}.
 */
public class ContractValidation implements QuarkusTestBeforeEachCallback {

    static final Path CONTRACT = Path.of("src/main/openapi/openapi.yaml");

    private static OpenApiValidationFilter filter;

    /** The validator of the committed contract: response messages are errors, request messages ignored. */
    static OpenApiInteractionValidator validator() {
        try {
            return OpenApiInteractionValidator.createForInlineApiSpecification(asOpenApi30(Files.readString(CONTRACT)))
                    .withLevelResolver(LevelResolver.create()
                            .withLevel("validation.request", ValidationReport.Level.IGNORE)
                            .withLevel("validation.response", ValidationReport.Level.ERROR)
                            .build())
                    .build();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The committed contract is OpenAPI 3.1 (JSON Schema 2020-12: {@code type: [string, "null"]},
     * {@code anyOf: [{$ref}, {type: "null"}]}); swagger-request-validator checks bodies only under 3.0 (under 3.1 it
     * accepts any body). This is the same contract written the 3.0 way, for the validator only: {@code nullable:
     * true}, {@code anyOf: [{$ref}, {nullable: true}]}, {@code example}, boolean {@code exclusiveMinimum}.
     */
    static String asOpenApi30(String yaml31) throws java.io.IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        JsonNode root = yaml.readTree(yaml31);
        ((ObjectNode) root).put("openapi", "3.0.3");
        down(root);
        return new ObjectMapper().writeValueAsString(root);
    }

    private static void down(JsonNode node) {
        if (node.isArray()) {
            node.forEach(ContractValidation::down);
            return;
        }
        if (!node.isObject()) {
            return;
        }
        ObjectNode o = (ObjectNode) node;
        o.forEach(ContractValidation::down);
        JsonNode type = o.get("type");
        if (type != null && type.isArray()) {
            List<String> types = new ArrayList<>();
            type.forEach(t -> types.add(t.asText()));
            if (types.remove("null")) {
                o.put("nullable", true);
            }
            if (types.size() == 1) {
                o.put("type", types.get(0));
            } else {
                o.remove("type");
            }
        }
        for (String combinator : List.of("anyOf", "oneOf")) {
            JsonNode alternatives = o.get(combinator);
            if (alternatives == null || !alternatives.isArray()) continue;
            ArrayNode kept = o.arrayNode();
            boolean nullable = false;
            for (JsonNode a : alternatives) {
                if (a.size() == 1 && "null".equals(a.path("type").asText())) {
                    nullable = true;
                } else {
                    kept.add(a);
                }
            }
            if (!nullable) continue;
            // "nullable: true, allOf: [{$ref}]" still checks null against the $ref here; an alternative that admits
            // null (and an empty object, which a $ref without required fields admits anyway) keeps the meaning
            kept.add(o.objectNode().put("type", "object").put("nullable", true).put("maxProperties", 0));
            o.set(combinator, kept);
        }
        JsonNode examples = o.get("examples");
        if (examples != null && examples.isArray()) {
            o.remove("examples");
            if (!examples.isEmpty()) o.set("example", examples.get(0));
        }
        JsonNode exclusiveMinimum = o.get("exclusiveMinimum");
        if (exclusiveMinimum != null && exclusiveMinimum.isNumber()) {
            o.set("minimum", exclusiveMinimum);
            o.put("exclusiveMinimum", true);
        }
        JsonNode exclusiveMaximum = o.get("exclusiveMaximum");
        if (exclusiveMaximum != null && exclusiveMaximum.isNumber()) {
            o.set("maximum", exclusiveMaximum);
            o.put("exclusiveMaximum", true);
        }
    }

    static synchronized OpenApiValidationFilter filter() {
        if (filter == null) {
            filter = new OpenApiValidationFilter(validator());
        }
        return filter;
    }

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        OpenApiValidationFilter f = filter();
        if (RestAssured.filters().stream().noneMatch(x -> x == f)) {
            RestAssured.filters(f);
        }
    }
}
