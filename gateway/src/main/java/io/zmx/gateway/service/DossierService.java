package io.zmx.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.zmx.edge.ProblemException;
import io.zmx.gateway.client.Backend;
import io.zmx.gateway.client.Backends;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.jboss.logging.Logger;

/**
 * Composes a vehicle's dossier from three services, each asked with the caller's own token so each
 * applies its own scoping: registry (vehicle + history) and export (the filings this caller may see, each
 * carrying its verdict with compliance-service's evaluation inline, so compliance is not asked). A service
 * that is down leaves its part empty and is named in {@code unavailable}; the answer is then {@code partial}.
 */
@ApplicationScoped
public class DossierService {

    private static final Logger LOG = Logger.getLogger(DossierService.class);
    // What the composition relies on in the providers' committed contracts; ProviderContractsTest checks
    // each against registry-service's and export-service's src/main/openapi/openapi.yaml.
    /** {@code GET /api/v1/vehicles/{vin}/history} (registry-service), answering {@code VehicleHistory}. */
    public static final String HISTORY_PATH = "/api/v1/vehicles/{vin}/history";
    /** The {@code VehicleHistory} property moved out into the dossier's own {@code vehicle}. */
    public static final String HISTORY_VEHICLE = "vehicle";
    /** {@code GET /api/v1/filings?vin=&size=} (export-service), answering {@code FilingPage}. */
    public static final String FILINGS_PATH = "/api/v1/filings";
    public static final String PAGE_ITEMS = "items";
    /** The {@code Filing} property holding its verdict once screened. */
    public static final String FILING_VERDICT = "verdict";
    /** Largest page export-service serves (its {@code size} maximum). */
    public static final int MAX_FILINGS = 200;

    private final Backends backends;
    private final ObjectMapper json;

    DossierService(Backends backends, ObjectMapper json) {
        this.backends = backends;
        this.json = json;
    }

    public Future<Dossier> dossier(String vin, MultiMap callerHeaders, String instance) {
        return dossier(vin, callerHeaders, instance, false);
    }

    /**
     * @param throughFilingsOnly the caller reads no vehicle at registry-service (an agency): the dossier is
     *        then the screened filings export-service shows it (bound for its country), whose verdicts carry
     *        the vehicle as screened, and a VIN with no such filing is a 404 (registry-service/README.md)
     */
    public Future<Dossier> dossier(String vin, MultiMap callerHeaders, String instance, boolean throughFilingsOnly) {
        Set<String> unavailable = new TreeSet<>();
        String encodedVin = URLEncoder.encode(vin, StandardCharsets.UTF_8);
        Future<JsonNode> history = throughFilingsOnly ? Future.succeededFuture(null)
                : answered(backends.get(Backend.REGISTRY, HISTORY_PATH.replace("{vin}", encodedVin), callerHeaders))
                .map(reply -> requireOk(reply, instance))
                .recover(failure -> degrade(failure, Backend.REGISTRY, unavailable));
        Future<List<Dossier.FilingWithVerdict>> filings = answered(backends.get(Backend.EXPORT,
                        FILINGS_PATH + "?vin=" + encodedVin + "&size=" + MAX_FILINGS, callerHeaders))
                .map(reply -> reply.status() == 200
                        ? withVerdicts(items(parse(reply)))
                        : List.<Dossier.FilingWithVerdict>of()) // 401/403/404: this caller sees no filings
                .recover(failure -> degrade(failure, Backend.EXPORT, unavailable));
        return Future.join(history, filings).transform(done -> {
            if (history.failed()) {
                return Future.failedFuture(history.cause()); // the vehicle is unknown or hidden from the caller
            }
            if (throughFilingsOnly && unavailable.isEmpty() && filings.result().stream().noneMatch(DossierService::screened)) {
                return Future.failedFuture(ProblemException.notFound("Vehicle", vin)); // not in a screened filing it may see
            }
            JsonNode historyNode = history.result();
            JsonNode vehicle = null;
            if (historyNode instanceof ObjectNode object) {
                vehicle = object.remove(HISTORY_VEHICLE);
            }
            return Future.succeededFuture(new Dossier(vin, vehicle, historyNode, filings.result(),
                    !unavailable.isEmpty(), List.copyOf(unavailable)));
        });
    }

    /** Screened: past SUBMITTED (and not a DRAFT or withdrawn before screening), so it carries a verdict. */
    static boolean screened(Dossier.FilingWithVerdict f) {
        return f.filing() != null && f.filing().hasNonNull(FILING_VERDICT);
    }

    /**
     * Each filing with its verdict as export-service stores it ({@code Filing.verdict}: lane, findings,
     * zero-mileage assessment and compliance-service's evaluation inline); null until the filing is
     * screened. A SUBMITTED filing's {@code screening} is the screener's bookkeeping (attempts, next
     * attempt, last error), not a verdict, and stays where it is: in the filing.
     */
    private static List<Dossier.FilingWithVerdict> withVerdicts(List<JsonNode> items) {
        List<Dossier.FilingWithVerdict> all = new ArrayList<>(items.size());
        for (JsonNode filing : items) {
            JsonNode verdict = filing.get(FILING_VERDICT);
            all.add(new Dossier.FilingWithVerdict(filing, verdict == null || verdict.isNull() ? null : verdict));
        }
        return all;
    }

    /** A service that answers 5xx is as unavailable as one that does not answer. */
    private static Future<Backends.Reply> answered(Future<Backends.Reply> call) {
        return call.compose(reply -> reply.status() >= 500
                ? Future.failedFuture(new IllegalStateException("answered " + reply.status()))
                : Future.succeededFuture(reply));
    }

    private <T> Future<T> degrade(Throwable failure, Backend backend, Set<String> unavailable) {
        if (failure instanceof ProblemException) {
            return Future.failedFuture(failure);
        }
        LOG.warnf("dossier: %s unavailable: %s", backend.serviceName(), failure.toString());
        synchronized (unavailable) {
            unavailable.add(backend.serviceName());
        }
        return Future.succeededFuture(backend == Backend.EXPORT ? (T) List.of() : null);
    }

    /** The vehicle's history, or the registry's refusal (404 unknown VIN, 403, 400 bad VIN) as our answer. */
    private JsonNode requireOk(Backends.Reply reply, String instance) {
        if (reply.status() == 200) {
            return parse(reply);
        }
        JsonNode body = reply.body() == null || reply.body().length() == 0 ? null : tryParse(reply);
        String detail = body != null && body.hasNonNull("detail") ? body.get("detail").asText()
                : "registry-service answered " + reply.status();
        String type = body != null && body.hasNonNull("type") ? body.get("type").asText() : null;
        String slug = type != null && type.startsWith("https://zmx.io/problems/")
                ? type.substring("https://zmx.io/problems/".length()) : "http-" + reply.status();
        String title = body != null && body.hasNonNull("title") ? body.get("title").asText() : "Vehicle not available";
        throw new ProblemException(reply.status(), slug, title, detail);
    }

    private static List<JsonNode> items(JsonNode page) {
        List<JsonNode> list = new ArrayList<>();
        JsonNode items = page.path(PAGE_ITEMS);
        items.forEach(list::add);
        return list;
    }

    private JsonNode parse(Backends.Reply reply) {
        try {
            return json.readTree(reply.body().getBytes());
        } catch (IOException e) {
            throw new IllegalStateException("service answered malformed JSON", e);
        }
    }

    private JsonNode tryParse(Backends.Reply reply) {
        try {
            return json.readTree(reply.body().getBytes());
        } catch (IOException e) {
            return null;
        }
    }

}
