package io.zmx.export.service;

import io.zmx.export.client.ComplianceDtos;
import io.zmx.export.domain.Finding;
import io.zmx.export.domain.Lane;
import io.zmx.export.domain.ZeroMileageAssessment;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** A screening result, before it is stored; {@code asOf} is the export date it was screened against. */
public record Verdict(LocalDate asOf, ZeroMileageAssessment assessment, List<Finding> findings,
                      ComplianceDtos.Evaluation evaluation, Lane lane, String maker, String originRegion,
                      BigDecimal underValuationRatio, boolean randomInspection) {

    /** What sends this verdict to an officer or refuses it: BLOCK/HOLD rule hits and HOLD findings, by code. */
    public Set<String> reasons() {
        Set<String> codes = new TreeSet<>();
        if (evaluation != null && evaluation.hits() != null) {
            evaluation.hits().stream().filter(h -> "BLOCK".equals(h.severity()) || "HOLD".equals(h.severity()))
                    .forEach(h -> codes.add(h.ruleCode()));
        }
        findings.stream().filter(x -> "HOLD".equals(x.severity())).forEach(x -> codes.add(x.code()));
        return codes;
    }

    /** The reasons of one severity (BLOCK or HOLD) as one status reason. */
    public String summary(String severity) {
        List<String> parts = new ArrayList<>();
        if (evaluation != null && evaluation.hits() != null) {
            evaluation.hits().stream().filter(h -> severity.equals(h.severity()))
                    .forEach(h -> parts.add(h.ruleCode() + ": " + h.title()));
        }
        findings.stream().filter(x -> "HOLD".equals(x.severity())).forEach(x -> parts.add(x.code() + ": " + x.message()));
        return parts.isEmpty() ? "lane " + lane : String.join("; ", parts);
    }
}
