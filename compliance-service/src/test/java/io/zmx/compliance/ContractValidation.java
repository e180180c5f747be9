package io.zmx.compliance;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Every RestAssured response in this module's tests is checked against the committed contract
 * ({@value #CONTRACT}): status documented, content type declared, body valid against the schema. A test that
 * gets an answer the contract does not describe fails, so the contract partners build on cannot drift from
 * what the service answers (issue 11).
 *
 * <p>Registered for every test class through JUnit's extension auto-detection
 * ({@code META-INF/services/org.junit.jupiter.api.extension.Extension}; quarkus-junit's
 * {@code junit-platform.properties} turns auto-detection on). Requests are not validated: many tests send deliberately bad input
 * (unknown fields, broken VINs, missing tokens) to check the problem answer, and that answer is what is validated.
 */
public class ContractValidation implements BeforeAllCallback, BeforeEachCallback {

    static final String CONTRACT = "src/main/openapi/openapi.yaml";

    /** Request-level messages are ignored; every response-level message stays an error. */
    public static OpenApiInteractionValidator validator(String specification) {
        return OpenApiInteractionValidator.createForInlineApiSpecification(asOpenApi30(specification))
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.request", ValidationReport.Level.IGNORE)
                        .build())
                .build();
    }

    /**
     * The validator checks bodies only in OpenAPI 3.0 documents (with a 3.1 document it accepts any body), so the
     * committed 3.1 contract is read as the equivalent 3.0 one: {@code type: [T, "null"]} becomes
     * {@code type: T, nullable: true}, a numeric {@code exclusiveMinimum/Maximum} the 3.0 boolean form.
     * {@code anyOf: [$ref, {type: "null"}]} stays as it is ({@code type: "null"} is JSON Schema draft 4).
     */
    static String asOpenApi30(String specification) {
        try {
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            JsonNode root = yaml.readTree(specification);
            ((ObjectNode) root).put("openapi", "3.0.3");
            downgrade(root);
            return new ObjectMapper().writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void downgrade(JsonNode node) {
        if (node instanceof ObjectNode o) {
            JsonNode type = o.get("type");
            if (type != null && type.isArray()) {
                List<String> types = new ArrayList<>();
                type.forEach(t -> types.add(t.asText()));
                boolean nullable = types.remove("null");
                if (types.size() == 1) {
                    o.put("type", types.get(0));
                } else {
                    o.remove("type");
                }
                if (nullable) {
                    o.put("nullable", true);
                }
            }
            for (String bound : List.of("Minimum", "Maximum")) {
                JsonNode exclusive = o.get("exclusive" + bound);
                if (exclusive != null && exclusive.isNumber()) {
                    o.set(bound.toLowerCase(java.util.Locale.ROOT), exclusive);
                    o.put("exclusive" + bound, true);
                }
            }
            o.remove("examples");
            o.elements().forEachRemaining(ContractValidation::downgrade);
        } else if (node instanceof ArrayNode a) {
            a.elements().forEachRemaining(ContractValidation::downgrade);
        }
    }

    public static OpenApiValidationFilter filter() {
        return Holder.FILTER;
    }

    /**
     * Installs the filter in the RestAssured the test class sees. {@code @QuarkusTest} classes run in Quarkus'
     * class loader, which has its own copy of RestAssured's static configuration, so the install runs there.
     */
    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        installFor(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        installFor(context);
    }

    private static void installFor(ExtensionContext context) throws Exception {
        ClassLoader loader = context.getTestClass().map(Class::getClassLoader).orElse(ContractValidation.class.getClassLoader());
        Class<?> self = Class.forName(ContractValidation.class.getName(), true, loader);
        self.getMethod("install").invoke(null);
    }

    /** Idempotent: adds the filter unless this class loader's RestAssured already has it. */
    public static synchronized void install() {
        for (Filter f : RestAssured.filters()) {
            if (f == Holder.FILTER) {
                return;
            }
        }
        RestAssured.filters(Holder.FILTER);
    }

    private static final class Holder {
        static final OpenApiValidationFilter FILTER;

        static {
            try {
                FILTER = new OpenApiValidationFilter(validator(Files.readString(Path.of(CONTRACT))));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
