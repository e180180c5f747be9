package io.zmx.compliance.engine;

import java.util.Collection;

/** The verdict of one evaluation: any BLOCK hit blocks, else any HOLD hit sends to review, else cleared. */
public enum Outcome {
    CLEARED(Lane.GREEN), REVIEW(Lane.YELLOW), BLOCKED(Lane.RED);

    private final Lane lane;

    Outcome(Lane lane) {
        this.lane = lane;
    }

    public Lane lane() {
        return lane;
    }

    public static Outcome of(Collection<Severity> severities) {
        if (severities.contains(Severity.BLOCK)) {
            return BLOCKED;
        }
        return severities.contains(Severity.HOLD) ? REVIEW : CLEARED;
    }

    /** Customs selectivity lane (ASYCUDA style) matching the outcome. */
    public enum Lane {
        GREEN, YELLOW, RED
    }
}
