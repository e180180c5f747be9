package io.zmx.edge;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
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
        @Schema(description = "Service-specific details, e.g. rule expressions that did not compile, with 1-based positions")
        List<?> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType MEDIA = MediaType.valueOf(MEDIA_TYPE);
    private static final String BASE = "https://zmx.io/problems/";

    public Problem(URI type, String title, int status, String detail, String instance, List<Violation> violations) {
        this(type, title, status, detail, instance, violations, List.of());
    }

    /** One field-level error: {@code field} is a JSON path into the request (e.g. {@code registrations[0].region}). */
    @Schema(name = "Violation")
    public record Violation(String field, String message) {}

    public static URI type(String slug) {
        return URI.create(BASE + slug);
    }

    public static Problem of(int status, String slug, String title, String detail, String instance) {
        return new Problem(type(slug), title, status, detail, instance, List.of());
    }

    public Response toResponse() {
        return Response.status(status).type(MEDIA).entity(this).build();
    }

    /** The same document for the Vert.x layer (routes that answer without JAX-RS). */
    public Buffer toBuffer() {
        JsonObject json = new JsonObject().put("type", type.toString()).put("title", title).put("status", status);
        if (detail != null) json.put("detail", detail);
        if (instance != null) json.put("instance", instance);
        if (violations != null && !violations.isEmpty()) {
            JsonArray list = new JsonArray();
            violations.forEach(v -> list.add(new JsonObject().put("field", v.field()).put("message", v.message())));
            json.put("violations", list);
        }
        return json.toBuffer();
    }

    /** Ends a Vert.x exchange with this problem. */
    public void send(HttpServerResponse response) {
        response.setStatusCode(status).putHeader("Content-Type", MEDIA_TYPE).end(toBuffer());
    }
}
