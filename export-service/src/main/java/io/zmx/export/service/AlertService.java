package io.zmx.export.service;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.zmx.edge.Problem;
import io.zmx.edge.ProblemException;
import io.zmx.export.domain.Alert;
import io.zmx.export.domain.AlertKind;
import io.zmx.export.domain.CreditCode;
import io.zmx.export.domain.Filing;
import io.zmx.export.domain.Vin;
import io.zmx.export.persistence.AlertReads;
import io.zmx.export.persistence.Alerts;
import io.zmx.export.persistence.EventVisibility;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * Alerts (issue 14): the scoped list, an exporter's risk figures for customs' negative list, the re-export report, and
 * the checks made after a screening (same VIN filed to two destinations, after-sales confirmation naming another
 * destination). Re-export alerts are raised by {@link SightingService}.
 */
@ApplicationScoped
public class AlertService {

    @RegisterForReflection
    public record Risk(String creditCode, long alerts, Map<String, Long> alertsByKind, long clearedFilings,
                       BigDecimal alertRate) {}

    public record Listing(List<Alert> items, long total) {}

    public enum ReportDimension { ROUTE, MONTH }

    @RegisterForReflection
    public record ReportRow(String key, long alerts) {}

    @RegisterForReflection
    public record Report(String groupBy, YearMonth from, YearMonth to, List<ReportRow> rows, long total) {}

    private final Alerts alerts;
    private final AlertReads reads;
    private final ExportCalendar calendar;

    public AlertService(Alerts alerts, AlertReads reads, ExportCalendar calendar) {
        this.alerts = alerts;
        this.reads = reads;
        this.calendar = calendar;
    }

    /**
     * Caller's transaction, after the verdict's transition: flushes the filing (the check reads its row) and raises
     * what the filing's row shows, each cause once. One statement, plus the flush the transaction would make anyway.
     */
    Uni<Void> afterScreening(Filing f) {
        return Panache.flush().chain(() -> alerts.afterScreening(f.id, calendar.today())).replaceWithVoid();
    }

    public Uni<Listing> list(Caller caller, String kind, String vin, String exporter, int page, int size) {
        EventVisibility visibility = FeedService.visibility(new Caller(caller.subject(), caller.roles(), null, caller.country()), 1);
        String k = null;
        if (kind != null && !kind.isBlank()) {
            try {
                k = AlertKind.valueOf(kind.trim().toUpperCase()).name();
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("kind", "must be one of RE_EXPORT, TWO_DESTINATIONS, AFTER_SALES_DESTINATION_MISMATCH, SEEN_IN_CN_REGISTRY");
            }
        }
        String v = null;
        if (vin != null && !vin.isBlank()) {
            try {
                v = Vin.of(vin).value();
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("vin", e.getMessage());
            }
        }
        return reads.list(visibility, k, v, exporter == null || exporter.isBlank() ? null : creditCode(exporter), page, size)
                .map(l -> new Listing(l.items(), l.total()));
    }

    public Uni<Risk> risk(String creditCode) {
        String cc = creditCode(creditCode);
        return reads.risk(cc).map(r -> new Risk(cc, r.alerts(), r.alertsByKind(), r.clearedFilings(),
                r.clearedFilings() == 0 ? null
                        : BigDecimal.valueOf(r.alerts()).divide(BigDecimal.valueOf(r.clearedFilings()), 4, RoundingMode.HALF_UP)));
    }

    public Uni<Report> reExportReport(ReportDimension by, YearMonth from, YearMonth to) {
        if (from != null && to != null && from.isAfter(to)) {
            return Uni.createFrom().failure(ProblemException.invalid("validation", "Request is not valid", "from is after to",
                    List.of(new Problem.Violation("from", "must not be after 'to'"))));
        }
        return reads.reExportReport(by == ReportDimension.ROUTE, from == null ? null : from.atDay(1),
                to == null ? null : to.plusMonths(1).atDay(1)).map(rows -> {
                    List<ReportRow> out = rows.stream().map(r -> new ReportRow(r.key(), r.alerts())).toList();
                    return new Report(by.name().toLowerCase(), from, to, out, out.stream().mapToLong(ReportRow::alerts).sum());
                });
    }

    /** The report as CSV: {@code <groupBy>,alerts}, then a total line. */
    public static String csv(Report r) {
        StringBuilder sb = new StringBuilder(r.groupBy()).append(",alerts\n");
        for (ReportRow row : r.rows()) {
            sb.append(csvField(row.key())).append(',').append(row.alerts()).append('\n');
        }
        return sb.append("total,").append(r.total()).append('\n').toString();
    }

    private static String csvField(String s) {
        return io.zmx.edge.CsvCells.cell(s); // RFC 4180 and neutralised against formula injection, as the other report
    }

    private static String creditCode(String raw) {
        try {
            return CreditCode.of(raw).value();
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField("creditCode", e.getMessage());
        }
    }
}
