package io.zmx.gateway.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.zmx.gateway.api.Dossier;
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
 * applies its own scoping: registry (vehicle + history), export (the filings this caller may see) and,
 * where a filing does not carry its verdict inline, compliance (the evaluation). A service that is down
 * leaves its part empty and is named in {@code unavailable}; the answer is then {@code partial}.
 */
@ApplicationScoped
public class DossierService {

    private static final Logger LOG = Logger.getLogger(DossierService.class);
    private static final int MAX_FILINGS = 200;

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
                : answered(backends.get(Backend.REGISTRY, "/api/v1/vehicles/" + encodedVin + "/history", callerHeaders))
                .map(reply -> requireOk(reply, instance))
                .recover(failure -> degrade(failure, Backend.REGISTRY, unavailable));
        Future<List<Dossier.FilingWithVerdict>> filings = answered(backends.get(Backend.EXPORT,
                        "/api/v1/filings?vin=" + encodedVin + "&size=" + MAX_FILINGS, callerHeaders))
                .compose(reply -> reply.status() == 200
                        ? withVerdicts(items(parse(reply)), callerHeaders, unavailable)
                        : Future.succeededFuture(List.of())) // 401/403/404: this caller sees no filings
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
                vehicle = object.remove("vehicle");
            }
            return Future.succeededFuture(new Dossier(vin, vehicle, historyNode, filings.result(),
                    !unavailable.isEmpty(), List.copyOf(unavailable)));
        });
    }

    /** Screened: past SUBMITTED (and not a DRAFT or withdrawn before screening), so it carries a verdict. */
    static boolean screened(Dossier.FilingWithVerdict f) {
        return f.filing() != null && f.filing().hasNonNull("verdict");
    }

    private Future<List<Dossier.FilingWithVerdict>> withVerdicts(List<JsonNode> items, MultiMap headers,
            Set<String> unavailable) {
        List<Future<Dossier.FilingWithVerdict>> all = new ArrayList<>();
        for (JsonNode filing : items) {
            JsonNode inline = firstPresent(filing, "verdict", "screening", "evaluation");
            JsonNode evaluationId = filing.get("evaluationId");
            if (inline != null || evaluationId == null || !evaluationId.isTextual()) {
                all.add(Future.succeededFuture(new Dossier.FilingWithVerdict(filing, inline)));
                continue;
            }
            String uri = "/api/v1/evaluations/" + URLEncoder.encode(evaluationId.asText(), StandardCharsets.UTF_8);
            all.add(answered(backends.get(Backend.COMPLIANCE, uri, headers))
                    .map(reply -> new Dossier.FilingWithVerdict(filing, reply.status() == 200 ? parse(reply) : null))
                    .recover(failure -> {
                        synchronized (unavailable) {
                            unavailable.add(Backend.COMPLIANCE.serviceName());
                        }
                        return Future.succeededFuture(new Dossier.FilingWithVerdict(filing, null));
                    }));
        }
        return Future.join(all).map(done -> all.stream().map(Future::result).toList());
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
        JsonNode items = page.isArray() ? page : page.path("items");
        items.forEach(list::add);
        return list;
    }

    private static JsonNode firstPresent(JsonNode node, String... fields) {
        for (String field : fields) {
            JsonNode value = node.get(field);
            if (value != null && !value.isNull()) {
                return value;
            }
        }
        return null;
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
