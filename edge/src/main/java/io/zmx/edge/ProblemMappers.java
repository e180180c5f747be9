package io.zmx.edge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
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
import java.util.Set;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into {@code application/problem+json}, the same way in every service. Bad input is
 * always a 4xx with a stable type; anything unexpected is logged with an id and answered as a 500 without
 * internals.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    /** Optimistic-lock failures, named rather than imported so the gateway (no JPA) can use these mappers. */
    private static final Set<String> STALE = Set.of("jakarta.persistence.OptimisticLockException",
            "org.hibernate.StaleObjectStateException", "org.hibernate.StaleStateException");

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response answer = e.toProblem(path(uri)).toResponse();
        return e.retryAfterSeconds() < 0 ? answer
                : Response.fromResponse(answer).header("Retry-After", Long.toString(e.retryAfterSeconds())).build();
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

    /**
     * Quarkus REST registers its own mapper for {@link MismatchedInputException} (the parent of unknown-field and
     * wrong-type errors) that answers plain JSON; naming the subtypes here keeps them problems.
     */
    @ServerExceptionMapper({MismatchedInputException.class, UnrecognizedPropertyException.class,
            InvalidFormatException.class, ValueInstantiationException.class})
    public Response mismatched(JsonProcessingException e, UriInfo uri) {
        return json(e, uri);
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        return jsonProblem(e, path(uri)).toResponse();
    }

    /** The one reading of a JSON failure; also used by code that parses JSON itself (e.g. NDJSON lines). */
    public static Problem jsonProblem(JsonProcessingException e, String instance) {
        for (Throwable t = e.getCause(); t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof ProblemException p) {
                return p.toProblem(instance); // e.g. the body limit, hit while the parser was reading
            }
        }
        if (e instanceof UnrecognizedPropertyException u) {
            String field = jsonPath(u);
            return new Problem(Problem.type("unknown-field"), "Unknown field in request", 400,
                    "Field '" + field + "' is not part of this request", instance,
                    List.of(new Problem.Violation(field, "unknown field")));
        }
        if (e instanceof TextRules.ControlCharacterException c) {
            String field = jsonPath(c);
            return new Problem(Problem.type("validation"), "Request is not valid", 400,
                    "1 field(s) are not valid", instance, List.of(new Problem.Violation(field, TextRules.MESSAGE)));
        }
        if (e instanceof ValueInstantiationException v) {
            String field = jsonPath(v);
            Throwable cause = v.getCause() == null ? v : v.getCause();
            String message = cause.getMessage() == null ? "is not valid" : cause.getMessage();
            return new Problem(Problem.type("validation"), "Request is not valid", 400,
                    "1 field(s) are not valid", instance, List.of(new Problem.Violation(field, message)));
        }
        if (e instanceof MismatchedInputException mi && !isTrailingContent(mi)) {
            String field = jsonPath(mi);
            String expected = mi.getTargetType() != null ? mi.getTargetType().getSimpleName() : "another type";
            return new Problem(Problem.type("wrong-type"), "Field has the wrong type", 400,
                    "Field '" + field + "' cannot be read as " + expected, instance,
                    List.of(new Problem.Violation(field, "expected " + expected)));
        }
        // syntax errors, trailing content, duplicate keys, a body of the wrong shape altogether
        String where = e.getLocation() == null ? ""
                : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        String why = e.getOriginalMessage() == null ? "" : ": " + firstLine(e.getOriginalMessage());
        return new Problem(Problem.type("malformed-json"), "Request body is not valid JSON", 400,
                "The body could not be parsed" + where + why, instance, List.of());
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
    public Response unauthorized(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(Problem.of(401, "unauthorized", "Authentication required",
                        "Send a valid bearer token", path(uri)).toResponse())
                .header("WWW-Authenticate", "Bearer").build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return Problem.of(403, "forbidden", "Not allowed", "Your roles do not allow this operation", path(uri))
                .toResponse();
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getResponse().getEntity() instanceof Problem p) {
            // already a problem (e.g. a parameter that failed conversion): name where it happened. A busy resource
            // throws ProblemException.retryAfter, the one way to answer Retry-After (problem(...) above)
            return new Problem(p.type(), p.title(), p.status(), p.detail(), path(uri), p.violations(), p.errors())
                    .toResponse();
        }
        if (e.getCause() instanceof JsonProcessingException json) {
            return json(json, uri); // the JSON body reader wraps syntax errors in a plain 400
        }
        if (e.getCause() instanceof ProblemException p) {
            return problem(p, uri);
        }
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        if ((status == 404 || status == 400) && e.getCause() != null && !(e.getCause() instanceof WebApplicationException)) {
            // JAX-RS answers 404 when a query or path parameter cannot be converted; that is bad input (400)
            String parameter = failedParameter(uri, e.getCause());
            String message = "cannot be read: " + firstLine(String.valueOf(e.getCause().getMessage()));
            return new Problem(Problem.type("validation"), "Request is not valid", 400,
                    parameter + " " + message, path(uri), List.of(new Problem.Violation(parameter, message)))
                    .toResponse();
        }
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        return new Problem(Problem.type(slug(status)), reason, status, e.getMessage(), path(uri), List.of())
                .toResponse();
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (STALE.contains(t.getClass().getName())) {
                return Problem.of(412, "stale-version", "Resource was changed by someone else",
                        "Re-read the resource and retry with its current ETag", path(uri)).toResponse();
            }
            if (t instanceof ProblemException p) {
                return problem(p, uri);
            }
            if (t.getCause() == t) break;
        }
        if (databaseUnavailable(e)) {
            LOG.warnf("database unavailable on %s: %s", path(uri), e.toString());
            return Response.fromResponse(Problem.of(503, "database-unavailable", "Service temporarily unavailable",
                    "The database cannot be reached; retry later", path(uri)).toResponse())
                    .header("Retry-After", "5").build();
        }
        String id = java.util.UUID.randomUUID().toString();
        LOG.errorf(e, "unexpected error %s on %s", id, path(uri));
        return Problem.of(500, "internal", "Internal error",
                "Unexpected error; quote id " + id + " to the operators", path(uri)).toResponse();
    }

    /**
     * A lost or refused database connection (server down, failover, a pool that cannot connect) is an outage the
     * caller should retry, not an internal error: 503 with Retry-After. Both data stacks are recognised: JDBC
     * (Hibernate ORM, Agroal) and the reactive PostgreSQL client under Hibernate Reactive. Their exceptions are
     * named, not imported, so the gateway (no database at all) can use these mappers.
     */
    static boolean databaseUnavailable(Throwable e) {
        boolean remoteCall = false;
        boolean databaseLayer = false;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            // a REST client's call to another service failed: not this service's database
            remoteCall |= t instanceof jakarta.ws.rs.ProcessingException;
            databaseLayer |= fromDatabaseLayer(t);
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")
                    || t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof java.sql.SQLException s) {
                if (unavailableState(s.getSQLState())) {
                    return true;
                }
                if (s.getMessage() != null && s.getMessage().contains("Acquisition timeout")) {
                    return true; // Agroal: no connection could be made within the acquisition timeout
                }
            }
            if (reactiveDatabaseUnavailable(t, databaseLayer, remoteCall)) {
                return true;
            }
        }
        return false;
    }

    /** 08: connection exception; 57P01-57P03: admin shutdown, crash shutdown, cannot connect now. */
    private static boolean unavailableState(String state) {
        return state != null && (state.startsWith("08") || state.startsWith("57P"));
    }

    private static final List<String> DATABASE_PACKAGES = List.of("org.hibernate.", "io.vertx.sqlclient.",
            "io.vertx.pgclient.", "io.quarkus.reactive.datasource.", "io.quarkus.hibernate.reactive.");

    /** Whether the failure was raised or wrapped by the data layer (by class or by the frames it was thrown from). */
    private static boolean fromDatabaseLayer(Throwable t) {
        for (String p : DATABASE_PACKAGES) {
            if (t.getClass().getName().startsWith(p)) {
                return true;
            }
        }
        for (StackTraceElement frame : t.getStackTrace()) {
            for (String p : DATABASE_PACKAGES) {
                if (frame.getClassName().startsWith(p)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Messages only the reactive SQL client uses for a connection the server dropped. */
    private static final java.util.regex.Pattern SQL_CLIENT_LOST = java.util.regex.Pattern.compile(
            "Connection is not active now|underlying connection may have been lost");
    /** Messages that mean a lost database connection when the data layer raised or wrapped them. */
    private static final java.util.regex.Pattern LOST_CONNECTION = java.util.regex.Pattern.compile(
            "Pool closed|Connection (was )?closed");

    /**
     * The reactive PostgreSQL client (Vert.x): {@code io.vertx.sqlclient.ClosedConnectionException} (connection lost
     * mid-query), a {@code io.vertx.sqlclient.DatabaseException} (PgException) whose SQLSTATE is class 08 or 57P0x
     * (its message ends with "(SQLSTATE)"), or a refused/closed socket ({@link java.net.ConnectException},
     * {@link java.nio.channels.ClosedChannelException}) to the reactive datasource's address, or raised or wrapped by the
     * data layer, and no REST client call to another service in the chain (the gateway's and export-service's calls
     * keep their own answers).
     */
    private static boolean reactiveDatabaseUnavailable(Throwable t, boolean databaseLayer, boolean remoteCall) {
        String name = t.getClass().getName();
        if (name.equals("io.vertx.sqlclient.ClosedConnectionException")) {
            return true;
        }
        if (isA(t, "io.vertx.sqlclient.DatabaseException")) {
            return unavailableState(trailingSqlState(t.getMessage()));
        }
        if (t instanceof java.net.ConnectException || t instanceof java.nio.channels.ClosedChannelException) {
            return !remoteCall && (databaseLayer || toReactiveDatasource(t.getMessage()));
        }
        // PostgreSQL stopped with the connection open: netty reports "Connection reset" bare, with no address and no
        // frame of the data layer; in a service with a reactive datasource and no call to another service in the
        // chain, that socket was the database's (KillUnderLoadIT's database outage answered 500 with it)
        if (t instanceof java.net.SocketException) {
            return !remoteCall && (databaseLayer || hasReactiveDatasource());
        }
        // a pooled connection that the server closed, reported by the client without a stack or a type of its own
        // (io.vertx.core.impl.NoStackTraceThrowable "Connection is not active now, current status: CLOSED")
        if (!remoteCall && t.getMessage() != null && (SQL_CLIENT_LOST.matcher(t.getMessage()).find()
                || databaseLayer && LOST_CONNECTION.matcher(t.getMessage()).find())) {
            return true;
        }
        return false;
    }

    /**
     * Whether a refused connection went to this service's reactive datasource: the Vert.x client reports it bare
     * (netty's "Connection refused: host/ip:port", no frame of the data layer), so it is told apart from other
     * sockets by the address, compared with {@code quarkus.datasource.reactive.url} (a comma-separated list is
     * allowed). The gateway has no datasource: never.
     */
    /** Whether this service has a reactive datasource at all (the gateway has none). */
    static boolean hasReactiveDatasource() {
        try {
            return org.eclipse.microprofile.config.ConfigProvider.getConfig()
                    .getOptionalValue("quarkus.datasource.reactive.url", String.class).isPresent();
        } catch (RuntimeException e) {
            return false;
        }
    }

    static boolean toReactiveDatasource(String message) {
        if (message == null) {
            return false;
        }
        String urls;
        try {
            urls = org.eclipse.microprofile.config.ConfigProvider.getConfig()
                    .getOptionalValue("quarkus.datasource.reactive.url", String.class).orElse(null);
        } catch (RuntimeException e) {
            return false; // no configuration at all (a plain unit test)
        }
        if (urls == null) {
            return false;
        }
        for (String url : urls.split(",")) {
            java.net.URI uri;
            try {
                uri = java.net.URI.create(url.strip().replaceFirst("^vertx-reactive:", ""));
            } catch (IllegalArgumentException e) {
                continue;
            }
            int port = uri.getPort() < 0 ? 5432 : uri.getPort();
            if (uri.getHost() != null && message.endsWith(":" + port) && message.contains(uri.getHost())) {
                return true;
            }
        }
        return false;
    }

    private static boolean isA(Throwable t, String className) {
        for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    /** PgException's message is "SEVERITY: message (SQLSTATE)". */
    static String trailingSqlState(String message) {
        if (message == null) {
            return null;
        }
        String m = message.strip();
        int open = m.lastIndexOf('(');
        if (!m.endsWith(")") || open < 0 || m.length() - open != 7) {
            return null;
        }
        String state = m.substring(open + 1, m.length() - 1);
        return state.chars().allMatch(Character::isLetterOrDigit) ? state : null;
    }

    /** Stable slugs for plain HTTP statuses, shared with the Vert.x-level failure handler. */
    public static String slug(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 414 -> "uri-too-long";
            case 415 -> "unsupported-media-type";
            case 431 -> "headers-too-large";
            default -> "http-" + status;
        };
    }

    /**
     * The parameter whose conversion failed. JAX-RS does not say; the converters quote the value they could not
     * read ("For input string: \"abc\"", "Text '2026-02-30' could not be parsed", "No enum constant X.BOGUS").
     */
    static String failedParameter(UriInfo uri, Throwable cause) {
        String message = String.valueOf(cause.getMessage());
        if (uri != null) {
            for (var params : List.of(uri.getQueryParameters(), uri.getPathParameters())) {
                for (var entry : params.entrySet()) {
                    for (String value : entry.getValue()) {
                        if (value != null && !value.isEmpty() && (message.contains("\"" + value + "\"")
                                || message.contains("'" + value + "'") || message.endsWith("." + value)
                                || message.endsWith(" " + value))) {
                            return entry.getKey();
                        }
                    }
                }
            }
        }
        return "parameter";
    }

    private static boolean isTrailingContent(MismatchedInputException e) {
        return e.getPath().isEmpty() && e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Trailing token");
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : "/" + uri.getPath().replaceFirst("^/", "");
    }

    public static String jsonPath(JsonMappingException e) {
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
    public static String field(Path path) {
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
