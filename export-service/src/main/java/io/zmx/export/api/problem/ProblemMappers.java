package io.zmx.export.api.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hibernate.StaleObjectStateException;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into {@code application/problem+json}. Bad input is always a 4xx with a stable
 * type; anything unexpected is logged with an id and answered as a 500 without internals.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        return e.toProblem(path(uri)).toResponse();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e, UriInfo uri) {
        List<Problem.Violation> violations = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            violations.add(new Problem.Violation(field(v.getPropertyPath()), v.getMessage()));
        }
        violations.sort(Comparator.comparing(Problem.Violation::field));
        return new Problem(Problem.type("validation"), "Request is not valid", 400,
                violations.size() + " field(s) are not valid", path(uri), violations).toResponse();
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        if (e instanceof UnrecognizedPropertyException u) {
            String field = jsonPath(u);
            return new Problem(Problem.type("unknown-field"), "Unknown field in request", 400,
                    "Field '" + field + "' is not part of this request", path(uri),
                    List.of(new Problem.Violation(field, "unknown field"))).toResponse();
        }
        if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
            JsonMappingException m = (JsonMappingException) e;
            String field = jsonPath(m);
            String expected = e instanceof MismatchedInputException mi && mi.getTargetType() != null
                    ? mi.getTargetType().getSimpleName() : "another type";
            return new Problem(Problem.type("wrong-type"), "Field has the wrong type", 400,
                    "Field '" + field + "' cannot be read as " + expected, path(uri),
                    List.of(new Problem.Violation(field, "expected " + expected))).toResponse();
        }
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return new Problem(Problem.type("malformed-json"), "Request body is not valid JSON", 400,
                "The body could not be parsed" + where, path(uri), List.of()).toResponse();
    }

    /** quarkus-rest-jackson maps MismatchedInputException itself (plain JSON); this more specific mapper wins. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper({OptimisticLockException.class, StaleObjectStateException.class})
    public Response stale(RuntimeException e, UriInfo uri) {
        return new Problem(Problem.type("stale-version"), "Resource was changed by someone else", 412,
                "Re-read the resource and retry with its current ETag", path(uri), List.of()).toResponse();
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(new Problem(Problem.type("unauthorized"), "Authentication required", 401,
                        "Send a valid bearer token", path(uri), List.of()).toResponse())
                .header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return new Problem(Problem.type("forbidden"), "Not allowed", 403,
                "Your roles do not allow this operation", path(uri), List.of()).toResponse();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        return new Problem(Problem.type(slug(status)), reason, status, e.getMessage(), path(uri), List.of()).toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (databaseUnavailable(e)) {
            LOG.warnf("database unavailable on %s: %s", path(uri), e.toString());
            return Response.fromResponse(new Problem(Problem.type("database-unavailable"), "Service temporarily unavailable",
                            503, "The database cannot be reached; retry later", path(uri), List.of()).toResponse())
                    .header("Retry-After", "5").build();
        }
        String id = java.util.UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected error %s on %s", id, path(uri));
        return new Problem(Problem.type("internal"), "Internal error", 500,
                "Unexpected error; quote id " + id + " to the operators", path(uri), List.of()).toResponse();
    }

    /**
     * A lost or refused database connection (server down, failover, pool cannot connect) is an outage the caller
     * should retry, not an internal error: 503 with Retry-After.
     */
    static boolean databaseUnavailable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof org.hibernate.exception.JDBCConnectionException
                    || t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof java.sql.SQLException s) {
                String state = s.getSQLState();
                // 08: connection exception; 57P01-57P03: admin shutdown, crash shutdown, cannot connect now
                if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                    return true;
                }
                if (s.getMessage() != null && s.getMessage().contains("Acquisition timeout")) {
                    return true; // Agroal: no connection could be made within the acquisition timeout
                }
            }
        }
        return false;
    }

    private static String slug(int status) {
        return switch (status) {
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            default -> "http-" + status;
        };
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }

    static String jsonPath(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!sb.isEmpty()) sb.append('.');
                sb.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                sb.append('[').append(ref.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "$" : sb.toString();
    }

    /** Drops the method and parameter nodes so the path names the JSON field the caller sent. */
    static String field(Path path) {
        StringBuilder sb = new StringBuilder();
        String parameter = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.CROSS_PARAMETER
                    || node.getKind() == ElementKind.RETURN_VALUE) {
                continue;
            }
            if (node.getIndex() != null && !sb.isEmpty()) {
                sb.append('[').append(node.getIndex()).append(']');
            }
            if (node.getName() != null && node.getKind() != ElementKind.CONTAINER_ELEMENT) {
                if (!sb.isEmpty()) sb.append('.');
                sb.append(node.getName());
            }
        }
        if (sb.isEmpty()) {
            return parameter == null ? "$" : parameter;
        }
        return sb.toString();
    }
}
