package io.zmx.export.domain;

import static io.zmx.export.domain.FilingStatus.*;

import java.util.EnumSet;
import java.util.Set;

/**
 * The filing lifecycle, in one table: each action, the statuses it may start from, the status it
 * leads to, and whether the actor must give a reason. Anything else is an illegal transition.
 * <pre>
 * DRAFT -submit-> SUBMITTED -screen-> SCREENED -clear/hold/reject-> CLEARED | HELD | REJECTED
 * HELD -release-> CLEARED, HELD -reject-> REJECTED (customs, with reason)
 * CLEARED -ship-> SHIPPED (customs) -arrive-> ARRIVED -accept/refuse-> ACCEPTED | REFUSED (agency)
 * DRAFT | SUBMITTED | HELD -withdraw-> WITHDRAWN (exporter)
 * re-screening (documents attached to a HELD filing, or shipping on another day than screened):
 * HELD -rescreen-clear-> CLEARED, HELD | CLEARED -rescreen-hold-> HELD, HELD | CLEARED -rescreen-reject-> REJECTED
 * </pre>
 */
public enum Transition {
    SUBMIT(EnumSet.of(DRAFT), SUBMITTED, false),
    WITHDRAW(EnumSet.of(DRAFT, SUBMITTED, HELD), WITHDRAWN, false),
    SCREEN(EnumSet.of(SUBMITTED), SCREENED, false),
    CLEAR(EnumSet.of(SCREENED), CLEARED, false),
    HOLD(EnumSet.of(SCREENED), HELD, true),
    REJECT_ON_SCREENING(EnumSet.of(SCREENED), REJECTED, true),
    RELEASE(EnumSet.of(HELD), CLEARED, true),
    REJECT(EnumSet.of(HELD), REJECTED, true),
    SHIP(EnumSet.of(CLEARED), SHIPPED, false),
    ARRIVE(EnumSet.of(SHIPPED), ARRIVED, false),
    ACCEPT(EnumSet.of(ARRIVED), ACCEPTED, false),
    REFUSE(EnumSet.of(ARRIVED), REFUSED, true),
    RESCREEN_CLEAR(EnumSet.of(HELD), CLEARED, false),
    RESCREEN_HOLD(EnumSet.of(HELD, CLEARED), HELD, true),
    RESCREEN_REJECT(EnumSet.of(HELD, CLEARED), REJECTED, true);

    private final Set<FilingStatus> from;
    private final FilingStatus to;
    private final boolean reasonRequired;

    Transition(Set<FilingStatus> from, FilingStatus to, boolean reasonRequired) {
        this.from = from;
        this.to = to;
        this.reasonRequired = reasonRequired;
    }

    public boolean allowedFrom(FilingStatus status) {
        return from.contains(status);
    }

    public Set<FilingStatus> from() {
        return from;
    }

    public FilingStatus to() {
        return to;
    }

    public boolean reasonRequired() {
        return reasonRequired;
    }

    public String action() {
        return name().toLowerCase().replace('_', '-');
    }
}
