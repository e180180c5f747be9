package io.zmx.export.service;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.zmx.export.api.FilingRequest;
import io.zmx.edge.ProblemException;
import io.zmx.export.domain.CreditCode;
import io.zmx.export.domain.Filing;
import io.zmx.export.domain.FilingEvent;
import io.zmx.export.domain.FilingStatus;
import io.zmx.export.domain.Transition;
import io.zmx.export.domain.Vin;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
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

    private final EntityManager em;
    private final FilingLifecycle lifecycle;
    private final QuotaService quotas;

    public FilingService(EntityManager em, FilingLifecycle lifecycle, QuotaService quotas) {
        this.em = em;
        this.lifecycle = lifecycle;
        this.quotas = quotas;
    }

    @Transactional
    public Filing create(FilingRequest req, Caller caller, boolean submit) {
        req.validateIdentifiers();
        requireOwnExporter(req, caller);
        Filing f = new Filing();
        f.id = UUID.randomUUID();
        f.number = nextNumber();
        f.createdBy = caller.subject();
        f.createdAt = Instant.now();
        copy(req, f);
        f.status = FilingStatus.DRAFT;
        f.persist();
        em.flush(); // the row exists before its first audit event references it
        lifecycle.created(f, caller);
        if (submit) {
            submitNow(f, caller);
        }
        em.flush();
        return f;
    }

    @Transactional
    public Filing update(String ref, FilingRequest req, long expectedVersion, Caller caller) {
        req.validateIdentifiers();
        Filing f = findForUpdate(ref, caller);
        checkVersion(f, expectedVersion);
        if (f.status != FilingStatus.DRAFT) {
            throw ProblemException.conflict("not-editable", "Filing is not editable",
                    "Filing " + f.number + " is " + f.status + "; only drafts can be edited");
        }
        requireOwnExporter(req, caller);
        copy(req, f);
        f.updatedAt = Instant.now();
        em.flush();
        return f;
    }

    /**
     * Applies a user's step (submit, withdraw, release, reject, ship, arrive, accept, refuse) under a row lock.
     * Releasing a held filing takes a quota slot in the same transaction, or is refused.
     */
    @Transactional
    public Filing act(String ref, Transition t, String reason, Long expectedVersion, Caller caller, String role) {
        Filing f = findForUpdate(ref, caller);
        if (expectedVersion != null) {
            checkVersion(f, expectedVersion);
        }
        if (t == Transition.SUBMIT) {
            submitNow(f, caller);
        } else {
            if (t == Transition.RELEASE && t.allowedFrom(f.status)) {
                quotas.take(f).ifPresent(exhausted -> {
                    throw ProblemException.conflict("quota-exhausted", "Quota exhausted", exhausted);
                });
            }
            lifecycle.apply(f, t, caller, role, reason);
        }
        em.flush();
        return f;
    }

    private void submitNow(Filing f, Caller caller) {
        lifecycle.apply(f, Transition.SUBMIT, caller, caller.actingRole("exporter", "admin"), null);
        f.submittedAt = Instant.now();
        f.nextScreenAt = f.submittedAt; // the screener picks it up on its next round
        f.screenAttempts = 0;
    }

    @Transactional
    public Optional<Filing> find(String ref, Caller caller) {
        return query(ref, caller).firstResultOptional();
    }

    @Transactional
    public Filing get(String ref, Caller caller) {
        return find(ref, caller).orElseThrow(() -> ProblemException.notFound("Filing", ref));
    }

    @Transactional
    public List<FilingEvent> events(Filing f) {
        return FilingEvent.list("filingId", Sort.by("seq"), f.id);
    }

    public record Listing(List<Filing> items, long total) {}

    @Transactional
    public Listing list(Caller caller, FilingStatus status, String destination, String vin, int page, int size) {
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
        PanacheQuery<Filing> query = Filing.find(q.toString(), Sort.by("createdAt").descending().and("id"), p)
                .page(Page.of(page, size));
        return new Listing(query.list(), query.count());
    }

    private Filing findForUpdate(String ref, Caller caller) {
        return query(ref, caller).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional()
                .orElseThrow(() -> ProblemException.notFound("Filing", ref));
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

    private String nextNumber() {
        long n = ((Number) em.createNativeQuery("SELECT nextval('filing_number_seq')").getSingleResult()).longValue();
        return String.format("ZMX-%d-%06d", LocalDate.now(ZoneOffset.UTC).getYear(), n);
    }

    private static void copy(FilingRequest r, Filing f) {
        f.exporterCreditCode = CreditCode.of(r.exporterCreditCode()).value();
        f.vin = Vin.of(r.vin()).value();
        f.destination = r.destination();
        f.consignee = r.consignee().trim();
        f.consigneeOfficialRepresentative = r.consigneeOfficialRepresentative();
        f.declaredStatus = r.declaredStatus().name();
        f.declaredOdometerKm = r.declaredOdometerKm();
        f.declaredValue = r.declaredValue().amount();
        f.declaredCurrency = r.declaredValue().currency();
        f.hsCode = r.hsCode();
        f.portOfExit = r.portOfExit().trim();
        f.plannedExportDate = r.plannedExportDate();
        f.afterSalesConfirmation = blankToNull(r.afterSalesConfirmation());
        f.exportLicence = blankToNull(r.exportLicence());
        f.declaredMake = r.declaredVehicle() == null ? null : blankToNull(r.declaredVehicle().make());
        f.declaredModel = r.declaredVehicle() == null ? null : blankToNull(r.declaredVehicle().model());
        f.declaredModelYear = r.declaredVehicle() == null ? null : r.declaredVehicle().modelYear();
        if (f.updatedAt == null) f.updatedAt = f.createdAt;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }

}
