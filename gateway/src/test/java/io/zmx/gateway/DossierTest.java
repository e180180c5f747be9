package io.zmx.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import io.quarkus.test.junit.QuarkusTest;
import io.zmx.gateway.client.Backend;
import io.zmx.gateway.client.Backends;
import jakarta.inject.Inject;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** GET /api/v1/vehicles/{vin}/dossier composes registry-service and export-service with the caller's token. */
@QuarkusTest
class DossierTest {

    static final String VIN = "LGXCE4CB0R0123456";
    // Stubs answer what the providers' committed contracts define (ProviderContractsTest checks every field)
    static final String HISTORY = """
            {"vehicle":{"vin":"LGXCE4CB0R0123456","manufacturer":"BYD Auto Co., Ltd.","make":"BYD","model":"Song Plus",
                        "modelYear":2024,"fuelType":"PHEV","status":"DEREGISTERED","firstRegistrationDate":"2026-01-05",
                        "version":3},
             "registrations":[{"id":1,"date":"2026-01-05","region":"CN-SC","city":"Chengdu","plate":"川A12345",
                               "ownerType":"DEALER"}],
             "deregistrations":[{"id":2,"date":"2026-02-01","reason":"EXPORT","region":"CN-SC"}],
             "odometerReadings":[{"id":3,"date":"2026-02-01","km":12,"source":"EXPORT_INSPECTION","correction":false,
                                  "rollback":false}],
             "titleBrands":[],
             "timeline":[{"date":"2026-01-05","kind":"REGISTRATION","summary":"Registered in CN-SC"}]}""";
    static final String FILINGS = """
            {"items":[
              {"id":"0b4c1f9e-4a8e-4f7e-9a51-3f0e6d2c1a01","number":"ZMX-2026-000001","status":"HELD","version":3,
               "exporterCreditCode":"91510100MA6CGT1B4T","vin":"LGXCE4CB0R0123456","destination":"KZ",
               "declaredValue":{"amount":16500,"currency":"USD"},"plannedExportDate":"2026-03-03",
               "verdict":{"screenedAt":"2026-02-20T10:00:00Z","lane":"YELLOW","zeroMileage":true,"maker":"BYD Auto",
                          "originRegion":"CN-SC",
                          "findings":[{"code":"ODOMETER_MISMATCH","severity":"HOLD","message":"declared 8 km, registry 12 km"}],
                          "evaluation":{"id":"ev-1","outcome":"REVIEW","lane":"YELLOW",
                                        "hits":[{"ruleCode":"CN-180-DAY","jurisdiction":"CN","version":2,"severity":"HOLD",
                                                 "title":"Exported within 180 days","message":"..."}],
                                        "ruleSets":[{"jurisdiction":"CN","version":2}],"asOf":"2026-03-03"}}},
              {"id":"0b4c1f9e-4a8e-4f7e-9a51-3f0e6d2c1a02","number":"ZMX-2026-000002","status":"SUBMITTED","version":1,
               "exporterCreditCode":"91510100MA6CGT1B4T","vin":"LGXCE4CB0R0123456","destination":"KZ",
               "screening":{"attempts":2,"nextAttemptAt":"2026-02-21T10:05:00Z","lastError":"registry-service unavailable"}}],
             "page":0,"size":200,"total":2}""";

    @Inject
    Backends backends;

    @BeforeEach
    void reset() {
        for (WireMockServer s : List.of(ServicesResource.registry, ServicesResource.compliance, ServicesResource.export)) {
            s.resetAll();
        }
        for (Backend b : Backend.values()) {
            backends.closeCircuit(b);
        }
        ServicesResource.registry.stubFor(get(urlPathEqualTo("/api/v1/vehicles/" + VIN + "/history"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(HISTORY)));
    }

    void exportAnswers(String body) {
        ServicesResource.export.stubFor(get(urlPathEqualTo("/api/v1/filings"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
    }

    @Test
    void composesVehicleHistoryFilingsAndVerdictsWithTheCallersToken() {
        exportAnswers(FILINGS);
        String token = Tokens.bearer("customs");
        given().header("Authorization", token).header("X-Request-Id", "dossier-1")
                .get("/api/v1/vehicles/{vin}/dossier", VIN)
                .then().statusCode(200)
                .header("X-Request-Id", "dossier-1")
                .body("vin", Matchers.equalTo(VIN))
                .body("vehicle.make", Matchers.equalTo("BYD"))
                .body("history.registrations[0].region", Matchers.equalTo("CN-SC"))
                .body("history.vehicle", nullValue())
                .body("filings", hasSize(2))
                .body("filings[0].filing.number", Matchers.equalTo("ZMX-2026-000001"))
                .body("filings[0].verdict.lane", Matchers.equalTo("YELLOW"))
                .body("filings[0].verdict.evaluation.hits[0].ruleCode", Matchers.equalTo("CN-180-DAY"))
                // a SUBMITTED filing has no verdict yet: the screener's bookkeeping is not one
                .body("filings[1].filing.status", Matchers.equalTo("SUBMITTED"))
                .body("filings[1].verdict", nullValue())
                .body("filings[1].filing.screening.attempts", Matchers.equalTo(2))
                .body("partial", Matchers.equalTo(false))
                .body("unavailable", empty());
        ServicesResource.registry.verify(getRequestedFor(urlPathEqualTo("/api/v1/vehicles/" + VIN + "/history"))
                .withHeader("Authorization", equalTo(token)).withHeader("X-Request-Id", equalTo("dossier-1")));
        ServicesResource.export.verify(getRequestedFor(urlPathEqualTo("/api/v1/filings"))
                .withQueryParam("vin", equalTo(VIN)).withHeader("Authorization", equalTo(token)));
        // the verdict travels inside the filing: compliance-service is not asked
        ServicesResource.compliance.verify(0, getRequestedFor(urlPathEqualTo("/api/v1/evaluations/ev-1")));
    }

    @Test
    void anAgencySeesTheVehicleOnlyAsScreenedInItsFilingsNeverTheRegistryHistory() {
        exportAnswers(FILINGS); // export-service scopes these to the agency's country; f-1 is screened
        String token = Tokens.bearer("agency");
        given().header("Authorization", token).get("/api/v1/vehicles/{vin}/dossier", VIN)
                .then().statusCode(200)
                .body("vehicle", nullValue())
                .body("history", nullValue())
                .body("filings[0].filing.verdict.lane", Matchers.equalTo("YELLOW"));
        ServicesResource.registry.verify(0, getRequestedFor(urlPathEqualTo("/api/v1/vehicles/" + VIN + "/history")));
        // no screened filing bound for its country: the vehicle does not exist for this agency
        exportAnswers("""
                {"items":[{"id":"f-2","vin":"LGXCE4CB0R0123456","destination":"KZ","status":"SUBMITTED"}],
                 "page":0,"size":200,"total":1}""");
        given().header("Authorization", token).get("/api/v1/vehicles/{vin}/dossier", VIN)
                .then().statusCode(404).contentType("application/problem+json");
        exportAnswers("{\"items\":[],\"page\":0,\"size\":200,\"total\":0}");
        given().header("Authorization", token).get("/api/v1/vehicles/{vin}/dossier", VIN).then().statusCode(404);
        ServicesResource.registry.verify(0, getRequestedFor(urlPathEqualTo("/api/v1/vehicles/" + VIN + "/history")));
    }

    @Test
    void exportServiceDownGivesAPartialDossierNotAnError() {
        ServicesResource.export.stubFor(get(urlPathEqualTo("/api/v1/filings"))
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
        given().header("Authorization", Tokens.bearer("customs"))
                .get("/api/v1/vehicles/{vin}/dossier", VIN)
                .then().statusCode(200)
                .body("vehicle.vin", Matchers.equalTo(VIN))
                .body("filings", empty())
                .body("partial", Matchers.equalTo(true))
                .body("unavailable", contains("export-service"));
    }

    @Test
    void aServiceAnswering503CountsAsUnavailable() {
        ServicesResource.export.stubFor(get(urlPathEqualTo("/api/v1/filings"))
                .willReturn(aResponse().withStatus(503).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\":503}")));
        given().header("Authorization", Tokens.bearer("customs"))
                .get("/api/v1/vehicles/{vin}/dossier", VIN)
                .then().statusCode(200)
                .body("partial", Matchers.equalTo(true))
                .body("unavailable", contains("export-service"));
    }

    @Test
    void registryDownStillAnswersWithTheFilings() {
        ServicesResource.registry.resetAll();
        ServicesResource.registry.stubFor(get(urlPathEqualTo("/api/v1/vehicles/" + VIN + "/history"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(2500).withBody(HISTORY)));
        exportAnswers(FILINGS);
        given().header("Authorization", Tokens.bearer("admin"))
                .get("/api/v1/vehicles/{vin}/dossier", VIN)
                .then().statusCode(200)
                .body("vehicle", nullValue())
                .body("filings", hasSize(2))
                .body("partial", Matchers.equalTo(true))
                .body("unavailable", contains("registry-service"));
    }

    @Test
    void filingsTheCallerMayNotSeeAreSimplyAbsent() {
        ServicesResource.export.stubFor(get(urlPathEqualTo("/api/v1/filings"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"status\":403}")));
        given().header("Authorization", Tokens.bearer("manufacturer"))
                .get("/api/v1/vehicles/{vin}/dossier", VIN)
                .then().statusCode(200).body("filings", empty()).body("partial", Matchers.equalTo(false));
    }

    @Test
    void unknownVehicleIsTheRegistrysNotFound() {
        exportAnswers("{\"items\":[],\"page\":0,\"size\":200,\"total\":0}");
        ServicesResource.registry.stubFor(get(urlPathEqualTo("/api/v1/vehicles/LFV3A23C0R3000001/history"))
                .willReturn(aResponse().withStatus(404).withHeader("Content-Type", "application/problem+json")
                        .withBody("{\"type\":\"https://zmx.io/problems/not-found\",\"title\":\"Resource not found\","
                                + "\"status\":404,\"detail\":\"Vehicle LFV3A23C0R3000001 does not exist\"}")));
        given().header("Authorization", Tokens.bearer("customs"))
                .get("/api/v1/vehicles/LFV3A23C0R3000001/dossier")
                .then().statusCode(404).contentType("application/problem+json")
                .body("type", Matchers.equalTo("https://zmx.io/problems/not-found"))
                .body("detail", Matchers.equalTo("Vehicle LFV3A23C0R3000001 does not exist"));
    }

    @Test
    void analystsGetNoDossier() {
        given().header("Authorization", Tokens.bearer("analyst"))
                .get("/api/v1/vehicles/{vin}/dossier", VIN)
                .then().statusCode(403).contentType("application/problem+json");
    }
}
