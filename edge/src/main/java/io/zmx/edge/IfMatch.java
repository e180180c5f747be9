package io.zmx.edge;

import java.util.List;

/**
 * {@code If-Match} for optimistic locking. ETags of zmx resources are strong ({@code "3"}: the version), and
 * If-Match uses the strong comparison (RFC 9110 §13.1.1): a weak tag ({@code W/"3"}) never matches, and
 * {@code *} matches any current version.
 */
public final class IfMatch {

    private IfMatch() {}

    /** The strong ETag of a version. */
    public static String etag(long version) {
        return "\"" + version + "\"";
    }

    /**
     * The version the caller names, or {@code null} when the header is absent. Weak tags, lists naming no version of
     * this resource and tags that are not versions are refused with 412 (they cannot match a strong ETag).
     * {@code *} answers {@link #ANY}.
     */
    public static Long version(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String v = ifMatch.trim();
        if (v.equals("*")) {
            return ANY;
        }
        if (v.startsWith("W/")) {
            throw stale(ifMatch, "a weak ETag never matches for If-Match; send the ETag as it was given");
        }
        if (v.length() < 2 || v.charAt(0) != '"' || v.charAt(v.length() - 1) != '"') {
            throw ProblemException.invalid("invalid-if-match", "If-Match is not an ETag of this service",
                    "If-Match " + ifMatch + " is not a quoted ETag",
                    List.of(new Problem.Violation("If-Match", "expected a quoted ETag, e.g. \"3\"")));
        }
        try {
            return Long.parseLong(v.substring(1, v.length() - 1));
        } catch (NumberFormatException e) {
            throw stale(ifMatch, "it does not name a version of this resource");
        }
    }

    /** As {@link #version(String)}, but a missing header is a 428: writes must name what they change. */
    public static long required(String ifMatch) {
        Long v = version(ifMatch);
        if (v == null) {
            throw new ProblemException(428, "precondition-required", "If-Match required",
                    "Send If-Match with the ETag you read, so a concurrent change is not overwritten");
        }
        return v;
    }

    /** {@code If-Match: *}: any current version matches. */
    public static final long ANY = -1L;

    /** True when the named version is the current one. */
    public static boolean matches(long named, long current) {
        return named == ANY || named == current;
    }

    private static ProblemException stale(String ifMatch, String why) {
        return new ProblemException(412, "stale-version", "Resource was changed by someone else",
                "If-Match " + ifMatch + " does not match the current ETag: " + why);
    }
}
