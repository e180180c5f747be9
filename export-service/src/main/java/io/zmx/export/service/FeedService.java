package io.zmx.export.service;

import io.smallrye.mutiny.Uni;
import io.zmx.edge.Problem;
import io.zmx.edge.ProblemException;
import io.zmx.export.persistence.EventFeed;
import io.zmx.export.domain.FeedItem;
import io.zmx.export.domain.FeedPosition;
import io.zmx.export.persistence.EventVisibility;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The event feed: pages of events after an opaque cursor, in commit-safe order ({@link EventFeed}), scoped by
 * {@link EventVisibility}. The answer always carries the cursor to ask with next, also when the page is empty.
 */
@ApplicationScoped
public class FeedService {

    public static final int DEFAULT_LIMIT = 100;
    public static final int MAX_LIMIT = 500;
    /**
     * Cursor text: "{txid}.{seq}", both decimal. Opaque to callers; documented only as a string. Not "{txid}-{seq}":
     * "1234-56" reads as a year-month, and the edge refuses a query date outside 1900..2200 before the feed sees it.
     */
    private static final Pattern CURSOR = Pattern.compile("(\\d{1,19})\\.(\\d{1,19})");
    private static final Pattern TYPE = Pattern.compile("[a-z]+(\\.[a-z-]+)+");

    public record Page(List<FeedItem> items, String next) {}

    private final EventFeed feed;

    public FeedService(EventFeed feed) {
        this.feed = feed;
    }

    public static String cursor(FeedPosition p) {
        return p.txid() + "." + p.seq();
    }

    /** The visibility of a caller, or 403 when its roles and claims give it no events at all. */
    public static EventVisibility visibility(Caller caller, int firstParam) {
        return EventVisibility.of(caller.roles(), caller.country(), caller.creditCode(), firstParam).orElseThrow(() ->
                new ProblemException(403, "no-feed-access", "No access to events",
                        "Events are read by admin, origin customs, destination agencies (claim zmx_country) and exporters "
                                + "(claim zmx_credit_code)"));
    }

    public Uni<Page> page(Caller caller, String after, String limit, List<String> types) {
        EventVisibility visibility = visibility(caller, 4);
        FeedPosition from = parse(after);
        int n = limit(limit);
        List<String> wanted = types(types);
        return feed.after(from, n, wanted, visibility).map(p -> {
            FeedPosition next = from;
            if (!p.items().isEmpty()) {
                next = p.items().get(p.items().size() - 1).position();
            }
            if (p.items().size() < n && p.horizon() != null && compare(p.horizon(), next) > 0) {
                next = p.horizon(); // nothing visible up to the settled end: skip past what this caller may not see
            }
            return new Page(p.items(), cursor(next));
        });
    }

    static FeedPosition parse(String after) {
        if (after == null || after.isBlank()) {
            return FeedPosition.START;
        }
        Matcher m = CURSOR.matcher(after.trim());
        if (!m.matches()) {
            throw ProblemException.invalid("validation", "Request is not valid", "after is not a cursor this feed gave out",
                    List.of(new Problem.Violation("after", "must be the 'next' value of an earlier page")));
        }
        try {
            return new FeedPosition(Long.toString(Long.parseLong(m.group(1))), Long.parseLong(m.group(2)));
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("validation", "Request is not valid", "after is not a cursor this feed gave out",
                    List.of(new Problem.Violation("after", "must be the 'next' value of an earlier page")));
        }
    }

    static int limit(String limit) {
        if (limit == null || limit.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(limit.trim());
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalid("validation", "Request is not valid", "limit is out of range",
                List.of(new Problem.Violation("limit", "must be an integer from 1 to " + MAX_LIMIT)));
    }

    static List<String> types(List<String> types) {
        List<String> out = new ArrayList<>();
        if (types == null) return out;
        for (String t : types) {
            for (String one : t.split(",")) {
                String s = one.trim();
                if (s.isEmpty()) continue;
                if (!TYPE.matcher(s).matches()) {
                    throw ProblemException.invalid("validation", "Request is not valid", "type '" + s + "' is not an event type",
                            List.of(new Problem.Violation("type", "must be an event type such as filing.cleared or alert.raised")));
                }
                out.add(s);
            }
        }
        return out;
    }

    static int compare(FeedPosition a, FeedPosition b) {
        int c = Long.compareUnsigned(Long.parseLong(a.txid()), Long.parseLong(b.txid()));
        return c != 0 ? c : Long.compare(a.seq(), b.seq());
    }
}
