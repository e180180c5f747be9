package io.zmx.export;

import io.zmx.edge.ContractValidation;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.restassured.OpenApiValidationFilter;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.builder.ResponseBuilder;
import io.restassured.filter.Filter;
import org.junit.jupiter.api.Test;

/**
 * The contract validation installed on every test ({@link ContractValidation}) really fails a test when a
 * response breaks the committed contract: a real filing answer, with one field turned into a wrong type on
 * its way back, is refused.
 */
@QuarkusTest
class ContractValidationTest {

    @Test
    void validationIsInstalledOnEveryTest() {
        assertTrue(RestAssured.filters().contains(ContractValidation.filter()),
                "the contract validation filter is installed globally");
    }

    @Test
    void aFilingViewWithAWrongTypeFailsValidation() {
        String cc = Fixtures.creditCode();
        String token = Tokens.exporter("exp-" + cc, cc);
        String id = given().header("Authorization", token).contentType("application/json")
                .body(Fixtures.filing(cc, Fixtures.vin(), "KZ", "USED", 9))
                .post("/api/v1/filings").then().statusCode(201).extract().path("id");
        // the untampered answer passes
        given().header("Authorization", token).get("/api/v1/filings/" + id).then().statusCode(200);
        // the same answer with "version" as an object does not
        Filter tamper = (req, res, ctx) -> {
            var real = ctx.next(req, res);
            String body = real.asString().replaceFirst("\"version\":\\s*\\d+", "\"version\":{\"n\":1}");
            return new ResponseBuilder().clone(real).setBody(body).build();
        };
        assertThrows(OpenApiValidationFilter.OpenApiValidationException.class,
                () -> given().filter(tamper).header("Authorization", token).get("/api/v1/filings/" + id));
    }
}
