package io.zmx.compliance;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Declares, once for every {@code @QuarkusTest} here, the real parts the service runs against:
 * embedded PostgreSQL and a WireMock OIDC issuer. One set means Quarkus boots once per test run.
 */
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
public final class TestResources {
    private TestResources() {}
}
