package io.zmx.export;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.zmx.edge.TransactionsRule;
import org.junit.jupiter.api.Test;

/**
 * The one shape every zmx service has (issue 12): {@code api} (resources, views) calls {@code service} (use cases,
 * transactions), which uses {@code domain} (entities, values, rules), {@code persistence} (SQL) and {@code client}
 * (calls to other services). The domain knows nothing of HTTP; no package cycles.
 */
class LayersTest {

    static final JavaClasses CLASSES = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.zmx.export");

    @Test
    void dependenciesPointInward() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("api").definedBy("io.zmx.export.api..")
                .layer("service").definedBy("io.zmx.export.service..")
                .layer("domain").definedBy("io.zmx.export.domain..")
                .layer("persistence").definedBy("io.zmx.export.persistence..")
                .layer("client").definedBy("io.zmx.export.client..")
                .whereLayer("api").mayNotBeAccessedByAnyLayer()
                .whereLayer("service").mayOnlyBeAccessedByLayers("api")
                .whereLayer("persistence").mayOnlyBeAccessedByLayers("service")
                // the view shows the stored compliance evaluation in compliance's own shape (ComplianceDtos)
                .whereLayer("client").mayOnlyBeAccessedByLayers("service", "api")
                .whereLayer("domain").mayOnlyBeAccessedByLayers("api", "service", "persistence", "client")
                .check(CLASSES);
    }

    @Test
    void theDomainKnowsNothingOfHttp() {
        noClasses().that().resideInAPackage("io.zmx.export.domain..")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..", "io.quarkus.rest..", "org.jboss.resteasy..",
                        "io.vertx.ext.web..")
                .check(CLASSES);
    }

    @Test
    void onlyTheApiBuildsHttpResponses() {
        noClasses().that().resideInAnyPackage("io.zmx.export.service..", "io.zmx.export.domain..", "io.zmx.export.persistence..")
                .should().dependOnClassesThat().haveFullyQualifiedName("jakarta.ws.rs.core.Response")
                .check(CLASSES);
    }

    @Test
    void noPackageCycles() {
        slices().matching("io.zmx.export.(*)..").should().beFreeOfCycles().check(CLASSES);
    }

    /** Every transaction goes through edge's Writes, so a write finishes even when its HTTP caller hangs up. */
    @Test
    void transactionsOpenOnlyThroughEdgeWrites() {
        TransactionsRule.ONLY_THROUGH_WRITES.check(CLASSES);
    }
}
