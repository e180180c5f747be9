package io.zmx.edge;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;

/**
 * Every transaction of a service goes through {@link Writes#transaction} (or {@link ReactiveIdempotency#run}, which
 * uses the same guard), so a write is finished even if its HTTP caller hangs up. A service's architecture test checks
 * {@link #ONLY_THROUGH_WRITES} against its own classes: {@code @WithTransaction} (or the older
 * {@code @ReactiveTransactional}) and every direct way of opening a reactive transaction are refused. Background jobs
 * use {@code Writes.transaction} too (nothing cancels them, and then no exception list can go stale).
 */
public final class TransactionsRule {

    private TransactionsRule() {}

    /** Owner and name of the calls that open a reactive transaction without the guard. */
    private static final Set<String> OPENERS = Set.of(
            "io.quarkus.hibernate.reactive.panache.Panache.withTransaction",
            "io.quarkus.hibernate.reactive.panache.common.runtime.SessionOperations.withTransaction",
            "org.hibernate.reactive.mutiny.Mutiny$SessionFactory.withTransaction",
            "org.hibernate.reactive.mutiny.Mutiny$SessionFactory.withStatelessTransaction",
            "org.hibernate.reactive.mutiny.Mutiny$Session.withTransaction",
            "org.hibernate.reactive.mutiny.Mutiny$StatelessSession.withTransaction",
            "io.vertx.mutiny.sqlclient.Pool.withTransaction",
            "io.vertx.mutiny.sqlclient.SqlConnection.begin",
            "io.vertx.sqlclient.Pool.withTransaction",
            "io.vertx.sqlclient.SqlConnection.begin");

    private static final DescribedPredicate<JavaMethodCall> OPENS_A_TRANSACTION = DescribedPredicate.describe(
            "opens a reactive transaction (use io.zmx.edge.Writes.transaction)",
            call -> OPENERS.contains(call.getTargetOwner().getName() + "." + call.getName()));

    public static final ArchRule ONLY_THROUGH_WRITES = noClasses()
            .should().dependOnClassesThat().haveFullyQualifiedName("io.quarkus.hibernate.reactive.panache.common.WithTransaction")
            .orShould().dependOnClassesThat().haveFullyQualifiedName(
                    "io.quarkus.hibernate.reactive.panache.common.runtime.ReactiveTransactional")
            .orShould().callMethodWhere(OPENS_A_TRANSACTION)
            .because("a transaction must finish (commit or roll back on its own terms) when its HTTP caller hangs up:"
                    + " io.zmx.edge.Writes.transaction keeps the caller's cancellation from closing the session under it");
}
