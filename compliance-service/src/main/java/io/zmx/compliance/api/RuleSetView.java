package io.zmx.compliance.api;

import io.zmx.compliance.domain.RuleSetScope;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "RuleSet", description = "A jurisdiction's rules over time")
public record RuleSetView(
        @Schema(examples = "EAEU") String jurisdiction,
        String name,
        RuleSetScope scope,
        @Schema(description = "Member countries of a GROUP", examples = "[\"RU\",\"KZ\",\"KG\",\"AM\",\"BY\"]") List<String> members,
        @Schema(description = "The version in force on the requested date (today by default); absent when none")
        VersionSummary inForce,
        List<VersionSummary> versions) {
}
