package io.zmx.export.service;

import io.zmx.edge.Problem;
import io.zmx.edge.ProblemException;
import io.zmx.export.domain.Filing;
import io.zmx.export.domain.FilingStatus;
import io.zmx.export.domain.Transition;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The one place a filing changes status: checks the transition table, records the audit event and the feed's event. */
@ApplicationScoped
public class FilingLifecycle {

    /** The transitions that conclude a screening (first verdict or a re-screen): the filing's row gets alert checks. */
    static final Set<Transition> VERDICTS = EnumSet.of(Transition.CLEAR, Transition.HOLD, Transition.REJECT_ON_SCREENING,
            Transition.RESCREEN_CLEAR, Transition.RESCREEN_HOLD, Transition.RESCREEN_REJECT);

    private final AuditTrail audit;
    private final EventLog events;
    private final AlertService alerts;

    public FilingLifecycle(AuditTrail audit, EventLog events, AlertService alerts) {
        this.audit = audit;
        this.events = events;
        this.alerts = alerts;
    }

    public Uni<Void> created(Filing f, Caller caller) {
        f.status = FilingStatus.DRAFT;
        String role = caller.actingRole("exporter", "admin");
        return audit.append(f, null, FilingStatus.DRAFT, caller.subject(), role, "created")
                .chain(() -> events.transition(f, null, FilingStatus.DRAFT, "create", role, null));
    }

    /** An audit event that changes no status (e.g. the deregistration deadline passed after shipping). */
    public Uni<Void> note(Filing f, Caller caller, String role, String reason) {
        f.updatedAt = Instant.now();
        return audit.append(f, f.status, f.status, caller.subject(), role, reason);
    }

    /** Refuses (a failed Uni) an illegal step or a missing reason; otherwise changes the status and appends the event. */
    public Uni<Void> apply(Filing f, Transition t, Caller caller, String role, String reason) {
        if (!t.allowedFrom(f.status)) {
            return Uni.createFrom().failure(new ProblemException(409, "illegal-transition", "Transition not allowed",
                    "Cannot " + t.action() + " filing " + f.number + " in status " + f.status + "; "
                            + t.action() + " is allowed only from " + t.from()));
        }
        String why = reason == null || reason.isBlank() ? null : reason.trim();
        if (t.reasonRequired() && why == null) {
            return Uni.createFrom().failure(new ProblemException(400, "reason-required", "A reason is required",
                    t.action() + " needs a reason", List.of(new Problem.Violation("reason", "must not be blank"))));
        }
        FilingStatus from = f.status;
        f.status = t.to();
        if (why != null) {
            f.statusReason = why;
        }
        f.updatedAt = Instant.now();
        Uni<Void> recorded = audit.append(f, from, t.to(), caller.subject(), role, why)
                .chain(() -> events.transition(f, from, t.to(), t.action(), role, why));
        // same VIN filed to two destinations, after-sales confirmation naming another one: raised with the verdict
        return VERDICTS.contains(t) ? recorded.chain(() -> alerts.afterScreening(f)) : recorded;
    }
}
