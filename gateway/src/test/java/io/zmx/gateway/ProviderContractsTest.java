package io.zmx.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.zmx.gateway.service.Dossier;
import io.zmx.gateway.service.DossierService;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.junit.jupiter.api.Test;

/**
 * Consumer checks of the gateway's composition (the dossier) against the providers' committed contracts
 * (registry-service and export-service, src/main/openapi/openapi.yaml), like export-service's
 * ProviderContractsTest: the operations it calls exist with the parameters it sends, the fields it reads
 * are declared, the schemas the merged contract types the dossier with exist, and the WireMock stubs
 * DossierTest answers with hold nothing the providers' schemas do not declare. A provider that renames a
 * field the gateway relies on fails this build, and so does a stub that invents one.
 */
class ProviderContractsTest {

    static final Path REGISTRY = Path.of(System.getProperty("zmx.contract.registry",
            "../registry-service/src/main/openapi/openapi.yaml"));
    static final Path EXPORT = Path.of(System.getProperty("zmx.contract.export",
            "../export-service/src/main/openapi/openapi.yaml"));
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void registryServesTheHistoryTheDossierReads() throws Exception {
        Contract registry = Contract.load(REGISTRY);
        JsonNode op = registry.operation(DossierService.HISTORY_PATH, "get");
        JsonNode history = registry.responseSchema(op, "200");
        assertTrue(history.path("properties").has(DossierService.HISTORY_VEHICLE), "VehicleHistory." + DossierService.HISTORY_VEHICLE);
        assertTrue(op.path("responses").has("404"), "an unknown VIN must be registry's 404 (the dossier passes it on)");
    }

    @Test
    void exportListsFilingsByVinWithTheirVerdicts() throws Exception {
        Contract export = Contract.load(EXPORT);
        JsonNode op = export.operation(DossierService.FILINGS_PATH, "get");
        JsonNode vin = export.queryParameter(op, "vin");
        assertFalse(vin.isMissingNode(), "GET /api/v1/filings takes ?vin=");
        JsonNode size = export.resolve(export.queryParameter(op, "size").path("schema"));
        assertTrue(size.path("maximum").asInt(Integer.MAX_VALUE) >= DossierService.MAX_FILINGS,
                "the dossier asks for pages of " + DossierService.MAX_FILINGS + ", export-service allows " + size.path("maximum"));
        JsonNode page = export.responseSchema(op, "200");
        JsonNode filing = export.resolve(export.resolve(page.path("properties").path(DossierService.PAGE_ITEMS)).path("items"));
        assertTrue(filing.path("properties").has(DossierService.FILING_VERDICT), "Filing." + DossierService.FILING_VERDICT);
    }

    @Test
    void theSchemasTheDossierIsTypedWithExist() throws Exception {
        Map<String, Contract> byService = Map.of("registry-service", Contract.load(REGISTRY), "export-service", Contract.load(EXPORT));
        List<String> missing = new ArrayList<>();
        for (Class<?> type : List.of(Dossier.class, Dossier.FilingWithVerdict.class)) {
            for (RecordComponent rc : type.getRecordComponents()) {
                Schema schema = rc.getAnnotation(Schema.class);
                for (var ext : schema == null ? new org.eclipse.microprofile.openapi.annotations.extensions.Extension[0] : schema.extensions()) {
                    String[] owner = ext.value().split(":");
                    Contract c = byService.get(owner[0]);
                    if (c == null || !c.doc.path("components").path("schemas").has(owner[1])) {
                        missing.add(type.getSimpleName() + "." + rc.getName() + " -> " + ext.value());
                    }
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void theDossierStubsAnswerOnlyWhatTheContractsDeclare() throws Exception {
        Contract registry = Contract.load(REGISTRY);
        Contract export = Contract.load(EXPORT);
        assertEquals(List.of(), registry.undeclared(JSON.readTree(DossierTest.HISTORY),
                registry.responseSchema(registry.operation(DossierService.HISTORY_PATH, "get"), "200")));
        assertEquals(List.of(), export.undeclared(JSON.readTree(DossierTest.FILINGS),
                export.responseSchema(export.operation(DossierService.FILINGS_PATH, "get"), "200")));
    }

    /** The checker must catch an invented field, a wrong type and a value outside an enum, or the checks above prove nothing. */
    @Test
    void theCheckerCatchesFieldsTheContractDoesNotHave() throws Exception {
        Contract export = Contract.load(EXPORT);
        JsonNode page = export.responseSchema(export.operation(DossierService.FILINGS_PATH, "get"), "200");
        List<String> found = export.undeclared(JSON.readTree("""
                {"items":[{"status":"SUBMITTED","evaluationId":"ev-9","version":"three",
                           "verdict":{"lane":"RED","evaluation":{"hits":[{"ruleCode":"X","severityLevel":"HIGH"}]}}}]}"""),
                page);
        assertEquals(List.of("$.items[0].evaluationId", "$.items[0].version (integer expected)",
                "$.items[0].verdict.evaluation.hits[0].severityLevel"), found);
        Contract registry = Contract.load(REGISTRY);
        assertEquals(List.of("$.vehicle.fuelType (not one of [PETROL, DIESEL, HEV, PHEV, EREV, BEV, FCEV, CNG, LPG])"),
                registry.undeclared(JSON.readTree("{\"vehicle\":{\"fuelType\":\"STEAM\"}}"),
                        registry.responseSchema(registry.operation(DossierService.HISTORY_PATH, "get"), "200")));
    }

    /** A provider's committed OpenAPI document, read as a consumer relies on it. */
    static final class Contract {
        final Path file;
        final JsonNode doc;

        private Contract(Path file, JsonNode doc) {
            this.file = file;
            this.doc = doc;
        }

        static Contract load(Path file) throws IOException {
            return new Contract(file, new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file)));
        }

        JsonNode operation(String path, String method) {
            JsonNode op = doc.path("paths").path(path).path(method);
            if (op.isMissingNode()) {
                throw new AssertionError(file + " has no " + method.toUpperCase() + " " + path);
            }
            return op;
        }

        JsonNode responseSchema(JsonNode operation, String status) {
            JsonNode schema = operation.path("responses").path(status).path("content").path("application/json").path("schema");
            if (schema.isMissingNode()) {
                throw new AssertionError(file + ": no JSON " + status + " response");
            }
            return resolve(schema);
        }

        JsonNode queryParameter(JsonNode operation, String name) {
            for (JsonNode p : operation.path("parameters")) {
                JsonNode r = resolve(p);
                if (name.equals(r.path("name").asText()) && "query".equals(r.path("in").asText())) {
                    return r;
                }
            }
            return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
        }

        /** Follows $ref (siblings of the $ref are ignored) and takes the non-null branch of oneOf/anyOf. */
        JsonNode resolve(JsonNode schema) {
            JsonNode s = schema;
            for (int i = 0; i < 20 && s.has("$ref"); i++) {
                s = doc.at(s.get("$ref").asText().substring(1));
            }
            for (String k : new String[] {"oneOf", "anyOf"}) {
                for (JsonNode option : s.path(k)) {
                    if (!"null".equals(option.path("type").asText())) {
                        return resolve(option);
                    }
                }
            }
            return s;
        }

        /** Every property, type or enum value of {@code instance} that {@code schema} does not declare, as JSON paths. */
        List<String> undeclared(JsonNode instance, JsonNode schema) {
            List<String> found = new ArrayList<>();
            walk(instance, schema, "$", found);
            return found;
        }

        private void walk(JsonNode value, JsonNode schema, String at, List<String> found) {
            if (value.isNull()) {
                return; // nullability is issue 9's: the stubs here only omit what they do not need
            }
            JsonNode s = resolve(schema);
            List<String> types = new ArrayList<>();
            s.path("type").forEach(t -> types.add(t.asText()));
            if (s.path("type").isTextual()) {
                types.add(s.path("type").asText());
            }
            String actual = value.isObject() ? "object" : value.isArray() ? "array" : value.isTextual() ? "string"
                    : value.isIntegralNumber() ? "integer" : value.isNumber() ? "number" : value.isBoolean() ? "boolean" : "null";
            if (!types.isEmpty() && !types.contains(actual) && !("integer".equals(actual) && types.contains("number"))) {
                found.add(at + " (" + String.join("|", types) + " expected)");
                return;
            }
            if (s.has("enum") && value.isTextual()) {
                List<String> allowed = new ArrayList<>();
                s.get("enum").forEach(e -> allowed.add(e.asText()));
                if (!allowed.contains(value.asText())) {
                    found.add(at + " (not one of " + allowed + ")");
                }
            }
            if (value.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    JsonNode declared = s.path("properties").path(field.getKey());
                    if (declared.isMissingNode()) {
                        if (!s.path("additionalProperties").isObject()) {
                            found.add(at + "." + field.getKey());
                        }
                        continue;
                    }
                    walk(field.getValue(), declared, at + "." + field.getKey(), found);
                }
            } else if (value.isArray()) {
                for (int i = 0; i < value.size(); i++) {
                    walk(value.get(i), s.path("items"), at + "[" + i + "]", found);
                }
            }
        }
    }
}
