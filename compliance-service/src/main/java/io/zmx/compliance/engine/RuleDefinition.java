package io.zmx.compliance.engine;

import java.time.LocalDate;
import java.util.List;

/** A rule as written by its author, before compilation. */
public record RuleDefinition(String code, String title, Severity severity, String expression, String message,
        List<LegalReference> legalReferences, LocalDate effectiveFrom, LocalDate effectiveTo) {

    public boolean inForceOn(LocalDate date) {
        return (effectiveFrom == null || !date.isBefore(effectiveFrom)) && (effectiveTo == null || date.isBefore(effectiveTo));
    }
}
