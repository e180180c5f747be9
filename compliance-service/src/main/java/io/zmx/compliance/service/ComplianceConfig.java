package io.zmx.compliance.service;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** compliance-service's own settings, in one place ({@code zmx.compliance.*} in application.properties). */
@ConfigMapping(prefix = "zmx.compliance")
public interface ComplianceConfig {

    Seeds seeds();

    Backtest backtest();

    interface Seeds {
        /** Import the bundled seed rule sets at start (missing versions only). */
        @WithDefault("true")
        boolean enabled();

        /** Classpath resource holding the seeds. */
        @WithDefault("seeds/rule-sets.json")
        String resource();
    }

    interface Backtest {
        /** Upper bound on stored evaluations one backtest replays (beyond it the report says truncated). */
        @WithDefault("2000000")
        int maxEvaluations();

        /** Evaluations read per page: one page is in memory while the next is read. */
        @WithDefault("2000")
        int pageSize();

        /** Threads that replay a page; default one per core. */
        java.util.Optional<Integer> threads();

        /** Backtests one instance runs at once; more callers get 429 with Retry-After. */
        @WithDefault("1")
        int concurrent();
    }
}
