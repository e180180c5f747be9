package io.zmx.compliance.api;

import io.zmx.compliance.api.problem.Problem;
import io.zmx.compliance.api.problem.ProblemException;
import jakarta.ws.rs.core.EntityTag;
import java.util.List;

/** ETag = the version's optimistic-lock counter, quoted. */
final class ETags {

    private ETags() {}

    static EntityTag of(int lockVersion) {
        return new EntityTag(Integer.toString(lockVersion));
    }

    /** Writes to a version require If-Match, so nobody overwrites a change they have not seen. */
    static int required(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(428, "precondition-required", "If-Match required",
                    "Send If-Match with the ETag of the version you read");
        }
        String raw = ifMatch.trim().replaceFirst("^W/", "").replace("\"", "");
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw ProblemException.invalid("invalid-if-match", "If-Match is not an ETag of this service",
                    "If-Match " + ifMatch + " is not a version ETag", List.of(new Problem.Violation("If-Match", "expected e.g. \"3\"")));
        }
    }
}
