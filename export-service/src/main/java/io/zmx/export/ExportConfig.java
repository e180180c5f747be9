package io.zmx.export;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Period;

/**
 * export-service's own settings ({@code zmx.*} in application.properties, each with an environment override there),
 * in one place: the zero-mileage assessment, filings, exchange rates, the deregistration check, the screener and the
 * webhooks. In the root package, as the gateway's {@code GatewayConfig}: every layer reads it (the webhook client
 * its pool and connect timeout, the services the rest), and a root-package class belongs to no layer, so reading it
 * adds no arrow between layers ({@code LayersTest}). The HTTP edge's {@code zmx.http.*} is the edge module's
 * {@link io.zmx.edge.EdgeConfig}.
 */
@ConfigMapping(prefix = "zmx")
public interface ExportConfig {

    Assessment assessment();

    Export export();

    Screener screener();

    Screening screening();

    Alerts alerts();

    Webhooks webhooks();

    interface Assessment {
        /** Zero-mileage threshold: mileage alone decides. */
        int maxKm();

        /** Days since first registration (to the application date) flagged as waiting out the 180-day rule. */
        int waitingOutFrom();

        int waitingOutTo();

        /** Declared odometer may be this far below the registry's before it is a finding. */
        int odometerToleranceKm();

        /** Declared value below this share of the reference price is a HOLD. */
        BigDecimal underValuationRatio();
    }

    interface Export {
        /** Calendar of the application date, "today" and the default export date. */
        String zone();

        /** plannedExportDate: not before today, at most this many days ahead. */
        int plannedDateHorizon();

        /** Share of GREEN filings sent to YELLOW by the draw on the filing id. */
        BigDecimal randomInspectionShare();

        /** After the export date, the domestic registration must be cancelled within this period. */
        Period deregistrationDeadline();

        DeregistrationCheck deregistrationCheck();

        ExchangeRates exchangeRates();
    }

    interface DeregistrationCheck {
        boolean enabled();

        /** Read by {@code @Scheduled}. */
        String every();

        @WithDefault("200")
        int batchSize();
    }

    interface ExchangeRates {
        @WithDefault("USD")
        String referenceCurrency();

        @WithDefault("7")
        int maxAgeDays();
    }

    interface Alerts {
        /** A sighting abroad this long after the last cleared filing's export date still raises a re-export alert. */
        @WithDefault("P24M")
        Period reExportWindow();
    }

    interface Screener {
        /** Whether the timer starts a drain (tests drive the screener themselves). */
        boolean enabled();

        /** How often the timer looks for due filings when no drain runs (read by {@code @Scheduled}). */
        String every();

        /** How many due filings one claim statement takes. */
        int batchSize();

        /** How many filings are screened at the same time (remote calls and verdict transactions in flight). */
        @WithDefault("16")
        int concurrency();

        /** How long a claim holds before another drain may take the filing again (a crashed screener's filings). */
        Duration lease();

        Duration backoffBase();

        Duration backoffMax();
    }

    /**
     * {@code zmx.screening.*}: admission control in front of the screener (issue 12). Submits are refused once this many
     * filings wait to be screened, so the backlog stays bounded under sustained load and one exporter cannot fill it
     * for everyone ({@code service/Admission}).
     */
    interface Screening {
        /**
         * SUBMITTED filings (all exporters) beyond which a submit is refused with 503. Default 1500: about a minute of
         * screening at the ~25 filings/s the screener keeps beside sustained submits on 2 cores (BENCHMARKS.md, issue 12),
         * so a filing admitted at the limit gets its verdict in about a minute.
         */
        @WithDefault("1500")
        int maxBacklog();

        /**
         * SUBMITTED filings of one exporter beyond which its submit is refused with 429. Default 300: a fifth of the
         * global bound, so at least five exporters' full backlogs fit before anyone is refused for the global one, and
         * one exporter's flood delays others' verdicts by at most ~12 s (300 filings at 25/s).
         */
        @WithDefault("300")
        int maxBacklogPerExporter();

        /** How often the backlog is counted again from the database (the bound's precision, see {@code Admission}). */
        @WithDefault("PT1S")
        Duration backlogRefresh();

        /** Whether a timer counts it (tests count it themselves; without the timer it is counted at the first submit). */
        @WithDefault("true")
        boolean backlogTimer();

        /** Retry-After on a refusal: long enough for the screener to free room (~125 filings at 25/s), short for a client. */
        @WithDefault("PT5S")
        Duration retryAfter();
    }

    /** {@code zmx.webhooks.*}: signed webhook deliveries (issue 14). */
    interface Webhooks {
        /** Whether the timer drains the outbox (tests drive the dispatcher themselves). */
        boolean enabled();

        /** How often the timer looks for work when no drain runs. */
        Duration every();

        /** Events one fan-out statement reads. */
        @WithDefault("500")
        int fanOutBatch();

        /** Deliveries one claim takes. */
        @WithDefault("64")
        int batchSize();

        /** Deliveries in flight at once (all endpoints). */
        @WithDefault("32")
        int concurrency();

        /** Deliveries in flight at once to one endpoint, so that a slow one cannot take every slot. */
        @WithDefault("8")
        int perEndpoint();

        /** Connections the webhook client keeps open at most (all endpoints). */
        @WithDefault("64")
        int connections();

        /** One attempt's time limit to connect. */
        @WithDefault("PT5S")
        Duration connectTimeout();

        /** How long a claim holds before a crashed dispatcher's delivery is due again. */
        Duration lease();

        /** One attempt's time limit (connect, send, answer). */
        Duration requestTimeout();

        /** Exponential backoff with full jitter: the n-th retry waits a random time up to min(max, base * 2^(n-1)). */
        Duration backoffBase();

        Duration backoffMax();

        /** How long a delivery is retried before it is given up (FAILED; a replay starts again). */
        Duration retryFor();

        /** An endpoint is disabled after this many failed attempts in a row... */
        int disableAfterFailures();

        /** ...that have gone on at least this long (a short outage with a backlog does not disable it). */
        Duration disableAfterFailingFor();

        /** How long the previous secret still signs after a rotation. */
        Duration rotationOverlap();

        /** Admit loopback targets (and http to them): dev, test and the local stack only, never production. */
        boolean allowLoopback();
    }
}
