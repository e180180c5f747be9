package io.zmx.compliance.api;

import io.zmx.compliance.domain.RuleSetScope;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RuleInForce", description = "A rule in force on the requested date, with the rule-set version it comes from")
public record RuleInForce(String jurisdiction, RuleSetScope scope, int version, RuleSpec rule) {
}
