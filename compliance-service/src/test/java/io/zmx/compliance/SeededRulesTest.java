package io.zmx.compliance;

import static io.restassured.RestAssured.given;
import static io.zmx.compliance.Filings.list;
import static io.zmx.compliance.Filings.map;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rule of the first seeded versions (v1), against a filing it hits and one it lets pass, through the
 * real API and database, on 2026-03-01: v1 still judges that date (time travel). The latest versions are
 * covered rule by rule, at every threshold, by {@code rules.RuleTruthTableTest}.
 */
@QuarkusTest
class SeededRulesTest {

    static final Map<String, Object> NONE = Map.of();
    static final String D = "2026-03-01";

    static Stream<Arguments> table() {
        return Stream.of(
                row("CN-USED-NOT-REGISTERED", "KZ", D, map("vehicle.firstRegistrationDate", null, "vehicle.registrations", list()), NONE),
                row("CN-EXPORT-LICENCE", "KZ", D, map("filing.exportLicence", null), NONE),
                row("CN-180-DAY", "KZ", D, map("vehicle.firstRegistrationDate", "2025-12-01"),
                        map("vehicle.firstRegistrationDate", "2025-12-01", "filing.afterSalesConfirmation",
                                map("reference", "ASC-1", "manufacturer", "BYD Auto", "destination", "KZ", "issuedOn", "2026-01-10"))),
                row("CN-DECLARED-ODOMETER", "KZ", D, map("filing.declaredOdometerKm", 5), NONE),
                row("CN-BEV-LICENCE", "KZ", D, map("vehicle.fuelType", "BEV", "filing.exportLicence", null), map("vehicle.fuelType", "BEV")),
                row("CN-ZERO-MILEAGE", "KZ", D, map("assessment.zeroMileage", true, "assessment.verdict", "ZERO_MILEAGE"), NONE),
                row("CN-DEREGISTER-AFTER-EXPORT", "KZ", D, map("vehicle.deregistered", false), NONE),
                row("EAEU-OFFICIAL-IMPORTER", "KZ", D, map("filing.consigneeOfficialRepresentative", false),
                        map("filing.consigneeOfficialRepresentative", false, "vehicle.productionDate", "2021-01-10", "vehicle.modelYear", 2021)),
                row("RU-EURO5", "RU", D, map("vehicle.emissionStandard", "EURO4"), NONE),
                row("RU-EMISSION-UNKNOWN", "RU", D, map("vehicle.emissionStandard", null), NONE),
                row("RU-RECYCLING-FEE-COMMERCIAL", "RU", D, NONE, map("filing.consigneeType", "PERSON")),
                row("RU-PERSONAL-FEE-POWER", "RU", D, map("filing.consigneeType", "PERSON", "vehicle.powerKw", 150.0),
                        map("filing.consigneeType", "PERSON")),
                row("KZ-RHD", "KZ", D, map("vehicle.driveSide", "RHD"), NONE),
                row("KZ-REGISTRATION-FEE-AGE", "KZ", D, map("vehicle.productionDate", "2023-06-01"), NONE),
                row("KG-CONFORMITY", "KG", D, NONE, map("filing.conformityCertificate", map("number", "KG-1", "holder", "Astana Motors"))),
                row("KG-EV-QUOTA", "KG", "2025-06-01", map("vehicle.fuelType", "BEV"), map("vehicle.fuelType", "PHEV")),
                row("UZ-CERTIFICATE-HOLDER", "UZ", D, map("filing.conformityCertificate", map("number", "UZ-1", "holder", "Someone Else")),
                        map("filing.conformityCertificate", map("number", "UZ-1", "holder", "Astana Motors"))),
                row("UZ-DUTY-AGE", "UZ", D, NONE, map("vehicle.productionDate", "2025-09-01")),
                row("AE-DAMAGED", "AE", D, map("vehicle.titleBrands", list("FLOOD")), NONE),
                row("SA-MODEL-YEAR-5", "SA", D, map("vehicle.modelYear", 2019), NONE),
                row("JO-EV-OLDER-3", "JO", D, map("vehicle.fuelType", "BEV", "vehicle.productionDate", "2021-06-01"), map("vehicle.fuelType", "BEV")),
                row("JO-SALVAGE", "JO", D, map("vehicle.titleBrands", list("SALVAGE")), map("vehicle.titleBrands", list("REBUILT"))),
                row("JO-DIESEL-PASSENGER", "JO", D, map("vehicle.fuelType", "DIESEL"), NONE),
                row("JO-RHD", "JO", D, map("vehicle.driveSide", "RHD"), NONE),
                row("AZ-OLDER-10", "AZ", D, map("vehicle.productionDate", "2014-01-01"), NONE),
                row("AZ-EURO4", "AZ", D, map("vehicle.emissionStandard", "EURO3"), NONE),
                row("GE-RHD", "GE", D, map("vehicle.driveSide", "RHD"), NONE));
    }

    static Arguments row(String code, String destination, String asOf, Map<String, Object> hit, Map<String, Object> pass) {
        return Arguments.of(code, destination, asOf, hit, pass);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("table")
    void ruleHitsOneFilingAndPassesAnother(String code, String destination, String asOf, Map<String, Object> hit,
            Map<String, Object> pass) {
        evaluate(Filings.to(destination, asOf, hit))
                .body("hits.ruleCode", hasItem(code))
                .body("hits.find { it.ruleCode == '" + code + "' }.legalReferences.url", everyItem(startsWith("http")));
        evaluate(Filings.to(destination, asOf, pass))
                .body("hits.ruleCode", not(hasItem(code)));
    }

    @Test
    void tableCoversEverySeededRule() throws Exception {
        Set<String> seeded = new TreeSet<>();
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("seeds/rule-sets.json")) {
            JsonNode root = new ObjectMapper().readTree(in);
            root.get("ruleSets").forEach(s -> s.get("versions").forEach(v -> {
                if (v.get("version").asInt() == 1) {
                    v.get("rules").forEach(r -> seeded.add(r.get("code").asText()));
                }
            }));
        }
        Set<String> tested = table().map(a -> (String) a.get()[0]).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(seeded, tested);
    }

    @Test
    void version2JudgesFromItsPublicationDate() {
        evaluate(Filings.to("JO", "2026-11-28", map("vehicle.fuelType", "BEV", "vehicle.productionDate", "2023-06-01")))
                .body("ruleSets.find { it.jurisdiction == 'JO' }.version", org.hamcrest.Matchers.equalTo(1))
                // v1 floored the age to 3 years: a BEV of 3 years and 5 months passed the "older than 3" ban
                .body("hits.ruleCode", not(hasItem("JO-EV-OLDER-3")));
        evaluate(Filings.to("JO", "2026-11-29", map("vehicle.fuelType", "BEV", "vehicle.productionDate", "2023-06-01")))
                .body("ruleSets.find { it.jurisdiction == 'JO' }.version", org.hamcrest.Matchers.equalTo(2))
                .body("hits.ruleCode", hasItem("JO-EV-OLDER-3"));
    }

    @Test
    void weakFactsAreOnlyWarnings() {
        evaluate(Filings.to("GE", D, map("vehicle.driveSide", "RHD")))
                .body("hits.find { it.ruleCode == 'GE-RHD' }.severity", org.hamcrest.Matchers.equalTo("WARN"))
                .body("outcome", org.hamcrest.Matchers.equalTo("CLEARED"));
    }

    static io.restassured.response.ValidatableResponse evaluate(Map<String, Object> body) {
        return given().header("Authorization", Tokens.bearer("export-service", "export-service"))
                .contentType(ContentType.JSON).body(body)
                .post("/api/v1/evaluations")
                .then().statusCode(201);
    }
}
