package io.zmx.export.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Consumer checks: the REST clients export-service uses against the providers' committed contracts
 * (registry-service and compliance-service, src/main/openapi/openapi.yaml). A provider that renames or
 * drops an operation or a field the client relies on fails this build, not production.
 */
class ProviderContractsTest {

    // overridable to check a provider's contract before it reaches this branch (e.g. from its own branch)
    static final Path REGISTRY = Path.of(System.getProperty("zmx.contract.registry",
            "../registry-service/src/main/openapi/openapi.yaml"));
    static final Path COMPLIANCE = Path.of(System.getProperty("zmx.contract.compliance",
            "../compliance-service/src/main/openapi/openapi.yaml"));

    // added by issue 9 in registry-service; checked after merge (present in the contract → checked like any field)
    static final List<String> ADDED_BY_ISSUE_9_IN_REGISTRY = List.of("$.vehicle.transferForExportDate");

    // added by issue 9 in compliance-service; checked after merge (present in the contract → checked like any field)
    static final List<String> ADDED_BY_ISSUE_9_IN_COMPLIANCE = List.of(
            "$.vehicle.known", "$.vehicle.transferForExportDate",
            "$.filing.consigneeRegistrationNumber", "$.filing.licenceApplication", "$.filing.sasoCertificate",
            "$.filing.exporterNegativeListMeasure", "$.filing.applicationDate", "$.filing.exportDate",
            "$.filing.afterSalesConfirmation.vins",
            "$.assessment.daysSinceFirstRegistration", "$.assessment.waitingOutRule");

    /** The missing fields, less the named ones a provider adds on its own issue-9 branch (only while still absent). */
    static List<String> exceptAdded(List<String> missing, List<String> added) {
        List<String> rest = new java.util.ArrayList<>(missing);
        rest.removeAll(added);
        return rest;
    }

    private static ProviderContract contract(Path file) throws Exception {
        return ProviderContract.load(file);
    }

    /**
     * Whether the provider has published its API yet: the file exists and lists the resource family
     * (the foundation's registry contract has only /vins). Once published, every check is enforced, so a
     * provider that later drops an operation fails this build instead of being skipped.
     */
    private static boolean published(Path file, String family) throws Exception {
        return Files.exists(file) && ProviderContract.load(file).hasPathStartingWith(family);
    }

    @Test
    void registryServesTheVehicleHistoryTheScreenerReads() throws Exception {
        assumeTrue(published(REGISTRY, "/api/v1/vehicles"),
                "registry-service's contract does not publish the vehicle history yet");
        ProviderContract c = contract(REGISTRY);
        JsonNode op = c.operation("/api/v1/vehicles/{vin}/history", "get");
        List<String> missing = exceptAdded(c.missingFields(c.responseSchema(op, "200"), RegistryDtos.VehicleHistory.class),
                ADDED_BY_ISSUE_9_IN_REGISTRY);
        assertEquals(List.of(), missing, "fields RegistryClient reads but " + REGISTRY + " lacks");
        assertTrue(op.path("responses").has("404"), "an unknown VIN must be a 404 (RegistryClient maps it to 'not in registry')");
        // issue 12: the screener asks for the history and the reference price in one call
        for (String q : List.of("include", "asOf")) {
            assertTrue(c.hasQueryParameter(op, q), "vehicle history lacks query parameter " + q);
        }
    }

    @Test
    void registryServesReferencePrices() throws Exception {
        assumeTrue(published(REGISTRY, "/api/v1/vehicles"),
                "registry-service's contract does not publish vehicles yet");
        ProviderContract c = contract(REGISTRY);
        JsonNode op = c.operation("/api/v1/reference-prices", "get");
        for (String q : List.of("make", "model", "modelYear")) {
            assertTrue(c.hasQueryParameter(op, q), "reference-prices lacks query parameter " + q);
        }
        assertEquals(List.of(), c.missingFields(c.responseSchema(op, "200"), RegistryDtos.ReferencePricePage.class));
    }

    @Test
    void complianceTakesTheEvaluationRequestAndAnswersWithALane() throws Exception {
        assumeTrue(published(COMPLIANCE, "/api/v1/"),
                "compliance-service's contract does not publish evaluations yet");
        ProviderContract c = contract(COMPLIANCE);
        JsonNode op = c.operation("/api/v1/evaluations", "post");
        JsonNode request = c.requestSchema(op);
        // the provider refuses unknown fields, so everything we send must be in its schema...
        assertEquals(List.of(), exceptAdded(c.missingFields(request, ComplianceDtos.EvaluationRequest.class),
                        ADDED_BY_ISSUE_9_IN_COMPLIANCE),
                "fields ComplianceClient sends but " + COMPLIANCE + " does not accept");
        // ...and everything it requires must be sent
        assertEquals(List.of(), c.unsentRequired(request, ComplianceDtos.EvaluationRequest.class, "$"));
        assertEquals(List.of(), c.missingFields(c.responseSchema(op, "201", "200"), ComplianceDtos.Evaluation.class),
                "fields ComplianceClient reads but " + COMPLIANCE + " lacks");
    }

    /** The checker itself must catch a broken contract, or the tests above prove nothing. */
    @Test
    void theCheckerCatchesARenamedField() throws Exception {
        Path tmp = Files.createTempFile("provider", ".yaml");
        Files.writeString(tmp, """
                openapi: 3.1.0
                paths:
                  /api/v1/vehicles/{id}/history:
                    get:
                      responses:
                        "200":
                          content:
                            application/json:
                              schema: {$ref: "#/components/schemas/History"}
                components:
                  schemas:
                    History:
                      type: object
                      properties:
                        vehicle: {$ref: "#/components/schemas/Vehicle"}
                        registrations: {type: array, items: {type: object, properties: {date: {type: string}}}}
                    Vehicle:
                      type: object
                      properties:
                        vin: {type: string}
                        modelYear: {type: string}
                        firstRegistration: {type: string}
                """);
        ProviderContract c = ProviderContract.load(tmp);
        List<String> missing = c.missingFields(c.responseSchema(c.operation("/api/v1/vehicles/{vin}/history", "get"), "200"),
                RegistryDtos.VehicleHistory.class);
        assertTrue(missing.contains("$.vehicle.firstRegistrationDate"), missing.toString());
        assertTrue(missing.contains("$.registrations.region"), missing.toString());
        assertTrue(missing.contains("$.odometerReadings"), missing.toString());
        assertTrue(missing.contains("$.vehicle.modelYear (client integer, provider string)"), missing.toString());
        Files.delete(tmp);
    }
}
