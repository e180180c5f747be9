package io.zmx.export.service;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.agroal.api.AgroalDataSource;
import io.zmx.edge.Problem;
import io.zmx.edge.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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

    private final AgroalDataSource ds;

    public ReportService(AgroalDataSource ds) {
        this.ds = ds;
    }

    public Report zeroMileage(Dimension by, Filters f) {
        if (f.from() != null && f.to() != null && f.from().isAfter(f.to())) {
            throw ProblemException.invalid("validation", "Request is not valid", "from is after to",
                    List.of(new Problem.Violation("from", "must not be after 'to'")));
        }
        Query q = sql(by, f);
        List<Row> rows = new ArrayList<>();
        long filings = 0;
        long zero = 0;
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(q.sql())) {
            for (int i = 0; i < q.params().size(); i++) {
                ps.setObject(i + 1, q.params().get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    // months are grouped as dates and formatted here: cheaper than to_char on every rollup row
                    String key = by == Dimension.MONTH ? YearMonth.from(rs.getDate(1).toLocalDate()).toString() : rs.getString(1);
                    Row r = row(key, rs.getLong(2), rs.getLong(3));
                    rows.add(r);
                    filings += r.filings();
                    zero += r.zeroMileage();
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new Report(by.name().toLowerCase(), f, rows, row("total", filings, zero));
    }

    public record Query(String sql, List<Object> params) {}

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
