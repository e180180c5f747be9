package io.zmx.compliance.api;

import io.zmx.edge.IfMatch;
import io.zmx.edge.ProblemException;
import jakarta.ws.rs.core.EntityTag;

/** ETag = the version's optimistic-lock counter, quoted (strong). */
final class ETags {

    private ETags() {}

    static EntityTag of(int lockVersion) {
        return new EntityTag(Integer.toString(lockVersion));
    }

    /**
     * Writes to a version require If-Match, so nobody overwrites a change they have not seen. Parsed the suite's way
     * ({@link IfMatch}): a weak tag never matches; {@code *} matches any version (null: no check).
     */
    static Integer required(String ifMatch) {
        long v = IfMatch.required(ifMatch);
        if (v == IfMatch.ANY) {
            return null;
        }
        if (v > Integer.MAX_VALUE || v < 0) {
            throw new ProblemException(412, "stale-version", "Resource was changed by someone else",
                    "If-Match " + ifMatch + " does not match the current ETag");
        }
        return (int) v;
    }
}
