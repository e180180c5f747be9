package io.zmx.registry.domain;

/**
 * RECEIVING (body being spooled to disk), QUEUED, RUNNING, then COMPLETED (even with bad lines: they are
 * listed under /errors), FAILED (the file could not be processed at all) or INTERRUPTED (the service stopped).
 */
public enum ImportState {
    RECEIVING, QUEUED, RUNNING, COMPLETED, FAILED, INTERRUPTED;

    public boolean finished() {
        return this == COMPLETED || this == FAILED || this == INTERRUPTED;
    }
}
