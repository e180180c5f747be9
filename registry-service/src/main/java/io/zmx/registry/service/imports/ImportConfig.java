package io.zmx.registry.service.imports;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** Everything bulk imports can be told, in one place ({@code zmx.import.*}; environment names in the README). */
@ConfigMapping(prefix = "zmx.import")
public interface ImportConfig {

    /** Lines per COPY/merge transaction ({@code ZMX_IMPORT_CHUNK_LINES}). */
    @WithDefault("20000")
    int chunkLines();

    /** Import jobs run at once by this instance ({@code ZMX_IMPORT_PARALLEL_JOBS}). */
    @WithDefault("2")
    int parallelJobs();

    /** Where uploads are spooled before the job reads them ({@code ZMX_IMPORT_SPOOL_DIR}). */
    @WithDefault("${java.io.tmpdir}/zmx-imports")
    Path spoolDir();

    /** A job silent for longer than this, of any instance, is marked INTERRUPTED on start. */
    @WithDefault("120")
    long staleAfterSeconds();

    /** This instance's name (the pod name): its own unfinished jobs are marked INTERRUPTED when it starts. */
    @WithDefault("${HOSTNAME:local}")
    String instance();
}
