package io.zmx.edge;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

/** The rule the services' architecture tests check: what it refuses and what it lets through. */
class TransactionsRuleTest {

    static class Annotated {
        @WithTransaction
        Uni<Integer> write() {
            return Uni.createFrom().item(1);
        }
    }

    static class CallsPanache {
        Uni<Integer> write() {
            return Panache.withTransaction(() -> Uni.createFrom().item(1));
        }
    }

    static class ThroughWrites {
        Uni<Integer> write() {
            return Writes.transaction(() -> Uni.createFrom().item(1));
        }

        @io.quarkus.hibernate.reactive.panache.common.WithSession
        Uni<Integer> read() {
            return Uni.createFrom().item(1);
        }
    }

    @Test
    void refusesWithTransactionAndADirectPanacheTransaction() {
        assertTrue(violated(Annotated.class));
        assertTrue(violated(CallsPanache.class));
    }

    @Test
    void letsWritesTransactionAndSessionsForReadsThrough() {
        assertFalse(violated(ThroughWrites.class));
    }

    private static boolean violated(Class<?> c) {
        return TransactionsRule.ONLY_THROUGH_WRITES.evaluate(new ClassFileImporter().importClasses(c)).hasViolation();
    }
}
