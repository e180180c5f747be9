package io.zmx.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The gateway's package direction, as its README draws it: api → service → routing / client. The JAX-RS endpoints
 * ({@code api}) use the composed views ({@code service}), which call the services through {@code client}; the
 * front door for proxied calls ({@code routing}) gates and forwards through {@code client}, never the other way.
 * The problems the gateway answers ({@code problem}) and its configuration (the root package) serve every layer;
 * the web filters ({@code web}) stand alone.
 */
class ArchitectureTest {

    static JavaClasses gateway;

    @BeforeAll
    static void importGateway() {
        gateway = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.zmx.gateway");
    }

    @Test
    void callsGoDownFromTheEndpointsAndTheFrontDoorToTheServices() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("api").definedBy("io.zmx.gateway.api..")
                .layer("service").definedBy("io.zmx.gateway.service..")
                .layer("routing").definedBy("io.zmx.gateway.routing..")
                .layer("client").definedBy("io.zmx.gateway.client..")
                .layer("problem").definedBy("io.zmx.gateway.problem..")
                .layer("web").definedBy("io.zmx.gateway.web..")
                .whereLayer("api").mayNotBeAccessedByAnyLayer()
                .whereLayer("service").mayOnlyBeAccessedByLayers("api")
                .whereLayer("routing").mayOnlyBeAccessedByLayers("api", "service")
                .whereLayer("client").mayOnlyBeAccessedByLayers("api", "service", "routing")
                .whereLayer("problem").mayOnlyBeAccessedByLayers("api", "service", "routing", "client")
                .whereLayer("web").mayNotBeAccessedByAnyLayer()
                .check(gateway);
    }

    @Test
    void webFiltersStandAlone() {
        noClasses().that().resideInAPackage("io.zmx.gateway.web..")
                .should().dependOnClassesThat().resideInAnyPackage("io.zmx.gateway.api..", "io.zmx.gateway.service..",
                        "io.zmx.gateway.routing..", "io.zmx.gateway.client..", "io.zmx.gateway.problem..")
                .because("a filter runs for every request, before any route is chosen")
                .check(gateway);
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.zmx.gateway.(*)..").should().beFreeOfCycles().check(gateway);
    }

    @Test
    void theRulesSeeTheGateway() {
        // an empty import would pass every rule above
        org.junit.jupiter.api.Assertions.assertTrue(gateway.contain("io.zmx.gateway.routing.ApiGate"));
    }
}
