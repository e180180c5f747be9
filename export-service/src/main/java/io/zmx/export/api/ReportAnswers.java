package io.zmx.export.api;

import io.smallrye.mutiny.Uni;
import io.zmx.edge.Problem;
import io.zmx.edge.ProblemException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Function;

/**
 * How every report answers, written once so the zero-mileage and the re-export-alert reports cannot drift apart:
 * JSON unless the caller prefers CSV, and months given as YYYY-MM.
 */
final class ReportAnswers {

    static final String CSV = "text/csv";

    private ReportAnswers() {}

    /**
     * The report as JSON, or as CSV when the caller prefers it; {@code csv} renders it (and decides whether a big
     * one is rendered off the event loop).
     */
    static <R> Uni<Response> negotiate(HttpHeaders headers, Uni<R> report, Function<Uni<R>, Uni<String>> csv) {
        if (wantsCsv(headers)) {
            return csv.apply(report).map(text -> Response.ok(text, CSV).build());
        }
        return report.map(r -> Response.ok(r, MediaType.APPLICATION_JSON).build());
    }

    /**
     * CSV only when the caller prefers it to JSON: the first acceptable type (highest quality first) decides; a
     * wildcard, JSON or no Accept at all get JSON.
     */
    static boolean wantsCsv(HttpHeaders headers) {
        for (MediaType m : headers.getAcceptableMediaTypes()) {
            if (m.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !m.isWildcardType()) return false;
            if ("text".equals(m.getType()) && "csv".equals(m.getSubtype())) return true;
            if (m.isWildcardType()) return false;
        }
        return false;
    }

    /** A month filter, YYYY-MM; blank is no filter, anything else is a 400 naming the field. */
    static YearMonth month(String field, String value) {
        if (value == null || value.isBlank()) return null;
        try {
            return YearMonth.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("validation", "Request is not valid", field + " is not a month",
                    List.of(new Problem.Violation(field, "must be YYYY-MM")));
        }
    }
}
