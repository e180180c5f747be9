package io.zmx.compliance.engine;

import java.util.List;

/** Expressions that did not compile or type-check; carries every error with its position. */
public class RuleCompileException extends RuntimeException {

    private final List<CompileError> errors;

    public RuleCompileException(List<CompileError> errors) {
        super(errors.size() + " rule expression error(s), first: " + errors.get(0).ruleCode() + " at "
                + errors.get(0).line() + ":" + errors.get(0).column() + ": " + errors.get(0).message(), null, false, false);
        this.errors = List.copyOf(errors);
    }

    public List<CompileError> errors() {
        return errors;
    }
}
