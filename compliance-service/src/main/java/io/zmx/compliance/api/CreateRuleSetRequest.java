package io.zmx.compliance.api;

import io.zmx.compliance.domain.RuleSetScope;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "CreateRuleSetRequest", description = "A new jurisdiction; its rules come as draft versions")
public record CreateRuleSetRequest(
        @Schema(description = "ISO alpha-2 country, or a group name of 3-8 capitals", examples = "TJ")
        @NotNull @Pattern(regexp = "[A-Z]{2}|[A-Z]{3,8}") String jurisdiction,
        @NotBlank @Size(max = 200) String name,
        @NotNull RuleSetScope scope,
        @Size(max = 60) List<@Pattern(regexp = "[A-Z]{2}") String> members) {
}
