package io.zmx.compliance.api.problem;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import io.zmx.compliance.engine.CompileError;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * RFC 9457 problem details. {@code type} is a stable URI partners can switch on; {@code title} is
 * the same for every occurrence of a type; {@code detail} explains this occurrence.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(
        URI type,
        String title,
        int status,
        String detail,
        String instance,
        List<Violation> violations,
        @Schema(description = "Rule expressions that did not compile, with 1-based positions")
        List<CompileError> errors) {

    public Problem(URI type, String title, int status, String detail, String instance, List<Violation> violations) {
        this(type, title, status, detail, instance, violations, List.of());
    }

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType MEDIA = MediaType.valueOf(MEDIA_TYPE);
    private static final String BASE = "https://zmx.io/problems/";

    /** One field-level error: {@code field} is a JSON path into the request (e.g. {@code registrations[0].region}). */
    @Schema(name = "Violation")
    public record Violation(String field, String message) {}

    public static URI type(String slug) {
        return URI.create(BASE + slug);
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA).entity(this).build();
    }
}
