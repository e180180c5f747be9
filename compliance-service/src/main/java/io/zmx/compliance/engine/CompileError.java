package io.zmx.compliance.engine;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One problem in a rule expression; line and column are 1-based positions in the expression. */
@Schema(name = "CompileError")
public record CompileError(
        @Schema(examples = "CN-180-DAY") String ruleCode,
        @Schema(examples = "1") int line,
        @Schema(examples = "9") int column,
        @Schema(examples = "undefined field 'firstRegistration'") String message) {
}
