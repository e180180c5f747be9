package io.zmx.registry.domain;

import java.time.Instant;
import java.util.UUID;

/** A bulk import job as stored: who sent what, how far it got, and how it ended. */
public record ImportJob(UUID id, ImportFormat format, ImportState state, String submittedBy, long bytes, long processed,
                        long failed, String message, Instant createdAt, Instant startedAt, Instant finishedAt) {

    /** A line of an import that was refused, with every reason (each starting with the field it concerns). */
    public record LineError(long line, String vin, String reason) {}
}
