package io.zmx.export;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;

/**
 * Declares, once for every {@code @QuarkusTest} here, the real parts the service runs against:
 * embedded PostgreSQL, a WireMock OIDC issuer, and WireMock registry/compliance services.
 * One set means Quarkus boots once per test run.
 */
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(OidcWiremockTestResource.class)
@QuarkusTestResource(DependenciesResource.class)
public final class TestResources {
    private TestResources() {}
}
