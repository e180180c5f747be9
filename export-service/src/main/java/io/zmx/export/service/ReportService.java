package io.zmx.export.service;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import io.zmx.edge.Problem;
import io.zmx.edge.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;

/**
 * Zero-mileage reports for analysts. They read {@code zero_mileage_rollup}, which the screening
 * transaction keeps current (one row per month x destination x maker x origin region), so a report over
 * a million filings sums a few thousand rows. {@link #sql} is public so the benchmark runs the very same query.
 */
@ApplicationScoped
public class ReportService {

    public enum Dimension {
        MONTH("month"), DESTINATION("destination"), MAKER("maker"), REGION("origin_region");

        final String column;

        Dimension(String column) {
            this.column = column;
        }
    }

    @RegisterForReflection
    public record Filters(YearMonth from, YearMonth to, String destination, String maker, String region) {}

    @RegisterForReflection
    public record Row(String key, long filings, long zeroMileage, BigDecimal share) {}

    @RegisterForReflection
    public record Report(String groupBy, Filters filters, List<Row> rows, Row total) {}

    /** Above this many rows the CSV is written on a worker thread, not on the event loop. */
    static final int BIG_REPORT_ROWS = 2_000;

    private final Pool pool;

    public ReportService(Pool pool) {
        this.pool = pool;
    }

    public Uni<Report> zeroMileage(Dimension by, Filters f) {
        if (f.from() != null && f.to() != null && f.from().isAfter(f.to())) {
            return Uni.createFrom().failure(ProblemException.invalid("validation", "Request is not valid", "from is after to",
                    List.of(new Problem.Violation("from", "must not be after 'to'"))));
        }
        Query q = sql(by, f);
        return pool.preparedQuery(q.numbered()).execute(Tuple.from(q.values())).map(result -> {
            List<Row> rows = new ArrayList<>(result.size());
            long filings = 0;
            long zero = 0;
            for (io.vertx.mutiny.sqlclient.Row r : result) {
                // months are grouped as dates and formatted here: cheaper than to_char on every rollup row
                String key = by == Dimension.MONTH ? YearMonth.from(r.getLocalDate(0)).toString() : r.getString(0);
                Row row = row(key, r.getLong(1), r.getLong(2));
                rows.add(row);
                filings += row.filings();
                zero += row.zeroMileage();
            }
            return new Report(by.name().toLowerCase(), f, rows, row("total", filings, zero));
        });
    }

    /** The report as CSV; a big one is rendered on a worker thread so the event loop keeps serving. */
    public Uni<String> csv(Uni<Report> report) {
        return report.chain(r -> r.rows().size() <= BIG_REPORT_ROWS ? Uni.createFrom().item(csv(r))
                : Uni.createFrom().item(() -> csv(r)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
    }

    /** The SQL with JDBC placeholders ({@code ?}, as the benchmark runs it) and its parameters. */
    public record Query(String sql, List<Object> params) {

        /** The same statement for the reactive client: {@code $1, $2, ...} and java.time values. */
        String numbered() {
            StringBuilder out = new StringBuilder(sql.length() + 8);
            int n = 0;
            for (char c : sql.toCharArray()) {
                if (c == '?') out.append('$').append(++n);
                else out.append(c);
            }
            return out.toString();
        }

        List<Object> values() {
            return params.stream().map(p -> p instanceof Date d ? (Object) d.toLocalDate() : p).toList();
        }
    }

    public static Query sql(Dimension by, Filters f) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        List<Object> params = new ArrayList<>();
        if (f.from() != null) {
            where.append(" AND month >= ?");
            params.add(Date.valueOf(f.from().atDay(1)));
        }
        if (f.to() != null) {
            where.append(" AND month <= ?");
            params.add(Date.valueOf(f.to().atDay(1)));
        }
        if (f.destination() != null) {
            where.append(" AND destination = ?");
            params.add(f.destination());
        }
        if (f.maker() != null) {
            where.append(" AND maker = ?");
            params.add(f.maker());
        }
        if (f.region() != null) {
            where.append(" AND origin_region = ?");
            params.add(f.region());
        }
        String sql = "SELECT " + by.column + " AS k, sum(filings), sum(zero_mileage) FROM zero_mileage_rollup"
                + where + " GROUP BY 1 ORDER BY 1";
        return new Query(sql, params);
    }

    static Row row(String key, long filings, long zero) {
        BigDecimal share = filings == 0 ? BigDecimal.ZERO
                : BigDecimal.valueOf(zero).divide(BigDecimal.valueOf(filings), 4, RoundingMode.HALF_UP);
        return new Row(key, filings, zero, share);
    }

    public static String csv(Report r) {
        StringBuilder sb = new StringBuilder(64 + r.rows().size() * 40);
        sb.append(r.groupBy()).append(",filings,zero_mileage,share\n");
        for (Row row : r.rows()) {
            sb.append(csvField(row.key())).append(',').append(row.filings()).append(',').append(row.zeroMileage())
                    .append(',').append(row.share().toPlainString()).append('\n');
        }
        return sb.toString();
    }

    /** RFC 4180 and neutralised against formula injection: makers and regions come from partners. */
    private static String csvField(String s) {
        return io.zmx.edge.CsvCells.cell(s);
    }
}
