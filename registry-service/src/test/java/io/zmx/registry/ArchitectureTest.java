package io.zmx.registry;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.zmx.edge.TransactionsRule;
import org.junit.jupiter.api.Test;

/**
 * The one shape every zmx service has: {@code api} (resources, views, problem answers) calls {@code service} (use
 * cases, transactions), which uses {@code domain} (entities, values, rules) and {@code persistence} (SQL, the job
 * rows, COPY). Nothing calls back up, the domain knows no HTTP, and no packages form a cycle.
 */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.zmx.registry");

    @Test
    void layersOnlyCallDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("api").definedBy("io.zmx.registry.api..")
                .layer("service").definedBy("io.zmx.registry.service..")
                .layer("persistence").definedBy("io.zmx.registry.persistence..")
                .layer("domain").definedBy("io.zmx.registry.domain..")
                .whereLayer("api").mayNotBeAccessedByAnyLayer()
                .whereLayer("service").mayOnlyBeAccessedByLayers("api")
                .whereLayer("persistence").mayOnlyBeAccessedByLayers("service")
                .whereLayer("domain").mayOnlyBeAccessedByLayers("api", "service", "persistence")
                .check(CLASSES);
    }

    @Test
    void theDomainKnowsNoHttp() {
        noClasses().that().resideInAPackage("io.zmx.registry.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "io.quarkus.rest..",
                        "org.jboss.resteasy..", "io.zmx.edge..", "io.vertx.ext.web..")
                .check(CLASSES);
    }

    @Test
    void onlyTheApiBuildsResponses() {
        noClasses().that().resideOutsideOfPackage("io.zmx.registry.api..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs.core..")
                .check(CLASSES);
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.zmx.registry.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    /** Every transaction goes through edge's Writes, so a write finishes even when its HTTP caller hangs up. */
    @Test
    void transactionsOpenOnlyThroughEdgeWrites() {
        TransactionsRule.ONLY_THROUGH_WRITES.check(CLASSES);
    }
}
