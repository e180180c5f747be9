package io.zmx.compliance;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The one shape every zmx service has: {@code api} (resources, request/response DTOs, views) -> {@code service} (use
 * cases, transactions) -> {@code domain} (entities, values, and here the rule {@code engine}) and {@code persistence}
 * (queries). Only the api builds HTTP answers; the domain and the engine know nothing of REST; no package cycles.
 */
@AnalyzeClasses(packages = "io.zmx.compliance", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule layers = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("api").definedBy("io.zmx.compliance.api..")
            .layer("service").definedBy("io.zmx.compliance.service..")
            .layer("persistence").definedBy("io.zmx.compliance.persistence..")
            .layer("domain").definedBy("io.zmx.compliance.domain..", "io.zmx.compliance.engine..")
            .whereLayer("api").mayNotBeAccessedByAnyLayer()
            .whereLayer("service").mayOnlyBeAccessedByLayers("api")
            .whereLayer("persistence").mayOnlyBeAccessedByLayers("service")
            .whereLayer("domain").mayOnlyBeAccessedByLayers("api", "service", "persistence");

    @ArchTest
    static final ArchRule noCycles = slices().matching("io.zmx.compliance.(*)..").should().beFreeOfCycles();

    /** The engine is plain Java: no REST, no CDI, no persistence (the service, the tests and the JMH benchmark share it). */
    @ArchTest
    static final ArchRule plainEngine = noClasses().that().resideInAPackage("io.zmx.compliance.engine..")
            .should().dependOnClassesThat().resideInAnyPackage("io.zmx.compliance.api..", "io.zmx.compliance.domain..",
                    "io.zmx.compliance.service..", "io.zmx.compliance.persistence..", "jakarta.ws.rs..", "io.quarkus..",
                    "org.jboss.resteasy..", "jakarta.persistence..", "jakarta.enterprise..");

    /** Only the api speaks HTTP: services throw ProblemException or domain exceptions and never build a Response. */
    @ArchTest
    static final ArchRule onlyApiSpeaksHttp = noClasses().that().resideInAnyPackage("io.zmx.compliance.service..",
                    "io.zmx.compliance.domain..", "io.zmx.compliance.engine..", "io.zmx.compliance.persistence..")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "io.quarkus.rest..", "org.jboss.resteasy..");
}
