package io.zmx.edge;

import java.util.List;

/** Thrown by services for any failure that must reach the caller as a problem document. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final List<Problem.Violation> violations;
    private final List<?> errors;
    private long retryAfterSeconds = -1;

    public ProblemException(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, List.of());
    }

    public ProblemException(int status, String slug, String title, String detail, List<Problem.Violation> violations) {
        this(status, slug, title, detail, violations, List.of());
    }

    /** {@code errors}: service-specific details (compliance-service's compile errors), serialised as they are. */
    public ProblemException(int status, String slug, String title, String detail, List<Problem.Violation> violations,
            List<?> errors) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.violations = List.copyOf(violations);
        this.errors = List.copyOf(errors);
    }

    /** The caller may retry after this many seconds (a busy resource): answered as a Retry-After header. */
    public ProblemException retryAfter(long seconds) {
        this.retryAfterSeconds = seconds;
        return this;
    }

    /** Seconds for Retry-After, or -1 for none. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static ProblemException notFound(String what, Object id) {
        return new ProblemException(404, "not-found", "Resource not found", what + " " + id + " does not exist");
    }

    public static ProblemException conflict(String slug, String title, String detail) {
        return new ProblemException(409, slug, title, detail);
    }

    public static ProblemException invalid(String slug, String title, String detail, List<Problem.Violation> violations) {
        return new ProblemException(400, slug, title, detail, violations);
    }

    /** One field (or parameter, or header) that is not valid: the {@code validation} type every service uses. */
    public static ProblemException invalidField(String field, String message) {
        return invalid("validation", "Request is not valid", field + ": " + message,
                List.of(new Problem.Violation(field, message)));
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public List<Problem.Violation> violations() {
        return violations;
    }

    public Problem toProblem(String instance) {
        return new Problem(Problem.type(slug), title, status, getMessage(), instance, violations, errors);
    }
}
