package io.zmx.gateway;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Declares, once for every {@code @QuarkusTest} here, what the gateway runs against: a WireMock OIDC
 * issuer and WireMock stand-ins for the three services. One set means Quarkus boots once per test run.
 */
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(ServicesResource.class)
public final class TestResources {
    private TestResources() {}
}
