package io.zmx.gateway.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.MDC;

/**
 * Gives every request an {@code X-Request-Id}: the caller's if it sent a sane one, a new UUID otherwise.
 * It is set on the incoming request (so the proxy forwards it to the service), on every response
 * (including 401s, CORS answers and problems), and in the logging MDC as {@code requestId}.
 * Runs before CORS and authentication.
 */
@ApplicationScoped
public class RequestIdFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";

    void register(@Observes Filters filters) {
        filters.register(rc -> {
            String id = rc.request().getHeader(HEADER);
            if (id == null || !isSane(id)) {
                id = newId();
                rc.request().headers().set(HEADER, id);
            }
            String requestId = id;
            MDC.put(MDC_KEY, requestId);
            rc.addHeadersEndHandler(v -> rc.response().headers().set(HEADER, requestId));
            rc.next();
        }, 1000);
    }

    /**
     * A random (version 4) UUID from the thread's own generator. A request id names a request in logs and answers; it
     * is no secret and grants nothing, so it needs uniqueness, not {@link UUID#randomUUID()}'s SecureRandom, which
     * reads the shared system source under a lock on every request.
     */
    static String newId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long low = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L; // IETF variant
        return new UUID(high, low).toString();
    }

    /** {@code [A-Za-z0-9._:-]{1,128}}, checked without a regex on every request. */
    static boolean isSane(String id) {
        int length = id.length();
        if (length == 0 || length > 128) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            char c = id.charAt(i);
            boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                    || c == '.' || c == '_' || c == ':' || c == '-';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
