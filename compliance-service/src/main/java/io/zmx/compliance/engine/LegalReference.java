package io.zmx.compliance.engine;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The law, decision or (secondary) source a rule encodes. */
@Schema(name = "LegalReference", description = "Source of a rule: the act or decision and where to read it")
public record LegalReference(
        @Schema(examples = "Shang Mao Han [2025] No. 648 (180-day rule)") @NotBlank @Size(max = 300) String title,
        @Schema(examples = "https://ncfchina.co.uk/news/69175ca7e7e017c4e5a86c2b")
        @NotBlank @Size(max = 1000) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String url) {
}
