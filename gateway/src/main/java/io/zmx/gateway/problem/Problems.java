package io.zmx.gateway.problem;

import io.zmx.edge.Problem;

/** The problems the gateway itself answers, so the Vert.x routes and JAX-RS endpoints say the same. */
public final class Problems {

    private Problems() {}

    public static Problem unauthorized(String path) {
        return Problem.of(401, "unauthorized", "Authentication required", "Send a valid bearer token", path);
    }

    public static Problem forbidden(String path) {
        return Problem.of(403, "forbidden", "Not allowed", "Your roles do not allow this operation", path);
    }

    public static Problem tooManyRequests(String path, long retryAfterSeconds) {
        return Problem.of(429, "rate-limited", "Too many requests",
                "Rate limit for your client exceeded; retry after " + retryAfterSeconds + " s", path);
    }

    public static Problem tooLarge(String path, long length, long limit) {
        return Problem.of(413, "payload-too-large", "Request body too large",
                "Body of " + length + " bytes exceeds the limit of " + limit + " bytes for " + path, path);
    }

    public static Problem unavailable(String path, String service, String why) {
        return Problem.of(503, "service-unavailable", "Service unavailable",
                service + " is unavailable (" + why + "); retry later", path);
    }

    public static Problem timeout(String path, String service) {
        return Problem.of(504, "upstream-timeout", "Service did not answer in time",
                service + " did not answer in time; retry later", path);
    }

    /** The caller announced a body and stopped sending it: the service, waiting for the rest, could not answer. */
    public static Problem requestTimeout(String path) {
        return Problem.of(408, "request-timeout", "Request body not received in time",
                "The request's body stopped arriving before it was complete; send it again, whole", path);
    }

    public static Problem notFound(String path) {
        return Problem.of(404, "not-found", "Resource not found", "No route for " + path, path);
    }

    public static Problem methodNotAllowed(String path, String method) {
        return Problem.of(405, "method-not-allowed", "Method not allowed", method + " is not an operation of " + path, path);
    }
}
