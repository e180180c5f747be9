package io.zmx.export;

import io.quarkus.test.junit.QuarkusTest;
import io.zmx.edge.EdgeConformance;

/** The suite's shared bad requests (io.zmx.edge.EdgeConformance) against export-service. */
@QuarkusTest
class EdgeConformanceTest extends EdgeConformance {

    @Override
    protected String authorization() {
        return Tokens.bearer("edge-admin", "admin");
    }

    @Override
    protected String writePath() {
        return "/api/v1/filings";
    }

    @Override
    protected String validBody() {
        return Fixtures.filing(Fixtures.creditCode(), Fixtures.vin(), "KZ", "USED", 15);
    }

    @Override
    protected String integerField() {
        return "declaredOdometerKm";
    }

    @Override
    protected String textField() {
        return "consignee";
    }

    @Override
    protected String listPath() {
        return "/api/v1/filings";
    }

    @Override
    protected String enumParam() {
        return "status";
    }

    @Override
    protected String dateUrl() {
        return "/api/v1/quotas?on=%s";
    }
}
