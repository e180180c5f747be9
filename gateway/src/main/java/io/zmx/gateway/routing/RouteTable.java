package io.zmx.gateway.routing;

import io.zmx.gateway.client.Backend;
import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Set;

/**
 * Which service owns which path under {@code /api/v1}, and which roles may call it at all. This is a
 * coarse first gate: the owning service checks the same token again and applies the fine rules
 * (an exporter's own filings, an agency's country, an analyst's aggregates only).
 */
public final class RouteTable {

    public static final String API = "/api/v1";

    static final String ADMIN = "admin", EXPORTER = "exporter", MANUFACTURER = "manufacturer",
            REGISTRAR = "registrar", CUSTOMS = "customs", AGENCY = "agency", ANALYST = "analyst",
            RULE_AUTHOR = "rule-author", EXPORT_SERVICE = "export-service";

    static final Set<String> EVERY_ROLE = Set.of(ADMIN, EXPORTER, MANUFACTURER, REGISTRAR, CUSTOMS, AGENCY,
            ANALYST, RULE_AUTHOR, EXPORT_SERVICE);

    /** One owned path prefix: who may read it (GET, HEAD) and who may change it (any other method). */
    public record Route(String prefix, Backend backend, Set<String> readRoles, Set<String> writeRoles, String full) {

        Route(String prefix, Backend backend, Set<String> readRoles, Set<String> writeRoles) {
            this(prefix, backend, readRoles, writeRoles, API + prefix);
        }

        /** The path is this prefix or below it; no allocation (checked on every request). */
        boolean matches(String path) {
            return path.startsWith(full) && (path.length() == full.length() || path.charAt(full.length()) == '/');
        }

        public boolean allows(HttpMethod method, Set<String> roles) {
            Set<String> allowed = method == HttpMethod.GET || method == HttpMethod.HEAD ? readRoles : writeRoles;
            for (String role : roles) {
                if (allowed.contains(role)) {
                    return true;
                }
            }
            return false;
        }
    }

    static final List<Route> ROUTES = List.of(
            new Route("/vins", Backend.REGISTRY, EVERY_ROLE, Set.of(ADMIN)),
            new Route("/vehicles", Backend.REGISTRY,
                    Set.of(ADMIN, EXPORTER, MANUFACTURER, REGISTRAR, CUSTOMS, AGENCY, EXPORT_SERVICE),
                    Set.of(ADMIN, MANUFACTURER, REGISTRAR)),
            new Route("/reference-prices", Backend.REGISTRY,
                    Set.of(ADMIN, EXPORTER, MANUFACTURER, REGISTRAR, CUSTOMS, AGENCY, ANALYST, EXPORT_SERVICE),
                    Set.of(ADMIN, MANUFACTURER)),
            new Route("/imports", Backend.REGISTRY, Set.of(ADMIN, MANUFACTURER, REGISTRAR),
                    Set.of(ADMIN, MANUFACTURER, REGISTRAR)),
            new Route("/rule-sets", Backend.COMPLIANCE, EVERY_ROLE, Set.of(ADMIN, RULE_AUTHOR)),
            new Route("/rules", Backend.COMPLIANCE, EVERY_ROLE, Set.of(ADMIN, RULE_AUTHOR)),
            new Route("/evaluation-context", Backend.COMPLIANCE, EVERY_ROLE, Set.of()),
            new Route("/evaluations", Backend.COMPLIANCE,
                    Set.of(ADMIN, EXPORT_SERVICE, RULE_AUTHOR, CUSTOMS, AGENCY, EXPORTER),
                    Set.of(ADMIN, EXPORT_SERVICE)),
            new Route("/filings", Backend.EXPORT, Set.of(ADMIN, EXPORTER, CUSTOMS, AGENCY),
                    Set.of(ADMIN, EXPORTER, CUSTOMS, AGENCY)),
            new Route("/quotas", Backend.EXPORT, Set.of(ADMIN, EXPORTER, CUSTOMS, AGENCY, ANALYST), Set.of(ADMIN)),
            new Route("/reports", Backend.EXPORT, Set.of(ADMIN, ANALYST, CUSTOMS, AGENCY), Set.of(ADMIN, ANALYST)));

    private RouteTable() {}

    /** The route owning this path, or null. */
    public static Route find(String path) {
        for (Route route : ROUTES) {
            if (route.matches(path)) {
                return route;
            }
        }
        return null;
    }

    public static List<Route> routes() {
        return ROUTES;
    }
}
