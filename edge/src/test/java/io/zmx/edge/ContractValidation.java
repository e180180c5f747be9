package io.zmx.edge;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Every RestAssured response in a service's tests is checked against that service's committed contract
 * ({@value #CONTRACT}, relative to the module): status documented, content type declared, body valid against
 * the schema. A test that gets an answer the contract does not describe fails, so the contract partners build
 * on cannot drift from what the service answers (issue 11). One class for every service (edge's test jar).
 *
 * <p>A service registers it for every test class through JUnit's extension auto-detection: a
 * {@code META-INF/services/org.junit.jupiter.api.extension.Extension} file naming this class (quarkus-junit's
 * {@code junit-platform.properties} turns auto-detection on). Requests are not validated: many tests send
 * deliberately bad input (unknown fields, broken VINs, missing tokens) to check the problem answer, and that
 * answer is what is validated.
 */
public class ContractValidation implements BeforeAllCallback, BeforeEachCallback {

    public static final String CONTRACT = "src/main/openapi/openapi.yaml";

    /** Request-level messages are ignored; every response-level message is an error. */
    public static OpenApiInteractionValidator validator(String specification) {
        return OpenApiInteractionValidator.createForInlineApiSpecification(OpenApi30.of(specification))
                .withLevelResolver(LevelResolver.create()
                        .withLevel("validation.request", ValidationReport.Level.IGNORE)
                        .withLevel("validation.response", ValidationReport.Level.ERROR)
                        .build())
                .build();
    }

    /** The validator of this module's committed contract ({@value #CONTRACT}). */
    public static OpenApiInteractionValidator committed() {
        try {
            return validator(Files.readString(Path.of(CONTRACT)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A filter for the committed contract with one property of one component schema given another type: real
     * answers must fail it, which proves the validation checks bodies at all.
     */
    public static OpenApiValidationFilter withPropertyRetyped(String schema, String property, String type) {
        try {
            ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
            JsonNode contract = yaml.readTree(Files.readString(Path.of(CONTRACT)));
            ObjectNode node = (ObjectNode) contract.at("/components/schemas/" + schema + "/properties/" + property);
            node.removeAll();
            node.put("type", type);
            return new OpenApiValidationFilter(validator(yaml.writeValueAsString(contract)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
        static final OpenApiValidationFilter FILTER = new OpenApiValidationFilter(committed());
    }
}
