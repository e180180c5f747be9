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
        /** Upper bound on stored evaluations one backtest replays. */
        @WithDefault("20000")
        int maxEvaluations();
    }
}
