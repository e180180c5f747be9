package io.zmx.edge;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/**
 * The HTTP edge's limits ({@code zmx.http.*}), the same names in every service and in the gateway: one name for one
 * limit. Each service sets its own values (with environment overrides) in its application.properties.
 */
@ConfigMapping(prefix = "zmx.http")
public interface EdgeConfig {

    /** Largest JSON (or text) body, in bytes: declared larger → 413 before it is read, chunked → 413 once it passes. */
    @WithDefault("1048576")
    long maxJsonBody();

    /** Path prefixes whose bodies are bulk uploads, read as streams: not held to {@link #maxJsonBody()}. */
    @WithDefault("/api/v1/imports")
    List<String> streamedPaths();

    /** Longest request URI (path and query) → 414 problem. */
    @WithDefault("8192")
    int maxUriLength();

    /** Most header bytes (names, values, separators) → 431 problem. */
    @WithDefault("20480")
    int maxHeaderBytes();
}
