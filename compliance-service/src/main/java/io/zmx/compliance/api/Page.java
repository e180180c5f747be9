package io.zmx.compliance.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One page of a list: items plus what is needed to fetch the rest. */
public record Page<T>(List<T> items, int page, int size, @Schema(description = "Items in the whole list") long total) {
}
