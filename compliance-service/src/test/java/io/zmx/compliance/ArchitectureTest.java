package io.zmx.compliance;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.zmx.edge.TransactionsRule;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The one shape every zmx service has: {@code api} (resources, request/response DTOs, views) -> {@code service} (use
 * cases, transactions) -> {@code domain} (entities, values, and here the rule {@code engine}) and {@code persistence}
 * (queries). Only the api builds HTTP answers; the domain and the engine know nothing of REST; no package cycles.
 * The rules are checked from plain JUnit tests (ArchUnit's own engine reported no tests under surefire here).
 */
class ArchitectureTest {

    static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.zmx.compliance");

    @Test
    void layersPointOneWay() {
        layers.check(MAIN);
    }

    @Test
    void packagesHaveNoCycles() {
        noCycles.check(MAIN);
    }

    @Test
    void theEngineIsPlainJava() {
        plainEngine.check(MAIN);
    }

    @Test
    void onlyTheApiSpeaksHttp() {
        onlyApiSpeaksHttp.check(MAIN);
    }

    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("api").definedBy("io.zmx.compliance.api..")
            .layer("service").definedBy("io.zmx.compliance.service..")
            .layer("persistence").definedBy("io.zmx.compliance.persistence..")
            .layer("domain").definedBy("io.zmx.compliance.domain..", "io.zmx.compliance.engine..")
            .whereLayer("api").mayNotBeAccessedByAnyLayer()
            .whereLayer("service").mayOnlyBeAccessedByLayers("api")
            .whereLayer("persistence").mayOnlyBeAccessedByLayers("service")
            .whereLayer("domain").mayOnlyBeAccessedByLayers("api", "service", "persistence");

    static final ArchRule noCycles = slices().matching("io.zmx.compliance.(*)..").should().beFreeOfCycles();

    /** The engine is plain Java: no REST, no CDI, no persistence (the service, the tests and the JMH benchmark share it). */
    static final ArchRule plainEngine = noClasses().that().resideInAPackage("io.zmx.compliance.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("io.zmx.compliance.api..", "io.zmx.compliance.domain..",
                    "io.zmx.compliance.service..", "io.zmx.compliance.persistence..", "jakarta.ws.rs..", "io.quarkus..",
                    "org.jboss.resteasy..", "jakarta.persistence..", "jakarta.enterprise..");

    /** Only the api speaks HTTP: services throw ProblemException or domain exceptions and never build a Response. */
    static final ArchRule onlyApiSpeaksHttp = noClasses().that().resideInAnyPackage("io.zmx.compliance.service..",
                    "io.zmx.compliance.domain..", "io.zmx.compliance.engine..", "io.zmx.compliance.persistence..")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "io.quarkus.rest..", "org.jboss.resteasy..");

    /** Every transaction goes through edge's Writes, so a write finishes even when its HTTP caller hangs up. */
    @Test
    void transactionsOpenOnlyThroughEdgeWrites() {
        TransactionsRule.ONLY_THROUGH_WRITES.check(MAIN);
    }
}
