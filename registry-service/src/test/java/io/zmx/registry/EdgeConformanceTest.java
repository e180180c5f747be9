package io.zmx.registry;

import io.quarkus.test.junit.QuarkusTest;
import io.zmx.edge.EdgeConformance;

/** The suite's shared bad requests (io.zmx.edge.EdgeConformance) against registry-service. */
@QuarkusTest
class EdgeConformanceTest extends EdgeConformance {

    @Override
    protected String authorization() {
        return Tokens.bearer("edge-admin", "admin");
    }

    @Override
    protected String writePath() {
        return "/api/v1/vehicles";
    }

    @Override
    protected String validBody() {
        return """
                {"vin":"%s","make":"BYD","model":"Seal","fuelType":"BEV","engineCc":1498,"powerKw":81,
                 "driveSide":"LHD","emissionStandard":"CN6b","productionDate":"2024-01-01"}""".formatted(TestVins.freshByd());
    }

    @Override
    protected String integerField() {
        return "engineCc";
    }

    @Override
    protected String textField() {
        return "model";
    }

    @Override
    protected String listPath() {
        return "/api/v1/vehicles";
    }

    @Override
    protected String enumParam() {
        return "status";
    }

    @Override
    protected String dateUrl() {
        return "/api/v1/reference-prices/current?make=BYD&model=Seal&modelYear=2024&asOf=%s";
    }
}
