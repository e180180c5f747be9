package io.zmx.compliance.service;

import io.zmx.compliance.engine.CompiledRuleSet;
import io.zmx.compliance.engine.RuleCompileException;
import io.zmx.compliance.engine.RuleDefinition;
import io.zmx.edge.Problem;
import io.zmx.edge.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Checks a version's rules before they are stored: windows, unique codes, and every expression compiled and type-checked. */
@ApplicationScoped
public class RuleValidation {

    private final CompiledRuleSets compiled;

    public RuleValidation(CompiledRuleSets compiled) {
        this.compiled = compiled;
    }

    /** Compiles and type-checks every expression; errors carry the rule code, line and column. */
    public CompiledRuleSet validate(String jurisdiction, List<RuleDefinition> rules, LocalDate from, LocalDate to) {
        List<Problem.Violation> violations = new ArrayList<>();
        if (to != null && !to.isAfter(from)) {
            violations.add(new Problem.Violation("effectiveTo", "must be after effectiveFrom"));
        }
        Set<String> codes = new HashSet<>();
        for (int i = 0; i < rules.size(); i++) {
            RuleDefinition r = rules.get(i);
            if (!codes.add(r.code())) {
                violations.add(new Problem.Violation("rules[" + i + "].code", "duplicate code " + r.code()));
            }
            if (r.effectiveFrom() != null && r.effectiveTo() != null && !r.effectiveTo().isAfter(r.effectiveFrom())) {
                violations.add(new Problem.Violation("rules[" + i + "].effectiveTo", "must be after effectiveFrom"));
            }
        }
        if (!violations.isEmpty()) {
            throw ProblemException.invalid("validation", "Request is not valid", violations.size() + " field(s) are not valid", violations);
        }
        try {
            return compiled.engine().compile(jurisdiction, 0, rules);
        } catch (RuleCompileException e) {
            List<Problem.Violation> v = new ArrayList<>();
            for (var err : e.errors()) {
                int index = indexOf(rules, err.ruleCode());
                v.add(new Problem.Violation("rules[" + index + "].expression",
                        err.ruleCode() + " line " + err.line() + ", column " + err.column() + ": " + err.message()));
            }
            throw new ProblemException(400, "invalid-rule-expression", "Rule expression does not compile",
                    e.errors().size() + " error(s) in rule expressions; first in " + e.errors().get(0).ruleCode() + " at line "
                            + e.errors().get(0).line() + ", column " + e.errors().get(0).column() + ": " + e.errors().get(0).message(),
                    v, e.errors());
        }
    }

    private static int indexOf(List<RuleDefinition> rules, String code) {
        for (int i = 0; i < rules.size(); i++) {
            if (rules.get(i).code().equals(code)) return i;
        }
        return -1;
    }
}
