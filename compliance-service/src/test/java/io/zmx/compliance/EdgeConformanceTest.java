package io.zmx.compliance;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.zmx.edge.EdgeConformance;

/** The suite's shared bad requests (io.zmx.edge.EdgeConformance) against compliance-service. */
@QuarkusTest
class EdgeConformanceTest extends EdgeConformance {

    @Override
    protected String authorization() {
        return Tokens.bearer("edge-admin", "admin");
    }

    @Override
    protected String writePath() {
        return "/api/v1/evaluations";
    }

    @Override
    protected String validBody() {
        try {
            return new ObjectMapper().writeValueAsString(Filings.clean());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    protected String integerField() {
        return "vehicle.modelYear";
    }

    @Override
    protected String textField() {
        return "reference";
    }

    @Override
    protected String listPath() {
        return "/api/v1/rule-sets";
    }

    @Override
    protected String enumParam() {
        return null;
    }

    @Override
    protected String dateUrl() {
        return "/api/v1/rule-sets?asOf=%s";
    }
}
