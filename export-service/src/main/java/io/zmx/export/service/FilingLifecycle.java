package io.zmx.export.service;

import io.zmx.edge.Problem;
import io.zmx.edge.ProblemException;
import io.zmx.export.domain.Event;
import io.zmx.export.domain.Filing;
import io.zmx.export.domain.FilingEvent;
import io.zmx.export.domain.FilingStatus;
import io.zmx.export.domain.Transition;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
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
        ProblemException refused = refusal(f, t, reason);
        if (refused != null) {
            return Uni.createFrom().failure(refused);
        }
        String why = reason(reason);
        FilingStatus from = move(f, t, why);
        Uni<Void> recorded = audit.append(f, from, t.to(), caller.subject(), role, why)
                .chain(() -> events.transition(f, from, t.to(), t.action(), role, why));
        // same VIN filed to two destinations, after-sales confirmation naming another one: raised with the verdict
        return VERDICTS.contains(t) ? recorded.chain(() -> alerts.afterScreening(f)) : recorded;
    }

    /** A transition and its reason, as {@link #advance} takes them. */
    public record Step(Transition transition, String reason) {}

    /** What {@link #advance} would have written: the audit events and feed events, in order. */
    public record Rows(List<FilingEvent> audit, List<Event> events) {}

    /**
     * Several transitions at once (a screening's SCREEN and its verdict), checked and applied to the filing as
     * {@link #apply} would one after another, but with their audit and feed events returned to the caller instead of
     * inserted one statement each: the caller writes them together in the same transaction, then calls
     * {@link #verdictRecorded} when a verdict was among them. Fails, changing nothing, if any step is refused.
     */
    public Uni<Rows> advance(Filing f, Caller caller, String role, List<Step> steps) {
        FilingStatus status = f.status;
        for (Step s : steps) { // check the whole chain first, so a refusal leaves the filing as it was
            ProblemException refused = refusal(status, f, s.transition(), s.reason());
            if (refused != null) {
                return Uni.createFrom().failure(refused);
            }
            status = s.transition().to();
        }
        List<FilingEvent> audited = new ArrayList<>(steps.size());
        List<Event> fed = new ArrayList<>(steps.size());
        for (Step s : steps) {
            Transition t = s.transition();
            String why = reason(s.reason());
            FilingStatus from = move(f, t, why);
            audited.add(audit.next(f, from, t.to(), caller.subject(), role, why));
            fed.add(events.event(f, from, t.to(), t.action(), role, why));
        }
        return Uni.createFrom().item(new Rows(List.copyOf(audited), List.copyOf(fed)));
    }

    /** After the rows of a verdict's transitions are written: the alert checks {@link #apply} makes with a verdict. */
    public Uni<Void> verdictRecorded(Filing f, List<Step> steps) {
        return steps.stream().anyMatch(s -> VERDICTS.contains(s.transition())) ? alerts.afterScreening(f)
                : Uni.createFrom().voidItem();
    }

    private static ProblemException refusal(Filing f, Transition t, String reason) {
        return refusal(f.status, f, t, reason);
    }

    private static ProblemException refusal(FilingStatus status, Filing f, Transition t, String reason) {
        if (!t.allowedFrom(status)) {
            return new ProblemException(409, "illegal-transition", "Transition not allowed",
                    "Cannot " + t.action() + " filing " + f.number + " in status " + status + "; "
                            + t.action() + " is allowed only from " + t.from());
        }
        if (t.reasonRequired() && reason(reason) == null) {
            return new ProblemException(400, "reason-required", "A reason is required",
                    t.action() + " needs a reason", List.of(new Problem.Violation("reason", "must not be blank")));
        }
        return null;
    }

    private static String reason(String reason) {
        return reason == null || reason.isBlank() ? null : reason.trim();
    }

    /** Moves the filing to the transition's status; returns the status it came from. */
    private static FilingStatus move(Filing f, Transition t, String why) {
        FilingStatus from = f.status;
        f.status = t.to();
        if (why != null) {
            f.statusReason = why;
        }
        f.updatedAt = Instant.now();
        return from;
    }
}
