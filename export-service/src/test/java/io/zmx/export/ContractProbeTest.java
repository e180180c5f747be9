package io.zmx.export;

import io.zmx.edge.ContractValidation;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import org.junit.jupiter.api.Test;

/**
 * The validator built from the committed contract (what {@link ContractValidation} installs) refuses bodies,
 * statuses and nulls the contract does not describe, and accepts the nulls it does (no Quarkus needed).
 */
class ContractProbeTest {

    static final OpenApiInteractionValidator V = ContractValidation.committed();

    /** The fields every filing has, before the ones a test is about. */
    static final String BASE = """
            {"id":"3f2b8c1e-0a4d-4e55-9a43-2b1c0d9e8f70","number":"ZMX-2026-000123","status":"DRAFT","version":1,
             "exporterCreditCode":"91350100M000100Y43","vin":"LGXCE4CB3R0100001","destination":"KZ",
             "consignee":"Almaty Motors LLP","declaredStatus":"USED","declaredOdometerKm":9,
             "declaredValue":{"amount":18500.00,"currency":"USD"},"createdAt":"2026-11-29T10:00:00Z",
             "updatedAt":"2026-11-29T10:00:00Z\"""";

    static ValidationReport filing(int status, String body) {
        return V.validateResponse("/api/v1/filings/ZMX-2026-000123", Request.Method.GET,
                SimpleResponse.Builder.status(status).withContentType("application/json").withBody(body).build());
    }

    @Test
    void aFilingWithWrongTypesIsRefused() {
        ValidationReport r = filing(200, "{\"status\":5,\"version\":{\"n\":1}}");
        assertTrue(r.hasErrors(), r.toString());
        assertTrue(r.getMessages().stream().anyMatch(m -> m.getMessage().contains("/version")), r.toString());
    }

    @Test
    void aCompleteDraftPassesAndAMissingRequiredFieldDoesNot() {
        assertFalse(filing(200, BASE + "}").hasErrors(), filing(200, BASE + "}").toString());
        assertTrue(filing(200, BASE.replace("\"status\":\"DRAFT\",", "") + "}").hasErrors());
    }

    @Test
    void anUndocumentedStatusIsRefused() {
        assertTrue(filing(299, "{}").hasErrors());
    }

    @Test
    void aDraftsNullDocumentsVerdictAndDatesAreDescribed() {
        ValidationReport r = filing(200, BASE + """
                ,"afterSalesConfirmation":null,"licenceApplication":null,
                 "conformityCertificate":null,"sasoCertificate":null,"declaredVehicle":null,"deregistration":null,
                 "screening":null,"verdict":null,"applicationDate":null,"exportDate":null,"submittedAt":null,
                 "statusReason":null}""");
        assertFalse(r.hasErrors(), r.toString());
    }

    @Test
    void anUnknownFieldInANestedDocumentIsRefused() {
        ValidationReport r = filing(200, BASE + ",\"declaredVehicle\":{\"make\":\"BYD\",\"colour\":\"red\"}}");
        assertTrue(r.hasErrors(), r.toString());
    }

    @Test
    void aNullVerdictWithAWrongAssessmentIsStillChecked() {
        ValidationReport r = filing(200, BASE + ",\"verdict\":{\"lane\":\"GREEN\",\"zeroMileage\":\"yes\"}}");
        assertTrue(r.hasErrors(), r.toString());
    }

    @Test
    void reportFiltersAreMonthsAsStringsAndMayBeNull() {
        var ok = V.validateResponse("/api/v1/reports/zero-mileage", Request.Method.GET, SimpleResponse.Builder.status(200)
                .withContentType("application/json").withBody("""
                        {"groupBy":"month","filters":{"from":"2025-07","to":null,"destination":null,"maker":null,"region":null},
                         "rows":[],"total":{"key":"total","filings":0,"zeroMileage":0,"share":0}}""").build());
        assertFalse(ok.hasErrors(), ok.toString());
        var asObject = V.validateResponse("/api/v1/reports/zero-mileage", Request.Method.GET, SimpleResponse.Builder.status(200)
                .withContentType("application/json").withBody("""
                        {"groupBy":"month","filters":{"from":{"year":2025,"month":"JULY","monthValue":7,"leapYear":false}}}""").build());
        assertTrue(asObject.hasErrors(), asObject.toString());
    }
}
