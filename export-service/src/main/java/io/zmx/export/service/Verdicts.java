package io.zmx.export.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.zmx.export.client.ComplianceDtos;
import io.zmx.export.domain.Filing;
import io.zmx.export.domain.Finding;
import io.zmx.export.persistence.VerdictRows;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Where a verdict is written onto its filing and read back, and where the report rollup is counted. */
@ApplicationScoped
public class Verdicts {

    private final ObjectMapper json;
    private final VerdictRows verdictRows;

    public Verdicts(ObjectMapper json, VerdictRows verdictRows) {
        this.json = json;
        this.verdictRows = verdictRows;
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
        f.assessment = v.assessment();
        f.findings = List.copyOf(v.findings());
        f.evaluation = v.evaluation() == null ? null : json.valueToTree(v.evaluation());
    }

    /** The reasons the stored verdict names (BLOCK/HOLD hits and HOLD findings), by code. */
    Set<String> storedReasons(Filing f) {
        ComplianceDtos.Evaluation e = storedEvaluation(f);
        List<Finding> fs = f.findings == null ? List.of() : f.findings;
        return new Verdict(f.screenedAsOf, null, fs, e, f.lane, null, null, null, f.randomInspection).reasons();
    }

    /** The stored compliance evaluation, if the filing was screened. */
    ComplianceDtos.Evaluation storedEvaluation(Filing f) {
        return storedEvaluation(json, f);
    }

    /** The stored evaluation as export-service's view of compliance's answer. */
    public static ComplianceDtos.Evaluation storedEvaluation(ObjectMapper json, Filing f) {
        if (f.evaluation == null) return null;
        try {
            return json.treeToValue(f.evaluation, ComplianceDtos.Evaluation.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored evaluation of filing " + f.id + " is not readable", e);
        }
    }

    /**
     * Writes a first verdict's transitions (their audit and feed events) and counts it in the report rollup (month of
     * the planned export date, destination, maker, region), in one statement. Caller's transaction.
     */
    Uni<Void> record(Filing f, Verdict v, FilingLifecycle.Rows rows) {
        return verdictRows.insert(rows.audit(), rows.events(), new VerdictRows.RollupCell(
                f.plannedExportDate.withDayOfMonth(1), f.destination, v.maker(), v.originRegion(),
                v.assessment().zeroMileage()));
    }

}
