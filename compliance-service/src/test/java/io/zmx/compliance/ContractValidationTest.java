package io.zmx.compliance;

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

    @Test
    void everyTestValidatesItsResponses() {
        assertTrue(RestAssured.filters().contains(ContractValidation.filter()),
                "ContractValidation is installed in RestAssured for every test class");
    }

    /** A real answer, checked against a contract that says a rule set's name is an integer: the call fails. */
    @Test
    void aBodyThatBreaksTheContractFailsTheCall() throws Exception {
        OpenApiValidationFilter wrong = ContractValidation.withPropertyRetyped("RuleSet", "name", "integer");

        OpenApiValidationFilter.OpenApiValidationException e = assertThrows(
                OpenApiValidationFilter.OpenApiValidationException.class,
                () -> given().filter(wrong).header("Authorization", Tokens.bearer("ana", "analyst"))
                        .get("/api/v1/rule-sets/CN"));
        assertTrue(e.getMessage().contains("name"), e.getMessage());
    }

    @Test
    void wrongBodiesAndStatusesAreReported() throws Exception {
        OpenApiInteractionValidator v = ContractValidation.committed();
        String path = "/api/v1/rule-sets/CN";
        // a problem whose status is a string
        assertTrue(v.validateResponse(path, Request.Method.GET, SimpleResponse.Builder.status(404)
                .withContentType("application/problem+json")
                .withBody("{\"type\":\"about:blank\",\"title\":\"Not found\",\"status\":\"404\"}").build()).hasErrors());
        // a status the operation does not document
        assertTrue(v.validateResponse(path, Request.Method.GET, SimpleResponse.Builder.status(418)
                .withContentType("application/json").withBody("{}").build()).hasErrors());
        // members must be an array of strings
        assertTrue(v.validateResponse(path, Request.Method.GET, SimpleResponse.Builder.status(200)
                .withContentType("application/json").withBody("{\"jurisdiction\":\"CN\",\"members\":\"RU\"}").build())
                .hasErrors());
        // no version in force is answered as null, which the contract allows
        ValidationReport ok = v.validateResponse(path, Request.Method.GET, SimpleResponse.Builder.status(200)
                .withContentType("application/json").withBody("{\"jurisdiction\":\"CN\",\"inForce\":null}").build());
        assertFalse(ok.hasErrors(), ok::toString);
    }
}
