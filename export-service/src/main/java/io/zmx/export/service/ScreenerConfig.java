package io.zmx.export.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** The persistent screener's settings ({@code zmx.screener.*}), in one place. */
@ConfigMapping(prefix = "zmx.screener")
public interface ScreenerConfig {

    /** Whether the timer starts a drain (tests drive the screener themselves). */
    boolean enabled();

    /** How often the timer looks for due filings when the previous drain has ended (read by {@code @Scheduled}). */
    String every();

    /** How many due filings one claim statement takes. */
    int batchSize();

    /** How many filings are screened at the same time (remote calls and verdict transactions in flight). */
    @WithDefault("16")
    int concurrency();

    /** How long a claim holds before another round may take the filing again (a crashed screener's filings). */
    Duration lease();

    Duration backoffBase();

    Duration backoffMax();
}
