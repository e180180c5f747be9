package io.zmx.tokencache;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code zmx.token-cache.*}: the verified-token cache of every zmx application (README.md of this module). */
@ConfigMapping(prefix = "zmx.token-cache")
public interface TokenCacheConfig {

    /** Off: every request is verified in full. */
    @WithDefault("true")
    boolean enabled();

    /** Most tokens remembered (least recently used dropped first). */
    @WithDefault("10000")
    long maxSize();

    /** No entry lives longer, whatever the token's {@code exp}. */
    @WithDefault("10M")
    Duration maxTtl();
}
