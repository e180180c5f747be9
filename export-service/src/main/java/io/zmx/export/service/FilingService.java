package io.zmx.export.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zmx.edge.Problem;
import io.zmx.edge.ProblemException;
import io.zmx.edge.Writes;
import io.zmx.export.ExportConfig;
import io.zmx.export.client.ComplianceDtos;
import io.zmx.export.domain.Lane;
import io.zmx.export.domain.CreditCode;
import io.zmx.export.domain.Filing;
import io.zmx.export.domain.FilingEvent;
import io.zmx.export.domain.FilingStatus;
import io.zmx.export.domain.Transition;
import io.zmx.export.domain.Vin;
import io.zmx.export.persistence.FilingNumbers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Filing use cases. Every read and write goes through {@link #scope(Caller)}: an exporter reaches only
 * its own filings, an agency only screened filings bound for its country, customs every filed one;
 * anything else looks exactly like a filing that does not exist (404, never 403).
 */
@ApplicationScoped
public class FilingService {

    private static final Pattern NUMBER = Pattern.compile("ZMX-\\d{4}-\\d{6,}");

    /** Rules whose hold customs may release only once the named document is on the filing. */
    static final Map<String, String> DOCUMENT_REQUIRED = Map.of("CN-180-DAY", "afterSalesConfirmation");

    private final FilingLifecycle lifecycle;
    private final Verdicts verdicts;
    private final FilingNumbers numbers;
    private final QuotaService quotas;
    private final ScreeningService screening;
    private final Admission admission;
    private final ExportCalendar calendar;
    private final ObjectMapper json;
    private final int horizonDays;
    private final Period deregistrationDeadline;

    public FilingService(FilingLifecycle lifecycle, Verdicts verdicts, FilingNumbers numbers, QuotaService quotas, ScreeningService screening,
                         Admission admission, ExportCalendar calendar, ObjectMapper json, ExportConfig config) {
        this.lifecycle = lifecycle;
        this.verdicts = verdicts;
        this.numbers = numbers;
        this.quotas = quotas;
        this.screening = screening;
        this.admission = admission;
        this.calendar = calendar;
        this.json = json;
        this.horizonDays = config.export().plannedDateHorizon();
        this.deregistrationDeadline = config.export().deregistrationDeadline();
    }

    public Uni<Filing> create(FilingRequest req, Caller caller, boolean submit) {
        return Writes.transaction(() -> {
            req.validate(calendar.today(), horizonDays);
            requireOwnExporter(req, caller);
            // a submit is admitted (or refused: issue 12's bounded backlog) before anything is written, the number included
            Uni<Void> admitted = submit ? admission.admit(CreditCode.of(req.exporterCreditCode()).value())
                    : Uni.createFrom().voidItem();
            return admitted.chain(() -> numbers.next()).chain(number -> {
                Filing f = new Filing();
                f.id = UUID.randomUUID();
                f.number = number;
                f.createdBy = caller.subject();
                f.createdAt = Instant.now();
                copy(req, f);
                f.status = FilingStatus.DRAFT;
                return f.persistAndFlush() // the row exists before its first audit event references it
                        .chain(() -> lifecycle.created(f, caller))
                        .chain(() -> submit ? submitNow(f, caller, false) : Uni.createFrom().voidItem())
                        .chain(Panache::flush)
                        .replaceWith(f);
            });
        });
    }

    public Uni<Filing> update(String ref, FilingRequest req, long expectedVersion, Caller caller) {
        return Writes.transaction(() -> {
            req.validate(calendar.today(), horizonDays);
            return findForUpdate(ref, caller).chain(f -> {
                checkVersion(f, expectedVersion);
                if (f.status != FilingStatus.DRAFT) {
                    throw ProblemException.conflict("not-editable", "Filing is not editable",
                            "Filing " + f.number + " is " + f.status + "; only drafts can be edited");
                }
                requireOwnExporter(req, caller);
                copy(req, f);
                f.updatedAt = Instant.now();
                return Panache.flush().replaceWith(f);
            });
        });
    }

    /**
     * Applies a user's step (submit, withdraw, release, reject, ship, arrive, accept, refuse) under a row lock.
     * Releasing a held filing takes a quota slot in the same transaction, or is refused.
     */
    public Uni<Filing> act(String ref, Transition t, String reason, Long expectedVersion, Caller caller, String role) {
        return Writes.transaction(() -> findForUpdate(ref, caller).chain(f -> {
            if (expectedVersion != null) {
                checkVersion(f, expectedVersion);
            }
            Uni<Void> step;
            if (t == Transition.SUBMIT) {
                step = submitNow(f, caller, true);
            } else if (t == Transition.RELEASE && t.allowedFrom(f.status)) {
                requireDocuments(f);
                step = quotas.take(f).chain(exhausted -> {
                    if (exhausted.isPresent()) {
                        throw ProblemException.conflict("quota-exhausted", "Quota exhausted", exhausted.get());
                    }
                    return lifecycle.apply(f, t, caller, role, reason);
                });
            } else {
                step = lifecycle.apply(f, t, caller, role, reason);
            }
            return step.chain(Panache::flush).replaceWith(f);
        }));
    }

    /** {@code admit}: ask {@link Admission} first (a draft's /submit); create has asked before writing the draft. */
    private Uni<Void> submitNow(Filing f, Caller caller, boolean admit) {
        LocalDate today = calendar.today();
        Uni<Void> admitted = Uni.createFrom().voidItem();
        if (Transition.SUBMIT.allowedFrom(f.status)) {
            // a draft may have been written days ago: its planned export date must still be in bounds
            Problem.Violation stale = FilingRequest.plannedExportDateViolation(f.plannedExportDate, today, horizonDays);
            if (stale != null) {
                return Uni.createFrom().failure(ProblemException.invalid("validation", "Filing is not valid",
                        "The planned export date is out of bounds; edit the draft", List.of(stale)));
            }
            if (admit) {
                admitted = admission.admit(f.exporterCreditCode);
            }
        }
        return admitted.chain(() -> {
            if (Transition.SUBMIT.allowedFrom(f.status)) {
                f.applicationDate = today; // the export-licence application date the 180 days count to
            }
            return lifecycle.apply(f, Transition.SUBMIT, caller, caller.actingRole("exporter", "admin"), null);
        }).invoke(() -> {
            f.submittedAt = Instant.now();
            f.nextScreenAt = f.submittedAt; // the screener picks it up on its next drain
            f.screenAttempts = 0;
        });
    }

    /** A step's result: the filing, and the refusal to answer with when the step committed a different outcome. */
    public record Outcome(Filing filing, ProblemException refused) {}

    /**
     * Origin customs ship a cleared filing on {@code exportDate} (default today). When that is not the date the
     * verdict was screened against, the filing is re-screened for the actual date first: a BLOCK sends it to
     * REJECTED, a HOLD that was not already reviewed sends it back to HELD, and the ship is refused. No rule can
     * be escaped by declaring one date and exporting on another. The remote calls run under the row lock: this
     * is an interactive customs step on one filing.
     */
    public Uni<Outcome> ship(String ref, LocalDate exportDate, Long expectedVersion, Caller caller, String role) {
        return Writes.transaction(() -> findForUpdate(ref, caller).chain(f -> {
            if (expectedVersion != null) checkVersion(f, expectedVersion);
            if (!Transition.SHIP.allowedFrom(f.status)) {
                return lifecycle.apply(f, Transition.SHIP, caller, role, null).replaceWith(new Outcome(f, null)); // refuses
            }
            LocalDate today = calendar.today();
            LocalDate date = exportDate == null ? today : exportDate;
            if (date.isAfter(today)) {
                throw ProblemException.invalid("validation", "Request is not valid", "The export date is in the future",
                        List.of(new Problem.Violation("exportDate", "must not be after today (" + today + ", Asia/Shanghai)")));
            }
            if (f.applicationDate != null && date.isBefore(f.applicationDate)) {
                throw ProblemException.invalid("validation", "Request is not valid", "The export date is before the application",
                        List.of(new Problem.Violation("exportDate", "must not be before the application date " + f.applicationDate)));
            }
            LocalDate screenedFor = f.screenedAsOf != null ? f.screenedAsOf : f.plannedExportDate;
            if (date.equals(screenedFor)) {
                return shipped(f, date, caller, role, null);
            }
            Set<String> reviewed = verdicts.storedReasons(f);
            return rescreen(f, date).chain(v -> {
                Set<String> fresh = new TreeSet<>(v.reasons());
                fresh.removeAll(reviewed);
                verdicts.store(f, v);
                String why = "re-screened for the actual export date " + date + " (screened for " + screenedFor + "): lane "
                        + v.lane();
                if (v.lane() == Lane.RED || (v.lane() == Lane.YELLOW && !fresh.isEmpty())) {
                    Transition back = v.lane() == Lane.RED ? Transition.RESCREEN_REJECT : Transition.RESCREEN_HOLD;
                    String summary = v.summary(v.lane() == Lane.RED ? "BLOCK" : "HOLD");
                    return lifecycle.apply(f, back, caller, role, why + "; " + summary).chain(Panache::flush)
                            .map(x -> new Outcome(f, ProblemException.conflict("not-cleared-for-export-date",
                                    "Not cleared for the actual export date", "Filing " + f.number + " was screened for "
                                            + screenedFor + "; for " + date + " it is lane " + v.lane() + " ("
                                            + String.join(", ", fresh.isEmpty() ? v.reasons() : fresh) + ") and is now "
                                            + f.status)));
                }
                return shipped(f, date, caller, role, why);
            });
        }));
    }

    private Uni<Outcome> shipped(Filing f, LocalDate date, Caller caller, String role, String reason) {
        f.exportDate = date;
        f.deregistrationDue = date.plus(deregistrationDeadline);
        return lifecycle.apply(f, Transition.SHIP, caller, role, reason).chain(Panache::flush).replaceWith(new Outcome(f, null));
    }

    /**
     * Attaches documents (after-sales confirmation, certificates, licence application) to a HELD filing and
     * re-screens it at once against the date of its verdict: GREEN clears (quota permitting), YELLOW stays held,
     * RED rejects; the new verdict and the attached documents are in the audit trail.
     */
    public Uni<Filing> attach(String ref, DocumentsRequest docs, Long expectedVersion, Caller caller, String role) {
        return Writes.transaction(() -> {
            docs.validate();
            return findForUpdate(ref, caller).chain(f -> {
                if (expectedVersion != null) checkVersion(f, expectedVersion);
                if (f.status != FilingStatus.HELD) {
                    throw ProblemException.conflict("not-held", "Documents go to held filings",
                            "Filing " + f.number + " is " + f.status + "; documents are attached to HELD filings (edit a draft with PUT)");
                }
                List<String> attached = new ArrayList<>();
                if (docs.afterSalesConfirmation() != null) {
                    f.afterSalesConfirmation = docs.afterSalesConfirmation();
                    attached.add("after-sales confirmation " + docs.afterSalesConfirmation().reference());
                }
                if (docs.licenceApplication() != null) {
                    f.licenceApplication = docs.licenceApplication();
                    attached.add("licence application");
                }
                if (docs.conformityCertificate() != null) {
                    f.conformityCertificate = docs.conformityCertificate();
                    attached.add("conformity certificate " + docs.conformityCertificate().number());
                }
                if (docs.sasoCertificate() != null) {
                    f.sasoCertificate = docs.sasoCertificate();
                    attached.add("SASO certificate " + docs.sasoCertificate().number());
                }
                if (docs.exportLicence() != null && !docs.exportLicence().isBlank()) {
                    f.exportLicence = docs.exportLicence().trim();
                    attached.add("export licence " + f.exportLicence);
                }
                LocalDate asOf = f.screenedAsOf != null ? f.screenedAsOf : f.plannedExportDate;
                return rescreen(f, asOf).chain(v -> {
                    verdicts.store(f, v);
                    String why = "attached " + String.join(", ", attached) + "; re-screened: lane " + v.lane();
                    return switch (v.lane()) {
                        case GREEN -> quotas.take(f).chain(exhausted -> exhausted.isPresent()
                                ? lifecycle.apply(f, Transition.RESCREEN_HOLD, caller, role, why + "; " + exhausted.get())
                                : lifecycle.apply(f, Transition.RESCREEN_CLEAR, caller, role, why));
                        case YELLOW -> lifecycle.apply(f, Transition.RESCREEN_HOLD, caller, role, why + "; " + v.summary("HOLD"));
                        case RED -> lifecycle.apply(f, Transition.RESCREEN_REJECT, caller, role, why + "; " + v.summary("BLOCK"));
                    };
                }).chain(Panache::flush).replaceWith(f);
            });
        });
    }

    /**
     * A synchronous re-screen; when registry or compliance cannot answer, the step is refused as a whole (503, the
     * transaction rolls back: no document stored, nothing shipped) instead of leaking the dependency's own status.
     */
    private Uni<Verdict> rescreen(Filing f, LocalDate asOf) {
        return screening.prepare(f, asOf).onFailure(e -> !(e instanceof ProblemException)).transform(e ->
                new ProblemException(503, "screening-unavailable", "Screening is unavailable",
                        "Filing " + f.number + " could not be re-screened for " + asOf + " (" + e.getClass().getSimpleName()
                                + "); nothing was changed, retry later"));
    }

    /** A hold for a rule that asks for a document is released only once that document is on the filing. */
    private void requireDocuments(Filing f) {
        ComplianceDtos.Evaluation e = verdicts.storedEvaluation(f);
        if (e == null || e.hits() == null) return;
        for (ComplianceDtos.RuleHit h : e.hits()) {
            String document = DOCUMENT_REQUIRED.get(h.ruleCode());
            if (document != null && "afterSalesConfirmation".equals(document) && f.afterSalesConfirmation == null) {
                throw ProblemException.conflict("document-required", "A document is required",
                        "Filing " + f.number + " is held by " + h.ruleCode() + "; attach the after-sales confirmation "
                                + "(POST /api/v1/filings/" + f.id + "/documents) before releasing it");
            }
        }
    }

    @WithSession
    public Uni<Filing> get(String ref, Caller caller) {
        return Uni.createFrom().deferred(() -> query(ref, caller).<Filing>firstResult())
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Filing", ref));
    }

    /** The filing and its audit trail, oldest first, read in one session. */
    public record WithEvents(Filing filing, List<FilingEvent> events) {}

    @WithSession
    public Uni<WithEvents> withEvents(String ref, Caller caller) {
        return get(ref, caller).chain(f -> FilingEvent.<FilingEvent>list("filingId", Sort.by("seq"), f.id)
                .map(events -> new WithEvents(f, events)));
    }

    public record Listing(List<Filing> items, long total) {}

    /** Two statements whatever the page holds: the page and the count. */
    @WithSession
    public Uni<Listing> list(Caller caller, FilingStatus status, String destination, String vin, Boolean deregistrationOverdue,
                             int page, int size) {
        Scope s = scope(caller);
        StringBuilder q = new StringBuilder(s.where);
        Parameters p = s.params;
        if (status != null) {
            q.append(" and status = :status");
            p = p.and("status", status);
        }
        if (destination != null) {
            q.append(" and destination = :dest");
            p = p.and("dest", destination.toUpperCase());
        }
        if (vin != null) {
            q.append(" and vin = :vin");
            p = p.and("vin", vin.toUpperCase());
        }
        if (deregistrationOverdue != null) {
            q.append(" and deregistrationOverdue = :overdue");
            p = p.and("overdue", deregistrationOverdue);
        }
        PanacheQuery<Filing> query = Filing.<Filing>find(q.toString(), Sort.by("createdAt").descending().and("id"), p)
                .page(Page.of(page, size));
        return query.list().chain(items -> query.count().map(total -> new Listing(items, total)));
    }

    private Uni<Filing> findForUpdate(String ref, Caller caller) {
        return Uni.createFrom().deferred(() -> query(ref, caller).withLock(LockModeType.PESSIMISTIC_WRITE).<Filing>firstResult())
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Filing", ref));
    }

    private PanacheQuery<Filing> query(String ref, Caller caller) {
        Scope s = scope(caller);
        if (NUMBER.matcher(ref).matches()) {
            return Filing.find(s.where + " and number = :ref", s.params.and("ref", ref));
        }
        UUID id;
        try {
            id = UUID.fromString(ref);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Filing", ref);
        }
        return Filing.find(s.where + " and id = :ref", s.params.and("ref", id));
    }

    private record Scope(String where, Parameters params) {}

    /** The filings a caller may see, as a query condition. Roles add up; no role, no filings. */
    static Scope scope(Caller c) {
        if (c.is("admin")) {
            return new Scope("1 = 1", new Parameters());
        }
        List<String> any = new ArrayList<>();
        Parameters p = new Parameters();
        if (c.is("customs")) {
            any.add("status <> :draft");
            p = p.and("draft", FilingStatus.DRAFT);
        }
        if (c.is("exporter") && c.creditCode() != null) {
            any.add("exporterCreditCode = :cc");
            p = p.and("cc", c.creditCode());
        }
        if (c.is("agency") && c.country() != null) {
            any.add("(destination = :country and screenedAt is not null)");
            p = p.and("country", c.country());
        }
        if (any.isEmpty()) {
            return new Scope("1 = 0", p);
        }
        return new Scope("(" + String.join(" or ", any) + ")", p);
    }

    private static void requireOwnExporter(FilingRequest req, Caller caller) {
        if (caller.is("admin")) return;
        String own = caller.creditCode();
        if (own == null || !own.equalsIgnoreCase(req.exporterCreditCode().trim())) {
            throw new ProblemException(403, "not-your-exporter", "Not your exporter",
                    "Exporters file only under the credit code in their token (zmx_credit_code)");
        }
    }

    private static void checkVersion(Filing f, long expected) {
        if (f.version != expected) {
            throw new ProblemException(412, "stale-version", "Resource was changed by someone else",
                    "Filing " + f.number + " is at version " + f.version + ", not " + expected
                            + "; re-read it and retry with its current ETag");
        }
    }


    private void copy(FilingRequest r, Filing f) {
        f.exporterCreditCode = CreditCode.of(r.exporterCreditCode()).value();
        f.vin = Vin.of(r.vin()).value();
        f.destination = r.destination();
        f.consignee = r.consignee().trim();
        f.consigneeType = r.consigneeType().name();
        f.consigneeRegistrationNumber = blankToNull(r.consigneeRegistrationNumber());
        f.declaredStatus = r.declaredStatus().name();
        f.declaredOdometerKm = r.declaredOdometerKm();
        f.declaredValue = r.declaredValue().amount();
        f.declaredCurrency = r.declaredValue().currency();
        f.hsCode = blankToNull(r.hsCode());
        f.portOfExit = r.portOfExit().trim();
        f.plannedExportDate = r.plannedExportDate();
        f.afterSalesConfirmation = r.afterSalesConfirmation();
        f.exportLicence = blankToNull(r.exportLicence());
        f.licenceApplication = r.licenceApplication();
        f.conformityCertificate = r.conformityCertificate();
        f.sasoCertificate = r.sasoCertificate();
        f.declaredMake = r.declaredVehicle() == null ? null : blankToNull(r.declaredVehicle().make());
        f.declaredModel = r.declaredVehicle() == null ? null : blankToNull(r.declaredVehicle().model());
        f.declaredModelYear = r.declaredVehicle() == null ? null : r.declaredVehicle().modelYear();
        if (f.updatedAt == null) f.updatedAt = f.createdAt;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

}
