package io.zmx.edge;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Query and path parameters are checked before any resource sees them: a control character (NUL reached
 * PostgreSQL and answered 500) or an ISO date/month outside {@link StrictJson#MIN_YEAR}..{@link StrictJson#MAX_YEAR}
 * ({@code +999999999-12-31} parses as a LocalDate but no database stores it) is a 400 naming the parameter.
 */
public class QueryChecks {

    private static final Pattern DATE_LIKE = Pattern.compile("([+-]?\\d{4,})-\\d{2}(-\\d{2})?");

    @ServerRequestFilter(preMatching = true)
    public Response check(ContainerRequestContext ctx) {
        String path = "/" + ctx.getUriInfo().getPath().replaceFirst("^/", "");
        if (TextRules.hasControl(path, false)) {
            return refuse(path, "path", TextRules.MESSAGE);
        }
        MultivaluedMap<String, String> query = ctx.getUriInfo().getQueryParameters();
        for (Map.Entry<String, List<String>> e : query.entrySet()) {
            if (TextRules.hasControl(e.getKey(), false)) {
                return refuse(path, "query", TextRules.MESSAGE);
            }
            for (String value : e.getValue()) {
                if (value == null) continue;
                if (TextRules.hasControl(value, false)) {
                    return refuse(path, e.getKey(), TextRules.MESSAGE);
                }
                Matcher m = DATE_LIKE.matcher(value.strip());
                if (m.matches() && !saneYear(m.group(1))) {
                    return refuse(path, e.getKey(), "year outside " + StrictJson.MIN_YEAR + ".." + StrictJson.MAX_YEAR);
                }
            }
        }
        return null;
    }

    private static boolean saneYear(String year) {
        try {
            return StrictJson.saneYear(Integer.parseInt(year));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Response refuse(String path, String field, String message) {
        ProblemException e = ProblemException.invalidField(field, message);
        return e.toProblem(path).toResponse();
    }
}
