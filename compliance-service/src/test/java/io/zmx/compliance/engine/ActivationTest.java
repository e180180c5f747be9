package io.zmx.compliance.engine;

import static io.zmx.compliance.Filings.list;
import static io.zmx.compliance.Filings.map;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zmx.compliance.Filings;
import io.zmx.compliance.persistence.JsonColumns;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * One definition of the activation: a live evaluation ({@link Activation#of}, from the validated request) and a
 * backtest ({@link Activation#read}, from the stored jsonb text) must give CEL the same values, and the same values
 * the request objects gave before the streaming reader ({@link ActivationFromRecords}, that mapping as it was).
 * Inputs vary where the mapping has rules: absent and null optional data, an unknown vehicle, right-hand drive,
 * the deprecated single confirmation VIN, bare-string documents, values in non-canonical JSON forms, fields this
 * service does not know, and keys in the order PostgreSQL's jsonb gives them back.
 */
class ActivationTest {

    static List<Map<String, Object>> inputs() {
        List<Map<String, Object>> inputs = new ArrayList<>();
        inputs.add(Filings.clean());
        inputs.add(with(Filings.clean(), "vehicle.driveSide", "RHD", "vehicle.titleBrands", list("SALVAGE", "FLOOD")));
        // everything optional absent: an unknown vehicle, an almost empty filing and assessment
        inputs.add(map("origin", "CN", "destination", "KZ", "asOf", "2026-03-01",
                "vehicle", map("vin", "LGXCE4CB0R0123456", "known", false), "filing", map(), "assessment", map()));
        // everything optional null
        Map<String, Object> nulls = Filings.clean();
        for (String path : List.of("vehicle.known", "vehicle.manufacturer", "vehicle.modelYear", "vehicle.engineCc", "vehicle.powerKw",
                "vehicle.driveSide", "vehicle.productionDate", "vehicle.firstRegistrationDate", "vehicle.deregistered",
                "vehicle.registrations", "vehicle.odometerReadings", "vehicle.titleBrands", "filing.declaredOdometerKm",
                "filing.declaredValue", "filing.hsCode", "filing.consigneeOfficialRepresentative", "filing.exportLicence",
                "filing.plannedExportDate", "assessment.zeroMileage", "assessment.odometerKm", "assessment.verdict")) {
            Filings.set(nulls, path, null);
        }
        inputs.add(nulls);
        inputs.add(with(Filings.clean(), "vehicle.known", true, "vehicle.transferForExportDate", "2026-02-20",
                "vehicle.registrations", list(map("id", "r-1", "date", null, "region", "CN-SC"), map("id", "r-2", "date", "2024-02-29")),
                "vehicle.odometerReadings", list(map("km", null, "correction", true, "reason", "typo"), map("date", "2026-01-01", "km", 0))));
        // documents: bare strings, the deprecated single VIN, both, blank ones
        inputs.add(with(Filings.clean(), "filing.afterSalesConfirmation", "ASC-1", "filing.exportLicence", "EL-1"));
        inputs.add(with(Filings.clean(), "filing.afterSalesConfirmation", map("reference", "ASC-2", "vin", "LGXCE4CB0R0123456")));
        inputs.add(with(Filings.clean(), "filing.afterSalesConfirmation", map("vins", list("LGXCE4CB0R0123456", "LGXCE4CB0R0654321"),
                "issuedOn", "2026-01-10", "serviceOutlets", list("Almaty"), "destination", "KZ", "manufacturer", "BYD Auto")));
        inputs.add(with(Filings.clean(), "filing.afterSalesConfirmation", map("vin", "LGXCE4CB0R0999999", "vins", list("LGXCE4CB0R0123456"))));
        inputs.add(with(Filings.clean(), "filing.afterSalesConfirmation", map("vin", " ", "vins", list())));
        inputs.add(with(Filings.clean(), "filing.afterSalesConfirmation", map("vin", "", "vins", null)));
        // every document and date the filing can carry; an export date apart from asOf
        inputs.add(with(Filings.clean(), "filing.exportDate", "2026-03-10", "filing.applicationDate", "2026-02-25",
                "filing.exportLicence", map("number", "EL-2", "issuedOn", "2026-02-01", "validUntil", "2026-12-31", "holderCreditCode", "91510100MA61234567"),
                "filing.conformityCertificate", map("number", "CC-1", "holder", "Astana Motors", "issuedOn", "2026-01-05"),
                "filing.licenceApplication", map("brand", "BYD", "model", "Song", "firstRegistrationDate", "2025-03-01"),
                "filing.sasoCertificate", map("number", "SASO-1"), "filing.exporterNegativeListMeasure", "HOLD",
                "filing.consigneeRegistrationNumber", "123456789012", "assessment.daysSinceFirstRegistration", 180,
                "assessment.waitingOutRule", true));
        // values in other JSON forms than the canonical ones, and fields this service does not know
        inputs.add(with(Filings.clean(), "vehicle.modelYear", "2024", "vehicle.powerKw", 81, "vehicle.engineCc", 1498.0,
                "filing.declaredValue", map("amount", "18500.55", "currency", "USD"), "filing.declaredOdometerKm", "15",
                "vehicle.deregistered", "true", "vehicle.colour", map("name", "white", "codes", list(1, 2)),
                "filing.exportLicence", map("number", 12345, "issuedOn", "2026-02-20", "scan", "…"), "assessment.verdict", "USED"));
        return inputs;
    }

    @Test
    void liveAndStoredInputsGiveTheActivationTheRequestObjectsGave() throws IOException {
        for (Map<String, Object> input : inputs()) {
            String text = JsonColumns.MAPPER.writeValueAsString(input);
            EvaluationRequest request = JsonColumns.MAPPER.readValue(text, EvaluationRequest.class);
            Map<String, Object> expected = ActivationFromRecords.of(request);

            assertEquals(expected, Activation.of(request), "live: " + text);
            // as Hibernate stores the request, and as PostgreSQL gives the jsonb back (keys by length, then bytes)
            String stored = JsonColumns.MAPPER.writeValueAsString(request);
            assertEquals(expected, read(stored), "stored: " + stored);
            assertEquals(expected, read(jsonbOrder(stored)), "stored, jsonb key order: " + stored);
            // the input as sent, with its bare strings and other forms (the reader converts them as binding did)
            assertEquals(expected, read(text), "as sent: " + text);
        }
    }

    @Test
    void datesAreTimestampsAtMidnightUtcAndAnAbsentExportDateIsAsOf() throws IOException {
        Map<String, Object> vars = read(JsonColumns.MAPPER.writeValueAsString(
                with(Filings.clean(), "vehicle.productionDate", "2024-02-29")));
        assertEquals(Instant.parse("2026-03-01T00:00:00Z"), vars.get("asOf"));
        assertEquals(Instant.parse("2024-02-29T00:00:00Z"), ((Map<?, ?>) vars.get("vehicle")).get("productionDate"));
        assertEquals(vars.get("asOf"), ((Map<?, ?>) vars.get("filing")).get("exportDate"));
        // asOf after the filing in the text (jsonb puts "filing" first of the six-letter keys, "asOf" first of all)
        Map<String, Object> late = read("{\"filing\":{},\"vehicle\":{},\"assessment\":{},\"asOf\":\"2026-04-02\"}");
        assertEquals(Instant.parse("2026-04-02T00:00:00Z"), ((Map<?, ?>) late.get("filing")).get("exportDate"));
        assertEquals(Boolean.TRUE, ((Map<?, ?>) late.get("vehicle")).get("known"));
    }

    @Test
    void anImpossibleDateIsRefusedAsDataBindingRefusesIt() {
        String text = "{\"asOf\":\"2026-02-30\",\"vehicle\":{},\"filing\":{},\"assessment\":{}}";
        assertThrows(IOException.class, () -> JsonColumns.MAPPER.readValue(text, EvaluationRequest.class));
        assertThrows(IOException.class, () -> read(text));
        assertThrows(IOException.class, () -> read(text.replace("2026-02-30", "2026-3-01")));
    }

    /** What the reader reads is the declared context: each request record has exactly its CEL struct's fields. */
    @Test
    void theRequestRecordsAndTheDeclaredStructsHaveTheSameFields() {
        Map<Class<?>, String> pairs = new LinkedHashMap<>();
        pairs.put(EvaluationRequest.Vehicle.class, "zmx.Vehicle");
        pairs.put(EvaluationRequest.Registration.class, "zmx.Registration");
        pairs.put(EvaluationRequest.OdometerReading.class, "zmx.OdometerReading");
        pairs.put(EvaluationRequest.Filing.class, "zmx.Filing");
        pairs.put(EvaluationRequest.Money.class, "zmx.Money");
        pairs.put(EvaluationRequest.AfterSalesConfirmation.class, "zmx.AfterSalesConfirmation");
        pairs.put(EvaluationRequest.ExportLicence.class, "zmx.ExportLicence");
        pairs.put(EvaluationRequest.ConformityCertificate.class, "zmx.ConformityCertificate");
        pairs.put(EvaluationRequest.LicenceApplication.class, "zmx.LicenceApplication");
        pairs.put(EvaluationRequest.SasoCertificate.class, "zmx.SasoCertificate");
        pairs.put(EvaluationRequest.Assessment.class, "zmx.Assessment");
        assertEquals(EvaluationContext.STRUCTS.size(), pairs.size(), "every declared struct has its record");
        pairs.forEach((record, struct) -> {
            Set<String> fields = Arrays.stream(record.getRecordComponents()).map(c -> c.getName()).collect(Collectors.toCollection(TreeSet::new));
            Set<String> declared = EvaluationContext.STRUCTS.stream().filter(s -> s.name().equals(struct)).findFirst().orElseThrow()
                    .fields().stream().map(EvaluationContext.Field::name).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(declared, fields, struct);
        });
    }

    static Map<String, Object> read(String json) throws IOException {
        try (JsonParser p = JsonColumns.MAPPER.createParser(json)) {
            return Activation.read(p);
        }
    }

    /** The same JSON with every object's keys in jsonb's order: shorter keys first, then by their bytes. */
    static String jsonbOrder(String json) throws IOException {
        return JsonColumns.MAPPER.writeValueAsString(reorder(JsonColumns.MAPPER.readTree(json)));
    }

    private static JsonNode reorder(JsonNode node) {
        if (node.isObject()) {
            ObjectNode sorted = JsonColumns.MAPPER.createObjectNode();
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(Comparator.comparingInt(String::length).thenComparing(Comparator.naturalOrder()));
            names.forEach(n -> sorted.set(n, reorder(node.get(n))));
            return sorted;
        }
        if (node.isArray()) {
            List<JsonNode> items = new ArrayList<>();
            node.forEach(n -> items.add(reorder(n)));
            return JsonColumns.MAPPER.createArrayNode().addAll(items);
        }
        return node;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> with(Map<String, Object> body, Object... pathsAndValues) {
        for (int i = 0; i < pathsAndValues.length; i += 2) {
            Filings.set(body, (String) pathsAndValues[i], pathsAndValues[i + 1]);
        }
        return body;
    }
}
