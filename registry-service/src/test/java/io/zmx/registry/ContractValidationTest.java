package io.zmx.registry;

import io.zmx.edge.ContractValidation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

/** The contract check every test relies on ({@link ContractValidation}) is installed and does fail. */
@QuarkusTest
class ContractValidationTest {

    static final String VIN = "LGXCE4CB" + "0" + "R0123456";

    static String validVin() {
        return VIN.substring(0, 8) + io.zmx.registry.domain.Vin.checkDigit(VIN) + VIN.substring(9);
    }

    @Test
    void everyTestValidatesItsResponses() {
        assertTrue(RestAssured.filters().contains(ContractValidation.filter()),
                "ContractValidation is installed in RestAssured for every test class");
    }

    /** A real answer, checked against a contract that says modelYear is a string: the filter fails the call. */
    @Test
    void aBodyThatBreaksTheContractFailsTheCall() throws Exception {
        OpenApiValidationFilter wrong = ContractValidation.withPropertyRetyped("VinDecoding", "modelYear", "string");

        OpenApiValidationFilter.OpenApiValidationException e = assertThrows(
                OpenApiValidationFilter.OpenApiValidationException.class,
                () -> given().filter(wrong).header("Authorization", Tokens.bearer("ana", "analyst"))
                        .get("/api/v1/vins/{vin}", validVin()));
        assertTrue(e.getMessage().contains("modelYear"), e.getMessage());
    }

    @Test
    void wrongBodiesStatusesAndTypesAreReported() throws Exception {
        OpenApiInteractionValidator v = ContractValidation.committed();
        String path = "/api/v1/vins/" + validVin();
        // a problem whose status is a string, not an integer
        assertInvalid(v.validateResponse(path, Request.Method.GET, SimpleResponse.Builder.status(400)
                .withContentType("application/problem+json")
                .withBody("{\"type\":\"about:blank\",\"title\":\"Bad\",\"status\":\"400\"}").build()));
        // a status the operation does not document
        assertInvalid(v.validateResponse(path, Request.Method.GET, SimpleResponse.Builder.status(418)
                .withContentType("application/json").withBody("{}").build()));
        // a decoding whose smallManufacturer is not a boolean
        assertInvalid(v.validateResponse(path, Request.Method.GET, SimpleResponse.Builder.status(200)
                .withContentType("application/json").withBody("{\"vin\":\"" + validVin() + "\",\"smallManufacturer\":\"no\"}").build()));
        // an optional field answered as null is fine (nullable in the contract)
        ValidationReport ok = v.validateResponse(path, Request.Method.GET, SimpleResponse.Builder.status(200)
                .withContentType("application/json").withBody("{\"vin\":\"" + validVin() + "\",\"manufacturer\":null}").build());
        assertFalse(ok.hasErrors(), ok::toString);
    }

    private static void assertInvalid(ValidationReport report) {
        assertTrue(report.hasErrors(), "expected the validator to reject the response");
    }
}
