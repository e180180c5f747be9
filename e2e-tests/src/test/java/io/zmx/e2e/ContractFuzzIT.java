package io.zmx.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.Request;
import com.atlassian.oai.validator.model.SimpleResponse;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.zmx.e2e.Contract.Operation;
import io.zmx.e2e.Contract.Parameter;
import io.zmx.e2e.FilingJourneyIT.Fixtures;
import io.zmx.local.Api;
import io.zmx.local.Clients;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 10, "must show": a contract-driven fuzz suite. For every operation of the gateway's merged partner
 * contract and several callers, seeded pseudo-random valid and invalid requests (path, query, headers, body,
 * media type) go through the gateway to the running services. No answer may be a 5xx; every error must be
 * application/problem+json with a status the contract documents for that operation (or shares for all);
 * every 2xx JSON body must validate against the contract. A failure names the seed, so it replays exactly:
 * {@code -Dzmx.fuzz.seed=...}; {@code -Dzmx.fuzz.perCaller=N} sets how many requests each caller sends to
 * each operation.
 *
 * <p>Writes never send a request that could change data other tests rely on: transitions act on the fuzzer's
 * own filing, vehicle writes on its own vehicle, rule-set writes on a jurisdiction nobody uses, and quota and
 * reference-price bodies are always broken.
 */
@Timeout(value = 170, unit = TimeUnit.SECONDS)
class ContractFuzzIT {

    static final ObjectMapper JSON = new ObjectMapper().registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule())
            .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    static final JsonNodeFactory F = JsonNodeFactory.instance;
    static final long SEED = Long.getLong("zmx.fuzz.seed", 20261129L);
    static final int PER_CALLER = Integer.getInteger("zmx.fuzz.perCaller", 10);
    /** Role names in the contract → a local client with that role. */
    static final Map<String, String> CLIENT_OF_ROLE = Map.of("admin", "zmx-admin", "exporter", "exporter-chengdu",
            "manufacturer", "manufacturer-byd", "registrar", "registrar-cn-sc", "customs", "customs-cn",
            "agency", "agency-kz", "analyst", "analyst", "rule-author", "rule-author", "export-service", "export-service");
    /** Writes whose well-formed bodies could change what other tests see: only broken bodies are sent. */
    static final Set<String> ALWAYS_BROKEN = Set.of("POST /api/v1/quotas", "POST /api/v1/reference-prices",
            "POST /api/v1/exchange-rates", "POST /api/v1/exporter-negative-list", "POST /api/v1/official-representatives");
    /** Statuses any operation may answer at the edge (auth, rate limit, media type, size limits). */
    static final Set<String> EDGE = Set.of("401", "406", "413", "414", "415", "429", "431");

    static Contract contract;
    static OpenApiInteractionValidator validator;
    static String vin;
    static String filingId;
    static final Map<String, List<String>> KNOWN = new HashMap<>();

    record Probe(String client, String method, String path, String body, String contentType, Map<String, String> headers,
                 String kind) {
        String describe() {
            String b = body == null ? "" : " body=" + (body.length() > 160 ? body.substring(0, 160) + "…(" + body.length() + ")" : body);
            return method + " " + (path.length() > 200 ? path.substring(0, 200) + "…" : path) + " as "
                    + (client == null ? "anonymous" : client) + " [" + kind + "]"
                    + (contentType == null ? "" : " ct=" + contentType) + b;
        }
    }

    @BeforeAll
    static void fixture() {
        Path root = Path.of(System.getProperty("zmx.root", "..")).toAbsolutePath().normalize();
        contract = Contract.load(root);
        validator = OpenApiInteractionValidator.createForInlineApiSpecification(io.zmx.edge.OpenApi30.of(contract.root)).build();
        Api api = Suite.gateway();
        LocalDate registered = Fixtures.today().minusDays(20);
        vin = Fixtures.registerBydWithHistory(api, registered, 6);
        filingId = Fixtures.fileExport(api, "exporter-chengdu", vin, "KZ", Fixtures.today().plusDays(5), 6, "COMPANY", null)
                .get("id").asText();
        Fixtures.awaitScreened(api, "exporter-chengdu", filingId);
        // identifiers that exist, so valid requests reach real resources
        KNOWN.put("vin", List.of(vin));
        KNOWN.put("ref", List.of(filingId));
        KNOWN.put("jurisdiction", List.of("CN", "KZ", "ZZ"));
        KNOWN.put("version", List.of("1", "2"));
        // an exporter that has filings, and a well-formed code that has none
        KNOWN.put("creditCode", List.of(String.valueOf(io.zmx.local.Clients.byId("exporter-chengdu").claims().get("zmx_credit_code")),
                "91510100MA61234567"));
        List<String> ids = new ArrayList<>();
        JsonNode screened = api.get("zmx-admin", "/api/v1/filings/" + filingId).body();
        String evaluation = screened.at("/verdict/evaluation/id").asText("");
        if (!evaluation.isEmpty()) {
            ids.add(evaluation);
        }
        JsonNode prices = api.get("zmx-admin", "/api/v1/reference-prices?size=1").body();
        if (prices != null && prices.path("items").size() > 0) {
            ids.add(prices.path("items").get(0).path("id").asText());
        }
        ids.add(UUID.randomUUID().toString());
        ids.add("1");
        KNOWN.put("id", ids);
    }

    /** One fuzz run (deterministic for a seed), shared by the assertions below. */
    static synchronized Map<String, List<String>> findings() {
        if (FINDINGS != null) {
            return FINDINGS;
        }
        Api api = Suite.gatewayUnchecked();
        Random random = new Random(SEED);
        Set<String> shared = new LinkedHashSet<>(EDGE);
        shared.addAll(contract.sharedStatuses());
        Map<String, List<String>> findings = new TreeMap<>();
        Map<String, Integer> statusCounts = new TreeMap<>();
        Set<String> untyped2xx = new LinkedHashSet<>();
        int sent = 0;
        Instant started = Instant.now();

        for (Operation op : contract.operations) {
            for (String client : callers(op, random)) {
                for (int i = 0; i < PER_CALLER; i++) {
                    Probe probe = probe(op, client, i, random);
                    Api.Reply reply;
                    try {
                        reply = api.request(probe.client(), probe.method(), probe.path(), probe.body(), probe.contentType(),
                                probe.headers());
                    } catch (RuntimeException e) {
                        record(findings, op, "no answer (connection failed)", probe, e.getMessage());
                        continue;
                    }
                    sent++;
                    statusCounts.merge(op.id() + " " + reply.status(), 1, Integer::sum);
                    check(op, probe, reply, shared, findings, untyped2xx);
                }
            }
        }

        System.out.printf("[fuzz] seed %d: %d requests in %d s over %d operations%n", SEED, sent,
                java.time.Duration.between(started, Instant.now()).toSeconds(), contract.operations.size());
        statusCounts.forEach((k, v) -> System.out.println("[fuzz]   " + k + " × " + v));
        untyped2xx.forEach(o -> System.out.println("[fuzz] 2xx schema too loose to check anything: " + o));
        FINDINGS = findings;
        return findings;
    }

    static Map<String, List<String>> FINDINGS;

    /** Issue 10 point 2: bad input is never a 5xx, and every error is a problem the caller can read. */
    @Test
    void noRequestIsAnsweredWith5xxAndEveryErrorIsAProblem() {
        assertNone(category -> category.contains(": 5xx ") || category.contains("no answer")
                || category.contains("is not problem+json") || category.contains("problem without matching status"));
    }

    /** Every status is one the contract documents for the operation, and every 2xx body is what the contract says. */
    @Test
    void everyAnswerIsOneThePartnerContractDocuments() {
        assertNone(category -> category.contains(" not documented") || category.contains("body does not match the contract"));
    }

    static void assertNone(java.util.function.Predicate<String> category) {
        StringBuilder report = new StringBuilder();
        int count = 0;
        for (Map.Entry<String, List<String>> f : findings().entrySet()) {
            if (category.test(f.getKey())) {
                count++;
                report.append("\n  ").append(f.getKey()).append(" ×").append(f.getValue().size()).append(": e.g. ")
                        .append(f.getValue().get(0));
            }
        }
        System.out.println("[fuzz] findings:" + report);
        assertTrue(count == 0, count + " finding(s) with seed " + SEED + " (-Dzmx.fuzz.seed=" + SEED + " replays them):"
                + report);
    }

    // ---------------------------------------------------------------------------------------------- checks

    static void check(Operation op, Probe probe, Api.Reply reply, Set<String> shared, Map<String, List<String>> findings,
                      Set<String> untyped2xx) {
        int status = reply.status();
        String contentType = String.valueOf(reply.header("Content-Type"));
        String answer = status + " " + abbreviate(reply.raw(), 300);
        if (status >= 500) {
            record(findings, op, "5xx " + status, probe, answer);
            return;
        }
        if (status >= 400) {
            if (!contentType.startsWith("application/problem+json")) {
                record(findings, op, status + " is not problem+json (" + contentType + ")", probe, answer);
            } else if (reply.body() == null || reply.body().path("status").asInt() != status) {
                record(findings, op, status + " problem without matching status member", probe, answer);
            }
            String s = String.valueOf(status);
            if (!op.statuses().contains(s) && !op.statuses().contains("default") && !shared.contains(s)) {
                record(findings, op, status + " not documented", probe, answer);
            }
            return;
        }
        if (!op.statuses().contains(String.valueOf(status)) && !op.statuses().contains("2XX")) {
            record(findings, op, status + " not documented", probe, answer);
        }
        if (reply.raw() == null || reply.raw().isEmpty() || !contentType.contains("json")) {
            return;
        }
        String path = probe.path().contains("?") ? probe.path().substring(0, probe.path().indexOf('?')) : probe.path();
        ValidationReport result = validator.validateResponse(path, Request.Method.valueOf(op.method().toUpperCase()),
                SimpleResponse.Builder.status(status).withContentType(contentType.replaceAll(";.*", ""))
                        .withBody(reply.raw()).build());
        List<String> errors = new ArrayList<>();
        for (ValidationReport.Message m : result.getMessages()) {
            // the body and its media type; a hostile path the contract has no template for is not the body's fault
            if (m.getLevel() == ValidationReport.Level.ERROR && m.getKey().startsWith("validation.response.")
                    && !m.getKey().startsWith("validation.response.path")) {
                errors.add(m.getMessage());
            }
        }
        if (!errors.isEmpty()) {
            record(findings, op, status + " body does not match the contract: " + abbreviate(errors.get(0), 200), probe,
                    abbreviate(reply.raw(), 300));
        }
        if (untyped(contract.resolve(successSchema(op, status)))) {
            untyped2xx.add(op.id() + " " + status);
        }
    }

    static JsonNode successSchema(Operation op, int status) {
        JsonNode responses = contract.root.path("paths").path(op.path()).path(op.method()).path("responses");
        JsonNode content = contract.resolve(responses.path(String.valueOf(status))).path("content");
        Iterator<JsonNode> media = content.elements();
        return media.hasNext() ? media.next().path("schema") : F.missingNode();
    }

    /** A schema that accepts anything or any object: the validator cannot catch a wrong body. */
    static boolean untyped(JsonNode schema) {
        if (schema == null || schema.isMissingNode() || schema.isEmpty()) {
            return true;
        }
        JsonNode s = contract.resolve(schema);
        String type = s.path("type").asText("");
        if (type.equals("object") || type.isEmpty()) {
            return s.path("properties").isEmpty() && !s.has("items") && !s.has("allOf") && !s.has("oneOf")
                    && !s.has("anyOf") && !s.has("enum");
        }
        if (type.equals("array")) {
            return untyped(s.path("items"));
        }
        return false;
    }

    static void record(Map<String, List<String>> findings, Operation op, String what, Probe probe, String answer) {
        findings.computeIfAbsent(op.id() + ": " + what, k -> new ArrayList<>()).add(probe.describe() + " → " + answer);
    }

    static String abbreviate(String s, int max) {
        if (s == null) {
            return "";
        }
        String flat = s.replaceAll("\\s+", " ");
        return flat.length() > max ? flat.substring(0, max) + "…" : flat;
    }

    // ---------------------------------------------------------------------------------------------- callers

    /** Admin, every role the operation names, one role it does not name, and (sometimes) no token at all. */
    static List<String> callers(Operation op, Random random) {
        Set<String> callers = new LinkedHashSet<>();
        callers.add("zmx-admin");
        for (String role : op.roles()) {
            String client = CLIENT_OF_ROLE.get(role);
            if (client != null && !role.equals("export-service")) {
                callers.add(client);
            }
        }
        if (op.roles().isEmpty()) {
            callers.add("agency-kz");
        }
        List<String> others = new ArrayList<>(List.of("exporter-shenzhen", "agency-uz", "analyst", "rule-author",
                "manufacturer-byd", "registrar-cn-sc", "customs-cn"));
        others.removeAll(callers);
        if (!others.isEmpty()) {
            callers.add(others.get(random.nextInt(others.size())));
        }
        List<String> list = new ArrayList<>(callers);
        if (op.secured() && random.nextInt(3) == 0) {
            list.add(null);
        }
        return list;
    }

    // ---------------------------------------------------------------------------------------------- generation

    static Probe probe(Operation op, String client, int round, Random random) {
        // round 0: a well-formed request; then one kind of hostility per request
        String kind = round == 0 ? "valid" : pick(random, op.bodies().isEmpty()
                ? List.of("path", "query", "query", "header", "query-overflow")
                : List.of("path", "query", "header", "body-missing", "body-type", "body-unknown", "body-control",
                        "body-long", "body-number", "body-date", "body-malformed", "media-type", "body-valid"));
        boolean brokenOnly = ALWAYS_BROKEN.contains(op.id()) || (op.write() && op.path().contains("/rule-sets/")
                && !op.path().endsWith("/backtest"));

        Map<String, String> pathValues = new LinkedHashMap<>();
        for (Parameter p : op.parameters()) {
            if (p.in().equals("path")) {
                pathValues.put(p.name(), pathValue(op, p, random));
            }
        }
        if (kind.equals("path") && !pathValues.isEmpty()) {
            String name = pick(random, new ArrayList<>(pathValues.keySet()));
            pathValues.put(name, hostileSegment(random));
        }
        String path = op.path();
        for (Map.Entry<String, String> e : pathValues.entrySet()) {
            path = path.replace("{" + e.getKey() + "}", e.getValue());
        }

        List<String> query = new ArrayList<>();
        for (Parameter p : op.parameters()) {
            if (p.in().equals("query") && (p.required() || random.nextInt(3) == 0)) {
                query.add(p.name() + "=" + enc(validScalar(p.name(), p.schema(), random)));
            }
        }
        List<Parameter> queryParams = op.parameters().stream().filter(p -> p.in().equals("query")).toList();
        if ((kind.equals("query") || kind.equals("query-overflow")) && !queryParams.isEmpty()) {
            Parameter p = pick(random, queryParams);
            query.removeIf(q -> q.startsWith(p.name() + "="));
            String value = kind.equals("query-overflow") ? pick(random, List.of("2147483647", "2147483648",
                    "9223372036854775807", "-2147483648", "99999999999999999999")) : hostileQueryValue(p, random);
            query.add(p.name() + "=" + value);
            if (queryParams.stream().anyMatch(q -> q.name().equals("size")) && kind.equals("query-overflow")) {
                query.add("size=200");
            }
        }
        if (!query.isEmpty()) {
            path = path + "?" + String.join("&", query);
        }
        if (op.id().equals("POST /api/v1/filings") && !path.contains("submit=")) {
            path = path + (path.contains("?") ? "&" : "?") + "submit=" + random.nextBoolean();
        }

        Map<String, String> headers = new LinkedHashMap<>();
        for (Parameter p : op.parameters()) {
            if (p.in().equals("header") && p.name().equalsIgnoreCase("Idempotency-Key")) {
                headers.put("Idempotency-Key", UUID.randomUUID().toString());
            }
        }
        if (kind.equals("header")) {
            switch (random.nextInt(5)) {
                case 0 -> headers.put("If-Match", pick(random, List.of("W/\"1\"", "\"", "*", "\"999999\"", "garbage")));
                case 1 -> headers.put("Idempotency-Key", "k".repeat(random.nextInt(2) == 0 ? 300 : 5000));
                case 2 -> headers.put("Accept", pick(random, List.of("application/xml", "text/csv", "image/png")));
                case 3 -> headers.put("X-Forwarded-For", "127.0.0.1, 10.0.0.1");
                default -> headers.put("Idempotency-Key", "");
            }
        }

        String body = null;
        String contentType = null;
        if (!op.bodies().isEmpty()) {
            String media = op.bodies().containsKey("application/json") ? "application/json"
                    : pick(random, new ArrayList<>(op.bodies().keySet()));
            contentType = media;
            JsonNode valid = validBody(op, media, random);
            body = valid == null ? null : valid.toString();
            if (media.equals("application/json")) {
                body = mutate(kind, (JsonNode) (valid == null ? F.objectNode() : valid), random, brokenOnly);
                if (kind.equals("media-type")) {
                    contentType = pick(random, List.of("text/plain", "application/xml", "application/x-www-form-urlencoded",
                            "application/json; charset=ISO-8859-1", "multipart/form-data; boundary=x"));
                }
            } else {
                body = textBody(media, kind, random);
            }
        } else if (op.write() && kind.startsWith("body")) {
            body = "{\"unexpected\":true}";
            contentType = "application/json";
        }
        return new Probe(client, op.method().toUpperCase(), path, body, contentType, headers, kind);
    }

    static String pathValue(Operation op, Parameter p, Random random) {
        if (op.method().equals("delete")) {
            // deletes only ever name what does not exist: other tests' reference data stays
            return switch (p.name()) {
                case "currency" -> "ZZZ";
                case "validOn" -> "2199-12-31";
                default -> UUID.randomUUID().toString();
            };
        }
        if (op.write() && p.name().equals("jurisdiction")) {
            return "ZZ"; // nobody's rules change
        }
        List<String> known = KNOWN.get(p.name());
        if (known != null) {
            return pick(random, known);
        }
        return validScalar(p.name(), p.schema(), random);
    }

    static String hostileSegment(Random random) {
        return pick(random, List.of("%00", "%0A", "%2e%2e%2F%2e%2e%2Fq%2Fhealth", "'%20OR%201=1--", "-1", "0",
                "99999999999999999999", "x".repeat(3000), "%C3%A9%E2%82%AC", "%F0%9F%9A%97", "null",
                "LGXCA4CB0S0500001", UUID.randomUUID().toString(), "ZMX-2026-0000001", "%25", "a%2Fb", "%20"));
    }

    static String hostileQueryValue(Parameter p, Random random) {
        String type = p.schema().path("type").asText("");
        String format = p.schema().path("format").asText("");
        List<String> values = new ArrayList<>(List.of("%00", "abc", "", "%20", "x".repeat(2000), "%F0%9F%9A%97",
                "'%3B%20DROP%20TABLE%20filings--"));
        if (type.equals("integer")) {
            values.addAll(List.of("-1", "1.5", "1e3", "2147483648", "-2147483649", "0x10"));
        }
        if (format.equals("date") || p.name().toLowerCase().matches(".*(date|asof|from|to|on)")) {
            values.addAll(List.of("2026-02-30", "+999999999-12-31", "-999999999-01-01", "0000-00-00", "2026-13-01",
                    "2026-01-01T00:00:00Z", "20260101"));
        }
        if (contract.resolve(p.schema()).has("enum")) {
            values.addAll(List.of("BOGUS", "held", "HELD%00"));
        }
        return pick(random, values);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** A plausible value for a named scalar, from the contract's enum, examples, format and bounds. */
    static String validScalar(String name, JsonNode schema, Random random) {
        JsonNode s = contract.resolve(schema);
        JsonNode v = valueFor(name, s, random, 0);
        return v.isTextual() ? v.asText() : v.toString();
    }

    static JsonNode validBody(Operation op, String media, Random random) {
        String id = op.id();
        if (id.equals("POST /api/v1/filings") || id.startsWith("PUT /api/v1/filings/")) {
            return JSON.valueToTree(Fixtures.filingRequest("exporter-chengdu", vin, "KZ", Fixtures.today().plusDays(5), 6,
                    "COMPANY", null));
        }
        if (id.equals("POST /api/v1/vehicles")) {
            ObjectNode vehicle = F.objectNode();
            vehicle.put("vin", Fixtures.vin("LGX", 2026, FilingJourneyIT.SERIAL.incrementAndGet()));
            vehicle.put("make", "BYD").put("model", "Song Plus DM-i").put("fuelType", "PHEV").put("driveSide", "LHD")
                    .put("productionDate", LocalDate.now().minusDays(40).toString()).put("plantCountry", "CN");
            return vehicle;
        }
        if (id.endsWith("/odometer-readings")) {
            return F.objectNode().put("date", LocalDate.now().minusDays(2).toString()).put("km", 7 + random.nextInt(5))
                    .put("source", "INSPECTION");
        }
        if (media.equals("application/json")) {
            JsonNode schema = op.bodies().get(media);
            return valueFor("body", contract.resolve(schema), random, 0);
        }
        return null;
    }

    static JsonNode valueFor(String name, JsonNode schema, Random random, int depth) {
        JsonNode s = contract.resolve(schema);
        if (s.has("allOf") && s.get("allOf").size() > 0) {
            s = contract.resolve(s.get("allOf").get(0));
        }
        JsonNode known = knownValue(name);
        if (known != null) {
            return known;
        }
        if (s.has("enum") && s.get("enum").size() > 0) {
            return s.get("enum").get(random.nextInt(s.get("enum").size()));
        }
        if (s.has("examples") && s.get("examples").isArray() && s.get("examples").size() > 0) {
            return s.get("examples").get(random.nextInt(s.get("examples").size()));
        }
        if (s.has("example")) {
            return s.get("example");
        }
        if (s.has("default")) {
            return s.get("default");
        }
        String type = s.path("type").isArray() ? s.path("type").get(0).asText() : s.path("type").asText("");
        String format = s.path("format").asText("");
        switch (type) {
            case "integer", "number" -> {
                long min = s.has("minimum") ? s.get("minimum").asLong() : 0;
                long max = s.has("maximum") ? s.get("maximum").asLong() : Math.max(min, 0) + 100;
                return F.numberNode(min + (max > min ? (long) (random.nextDouble() * Math.min(max - min, 1000)) : 0));
            }
            case "boolean" -> {
                return F.booleanNode(random.nextBoolean());
            }
            case "array" -> {
                ArrayNode a = F.arrayNode();
                if (depth < 4) {
                    int n = Math.max(s.path("minItems").asInt(0), random.nextInt(2));
                    for (int i = 0; i < n; i++) {
                        a.add(valueFor(name, s.path("items"), random, depth + 1));
                    }
                }
                return a;
            }
            case "object", "" -> {
                ObjectNode o = F.objectNode();
                if (depth < 4 && s.has("properties")) {
                    Set<String> required = new LinkedHashSet<>();
                    s.path("required").forEach(r -> required.add(r.asText()));
                    for (Iterator<Map.Entry<String, JsonNode>> it = s.get("properties").fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = it.next();
                        if (required.contains(e.getKey()) || random.nextBoolean()) {
                            if (contract.resolve(e.getValue()).path("readOnly").asBoolean()) {
                                continue;
                            }
                            o.set(e.getKey(), valueFor(e.getKey(), e.getValue(), random, depth + 1));
                        }
                    }
                }
                return o;
            }
            default -> {
                return switch (format) {
                    case "date" -> F.textNode(LocalDate.now().plusDays(random.nextInt(30)).toString());
                    case "date-time" -> F.textNode(Instant.now().toString());
                    case "uuid" -> F.textNode(UUID.randomUUID().toString());
                    default -> F.textNode(name.length() > 2 ? "fuzz " + name : "KZ");
                };
            }
        }
    }

    /** Field names whose valid values the contract cannot express (check digits, codes, tenants). */
    static JsonNode knownValue(String name) {
        return switch (name) {
            case "vin" -> F.textNode(vin);
            case "exporterCreditCode" -> F.textNode(Clients.EXPORTER_CHENGDU);
            case "destination", "country" -> F.textNode("KZ");
            case "origin", "plantCountry" -> F.textNode("CN");
            case "currency" -> F.textNode("USD");
            case "region" -> F.textNode("CN-SC");
            case "hsCode" -> F.textNode("8703601090");
            case "make", "maker" -> F.textNode("BYD");
            case "jurisdiction" -> F.textNode("ZZ"); // a rule set nobody else reads
            default -> null;
        };
    }

    static String mutate(String kind, JsonNode valid, Random random, boolean brokenOnly) {
        ObjectNode o = valid instanceof ObjectNode obj ? obj.deepCopy() : null;
        List<String> fields = new ArrayList<>();
        if (o != null) {
            o.fieldNames().forEachRemaining(fields::add);
        }
        String effective = kind;
        if (brokenOnly) {
            effective = "body-malformed"; // a dropped optional field or a lucky value could still make a valid body
        }
        if (o == null || fields.isEmpty()) {
            return effective.startsWith("body-") && !effective.equals("body-valid") ? malformed(random) : valid.toString();
        }
        String field = pick(random, fields);
        switch (effective) {
            case "body-missing" -> o.remove(field);
            case "body-type" -> o.set(field, pick(random, List.<JsonNode>of(F.numberNode(42), F.textNode("42"),
                    F.booleanNode(true), F.arrayNode().add(1), F.objectNode().put("x", 1), F.nullNode())));
            case "body-unknown" -> o.put("unexpected" + random.nextInt(100), "x");
            case "body-control" -> o.put(field, pick(random, List.of("a\u0000b", "\u0000", "x\u0007y", "\u001b[31m",
                    "\uFEFFbom", "line\r\nbreak")));
            case "body-long" -> o.put(field, "x".repeat(pick(random, List.of(201, 2001, 70_000))));
            case "body-number" -> o.set(field, pick(random, List.<JsonNode>of(F.numberNode(2147483648L),
                    F.numberNode(-1), F.numberNode(15.7), F.numberNode(1e308), F.numberNode(new java.math.BigInteger(
                            "123456789012345678901234567890")), F.textNode("15"), F.numberNode(-2147483649L))));
            case "body-date" -> o.put(field, pick(random, List.of("+999999999-12-31", "-999999999-01-01", "2026-02-30",
                    "0000-01-01", "2026-01-01T00:00:00Z", "1e9", "99999-01-01")));
            case "body-malformed" -> {
                return malformed(random);
            }
            default -> {
                // valid, body-valid and the non-body kinds keep the well-formed body
            }
        }
        return o.toString();
    }

    static String malformed(Random random) {
        return pick(random, List.of("{", "{\"a\":1} trailing", "{}{}", "{\"vin\":\"A\",\"vin\":\"B\"}", "", "null",
                "[]", "\"text\"", "[".repeat(3000) + "]".repeat(3000), "{\"a\":\"\\ud800\"}", "{'single':'quotes'}",
                "{\"a\":1,}", "\u0000"));
    }

    static String textBody(String media, String kind, Random random) {
        if (media.contains("ndjson")) {
            return pick(random, List.of("{\"type\":\"vehicle\"}\n", "{\"vin\":\"A\u0000\"}\n", "not json\n{}\n", "\n",
                    "{}\n".repeat(50)));
        }
        return pick(random, List.of("vin,make\nLGXCA4CB0S0500001,BYD\n", "vin,make\n\"unterminated,BYD\n", "\u0000\n",
                "", "a;b;c\n1;2;3\n"));
    }

    static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }
}
