package io.zmx.compliance.engine;

import dev.cel.runtime.CelRuntime;
import java.util.List;

/** A rule-set version ready to run: every expression compiled once to a CEL program. */
public record CompiledRuleSet(String jurisdiction, int version, List<CompiledRule> rules) {

    /** @param readsVehicle the checked expression references the variable {@code vehicle} */
    public record CompiledRule(RuleDefinition definition, CelRuntime.Program program, boolean readsVehicle) {}
}
