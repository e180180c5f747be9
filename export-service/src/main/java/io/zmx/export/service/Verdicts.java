package io.zmx.export.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.zmx.export.client.ComplianceDtos;
import io.zmx.export.domain.Filing;
import io.zmx.export.domain.Finding;
import io.zmx.export.persistence.ZeroMileageRollup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Where a verdict is written onto its filing and read back, and where the report rollup is counted. */
@ApplicationScoped
public class Verdicts {

    private final ObjectMapper json;
    private final ZeroMileageRollup rollup;

    public Verdicts(ObjectMapper json, ZeroMileageRollup rollup) {
        this.json = json;
        this.rollup = rollup;
    }

    /** Writes the verdict onto the filing (the caller holds the row lock). */
    void store(Filing f, Verdict v) {
        f.screenedAt = Instant.now();
        f.screenedAsOf = v.asOf();
        f.lane = v.lane();
        f.zeroMileage = v.assessment().zeroMileage();
        f.maker = v.maker();
        f.originRegion = ScreeningRules.UNKNOWN.equals(v.originRegion()) ? null : v.originRegion();
        f.underValuationRatio = v.underValuationRatio();
        f.randomInspection = v.randomInspection();
        f.assessment = write(v.assessment());
        f.findings = write(v.findings());
        f.evaluation = v.evaluation() == null ? null : write(v.evaluation());
    }

    /** The reasons the stored verdict names (BLOCK/HOLD hits and HOLD findings), by code. */
    Set<String> storedReasons(Filing f) {
        ComplianceDtos.Evaluation e = f.evaluation == null ? null : read(f.evaluation, ComplianceDtos.Evaluation.class);
        List<Finding> fs = f.findings == null ? List.of() : List.of(read(f.findings, Finding[].class));
        return new Verdict(f.screenedAsOf, null, fs, e, f.lane, null, null, null, f.randomInspection).reasons();
    }

    /** The stored compliance evaluation, if the filing was screened. */
    ComplianceDtos.Evaluation storedEvaluation(Filing f) {
        return f.evaluation == null ? null : read(f.evaluation, ComplianceDtos.Evaluation.class);
    }

    /** Counts a first verdict in the report rollup (month of the planned export date, destination, maker, region). */
    Uni<Void> countInRollup(Filing f, Verdict v) {
        return rollup.count(f.plannedExportDate.withDayOfMonth(1), f.destination, v.maker(), v.originRegion(),
                v.assessment().zeroMileage());
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
