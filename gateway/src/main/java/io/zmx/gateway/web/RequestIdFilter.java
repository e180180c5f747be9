package io.zmx.gateway.web;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
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
                id = UUID.randomUUID().toString();
                rc.request().headers().set(HEADER, id);
            }
            String requestId = id;
            MDC.put(MDC_KEY, requestId);
            rc.addHeadersEndHandler(v -> rc.response().headers().set(HEADER, requestId));
            rc.next();
        }, 1000);
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
