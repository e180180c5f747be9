package io.zmx.export.domain;

/** Where a filing stands. Which status may follow which is decided by {@link Transition} only. */
public enum FilingStatus {
    DRAFT, SUBMITTED, SCREENED, CLEARED, HELD, REJECTED, SHIPPED, ARRIVED, ACCEPTED, REFUSED, WITHDRAWN;

    /** An agency sees a filing bound for its country only once it has been screened. */
    public boolean screened() {
        return this != DRAFT && this != SUBMITTED && this != WITHDRAWN;
    }
}
