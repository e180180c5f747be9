package io.zmx.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.zmx.local.Api;
import io.zmx.local.Clients;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every operation of the gateway's merged partner contract × every client of the realm (and an anonymous
 * caller), through the gateway and directly at the owning service, against the running suite:
 * <ul>
 * <li>a caller whose realm roles are not among the operation's roles (the scopes of its security requirement,
 *     i.e. the service's {@code @RolesAllowed}) gets 403 from the gateway and 403 from the service;</li>
 * <li>an anonymous caller gets 401 from both;</li>
 * <li>any other caller gets the same status through the gateway as from the service, never a 5xx: the gateway
 *     and the services agree on every cell.</li>
 * </ul>
 * Writes carry a body refused on its content ({@code {}}; a bare CSV header for imports, which only records an
 * empty job) and a stale {@code If-Match}, so they are refused (400/404/409/412/428) without changing data. Then the tenant cells: the registry's field-level lines (registry-service/README.md) and the
 * dossier, and the filing scoping of exporters and agencies.
 */
class AuthorizationMatrixIT {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final Path ROOT = Path.of(System.getProperty("zmx.root", "..")).toAbsolutePath().normalize();
    static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    /** The fixture: a vehicle registered to exporter-chengdu, filed by it for KZ and HELD after screening. */
    static String vin;
    static String filingId;
    /** And a webhook endpoint of agency-kz's, with a receiver on loopback behind it. */
    static WebhookReceiver receiver;
    static String kzEndpoint;

    /** One operation of the merged contract; {@code mediaType} is the first its request body accepts, or null. */
    record Operation(String service, String method, String template, Set<String> roles, String mediaType) {
        String name() {
            return method + " " + template;
        }
    }

    @BeforeAll
    static void fixture() {
        Api api = Suite.gateway();
        LocalDate registered = FilingJourneyIT.Fixtures.today().minusDays(15);
        vin = FilingJourneyIT.Fixtures.registerBydWithHistory(api, registered, 3);
        // no after-sales confirmation 15 days after registration: held by the 180-day rule
        JsonNode filing = FilingJourneyIT.Fixtures.fileExport(api, "exporter-chengdu", vin, "KZ",
                FilingJourneyIT.Fixtures.today().plusDays(5), 3, "PERSON", null);
        filingId = filing.get("id").asText();
        JsonNode screened = FilingJourneyIT.Fixtures.awaitScreened(api, "exporter-chengdu", filingId);
        assertEquals("HELD", screened.get("status").asText(), "fixture filing must be held: " + screened);
        receiver = new WebhookReceiver();
        kzEndpoint = api.post("agency-kz", "/api/v1/webhooks", Map.of("url", receiver.url(), "eventTypes", List.of("alert.raised")))
                .expect(201).body().get("id").asText();
    }

    @AfterAll
    static void dropEndpoint() {
        if (kzEndpoint != null) {
            Suite.gateway().request("agency-kz", "DELETE", "/api/v1/webhooks/" + kzEndpoint, null, null, Map.of()).expect(204);
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    static List<Operation> operations() throws IOException {
        Map<String, String> owner = new LinkedHashMap<>();
        for (String service : List.of("registry-service", "compliance-service", "export-service")) {
            JsonNode contract = YAML.readTree(ROOT.resolve(service).resolve("src/main/openapi/openapi.yaml").toFile());
            contract.path("paths").fields().forEachRemaining(p -> p.getValue().fieldNames().forEachRemaining(m ->
                    owner.put(m.toUpperCase(Locale.ROOT) + " " + p.getKey(), service)));
        }
        JsonNode merged = YAML.readTree(ROOT.resolve("gateway/src/main/openapi/openapi.yaml").toFile());
        List<Operation> ops = new ArrayList<>();
        merged.path("paths").fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(op -> {
            if (!METHODS.contains(op.getKey())) {
                return;
            }
            Set<String> roles = new TreeSet<>();
            op.getValue().path("security").forEach(r -> r.fields().forEachRemaining(s -> s.getValue()
                    .forEach(role -> roles.add(role.asText()))));
            String method = op.getKey().toUpperCase(Locale.ROOT);
            java.util.Iterator<String> media = op.getValue().path("requestBody").path("content").fieldNames();
            ops.add(new Operation(owner.getOrDefault(method + " " + p.getKey(), "gateway"), method, p.getKey(), roles,
                    media.hasNext() ? media.next() : null));
        }));
        return ops;
    }

    static String concrete(String template) {
        return template.replace("{vin}", vin).replace("{ref}", filingId).replace("{jurisdiction}", "CN")
                .replace("{version}", "999").replace("{currency}", "CNY").replace("{validOn}", "2026-01-01")
                .replace("{creditCode}", Clients.EXPORTER_CHENGDU).replace("{id}", "0b9d8a2e-4a5b-4c7e-9f00-1a2b3c4d5e6f")
                .replace("{deliveryId}", "5c1e7f3a-2b4d-4e6f-8a9b-0c1d2e3f4a5b");
    }

    static String direct(String service) {
        var ports = Suite.stack().ports();
        int port = switch (service) {
            case "registry-service" -> ports.registry();
            case "compliance-service" -> ports.compliance();
            default -> ports.export();
        };
        return "http://127.0.0.1:" + port;
    }

    static final java.net.http.HttpClient HTTP = java.net.http.HttpClient.newHttpClient();

    record Answer(int status, String body) {}

    /**
     * The operation as {@code client} (null: anonymous) at {@code base}. A request body, when the operation takes
     * one, is of its first media type and refused on its content ({@code {}}, or a CSV header alone), so no
     * role check hides behind a 415; writes carry a stale If-Match.
     */
    static Answer call(String base, String client, Operation op) throws Exception {
        var b = java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + concrete(op.template())))
                .timeout(java.time.Duration.ofSeconds(60)).header("Accept", "application/json");
        if (client != null) {
            b.header("Authorization", "Bearer " + Suite.gateway().token(client));
        }
        if (!op.method().equals("GET")) {
            b.header("If-Match", "\"0\"");
        }
        if (op.mediaType() == null) {
            b.method(op.method(), java.net.http.HttpRequest.BodyPublishers.noBody());
        } else {
            String body = op.mediaType().equals("application/json") ? "{}" : "vin\n";
            b.header("Content-Type", op.mediaType()).method(op.method(), java.net.http.HttpRequest.BodyPublishers.ofString(body));
        }
        var r = HTTP.send(b.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body());
    }

    @TestFactory
    Stream<DynamicTest> everyOperationEveryClientGatewayAndServiceAgree() throws IOException {
        List<Operation> ops = operations();
        assertTrue(ops.size() >= 49, "the merged contract lost operations: " + ops.size());
        String gateway = Suite.stack().gatewayUrl();
        List<String> callers = new ArrayList<>(Clients.ALL.stream().map(Clients.Client::id).toList());
        callers.add("anonymous");
        return ops.stream().flatMap(op -> callers.stream().map(caller -> DynamicTest.dynamicTest(op.name() + " as " + caller, () -> {
            assertTrue(!op.roles().isEmpty(), op.name() + " names no role: every operation needs one");
            String client = caller.equals("anonymous") ? null : caller;
            boolean allowed = client != null && Clients.byId(client).roles().stream().anyMatch(op.roles()::contains);
            Answer viaGateway = call(gateway, client, op);
            assertTrue(viaGateway.status() < 500, op.name() + " as " + caller + " through the gateway: " + viaGateway.body());
            if (client == null) {
                assertEquals(401, viaGateway.status(), op.name() + " anonymous through the gateway");
            } else if (!allowed) {
                assertEquals(403, viaGateway.status(), op.name() + " as " + caller + " (roles " + op.roles() + ") through the gateway");
            }
            if (op.service().equals("gateway")) {
                return; // the gateway's own operation (the dossier): its cells are below
            }
            Answer atService = call(direct(op.service()), client, op);
            assertEquals(viaGateway.status(), atService.status(), op.name() + " as " + caller
                    + ": the gateway answered " + viaGateway.status() + ", " + op.service() + " " + atService.status()
                    + " (" + atService.body() + ")");
        })));
    }

    /** Whether a feed page has an event of {@code filing}. */
    static boolean mentions(JsonNode page, String filing) {
        for (JsonNode e : page.path("items")) {
            if (filing.equals(e.path("filingId").asText())) {
                return true;
            }
        }
        return false;
    }

    record Cell(String name, String caller, int status, java.util.function.Consumer<JsonNode> body) {}

    static void none(JsonNode ignored) {}

    @TestFactory
    Stream<DynamicTest> tenantLines() {
        String plate = "川A" + vin.substring(12);
        java.util.function.Consumer<JsonNode> ownersAndPlates = h -> {
            assertEquals(plate, h.path("registrations").get(0).path("plate").asText());
            assertEquals(Clients.EXPORTER_CHENGDU, h.path("registrations").get(0).path("ownerId").asText());
        };
        java.util.function.Consumer<JsonNode> withoutOwnersOrPlates = h -> {
            assertTrue(h.path("registrations").get(0).path("plate").isNull(), "plate withheld: " + h);
            assertTrue(h.path("registrations").get(0).path("ownerId").isNull(), "owner withheld: " + h);
            assertTrue(!h.toString().contains(plate), "plate nowhere: " + h);
        };
        String history = "/api/v1/vehicles/" + vin + "/history";
        String dossier = "/api/v1/vehicles/" + vin + "/dossier";
        String held = "/api/v1/events?type=filing.held&limit=500";
        String hook = "/api/v1/webhooks/" + kzEndpoint;
        List<Cell> cells = List.of(
                // registry field-level lines (registry-service/README.md), through the gateway
                new Cell(history, "zmx-admin", 200, ownersAndPlates),
                new Cell(history, "registrar-cn-sc", 200, ownersAndPlates),
                new Cell(history, "customs-cn", 200, ownersAndPlates),
                new Cell(history, "exporter-chengdu", 200, ownersAndPlates), // its own vehicle, in full
                new Cell(history, "exporter-shenzhen", 404, AuthorizationMatrixIT::none), // not its vehicle: nothing
                new Cell("/api/v1/vehicles/" + vin, "exporter-shenzhen", 404, AuthorizationMatrixIT::none),
                new Cell(history, "manufacturer-byd", 200, withoutOwnersOrPlates),
                new Cell(history, "agency-kz", 403, AuthorizationMatrixIT::none), // agencies: through the dossier
                new Cell(history, "agency-uz", 403, AuthorizationMatrixIT::none),
                new Cell(history, "analyst", 403, AuthorizationMatrixIT::none),
                new Cell(history, "rule-author", 403, AuthorizationMatrixIT::none),
                // the dossier follows the same lines
                new Cell(dossier, "customs-cn", 200, d -> ownersAndPlates.accept(d.path("history"))),
                new Cell(dossier, "exporter-chengdu", 200, d -> ownersAndPlates.accept(d.path("history"))),
                new Cell(dossier, "exporter-shenzhen", 404, AuthorizationMatrixIT::none),
                new Cell(dossier, "manufacturer-byd", 200, d -> withoutOwnersOrPlates.accept(d.path("history"))),
                new Cell(dossier, "agency-kz", 200, d -> { // bound for KZ and screened: the vehicle as screened
                    assertTrue(d.path("vehicle").isNull() && d.path("history").isNull(), "no registry data: " + d);
                    assertEquals(filingId, d.path("filings").get(0).path("filing").path("id").asText());
                    assertTrue(!d.toString().contains(plate), "plate nowhere: " + d);
                }),
                new Cell(dossier, "agency-uz", 404, AuthorizationMatrixIT::none), // not bound for UZ
                new Cell(dossier, "analyst", 403, AuthorizationMatrixIT::none),
                // filings: exporters see their own, agencies those bound for their country
                new Cell("/api/v1/filings/" + filingId, "exporter-chengdu", 200, AuthorizationMatrixIT::none),
                new Cell("/api/v1/filings/" + filingId, "exporter-shenzhen", 404, AuthorizationMatrixIT::none),
                new Cell("/api/v1/filings/" + filingId, "agency-kz", 200, AuthorizationMatrixIT::none),
                new Cell("/api/v1/filings/" + filingId, "agency-uz", 404, AuthorizationMatrixIT::none),
                new Cell("/api/v1/filings/" + filingId + "/events", "exporter-shenzhen", 404, AuthorizationMatrixIT::none),
                new Cell("/api/v1/filings/" + filingId + "/events", "agency-uz", 404, AuthorizationMatrixIT::none),
                // the event feed (issue 14): the same lines as the filings, per event
                new Cell(held, "agency-kz", 200, page -> assertTrue(mentions(page, filingId), "KZ sees its filing's events: " + page)),
                new Cell(held, "customs-cn", 200, page -> assertTrue(mentions(page, filingId), page.toString())),
                new Cell(held, "exporter-chengdu", 200, page -> assertTrue(mentions(page, filingId), page.toString())),
                new Cell(held, "agency-uz", 200, page -> assertFalse(mentions(page, filingId), "UZ never sees a KZ event: " + page)),
                new Cell(held, "agency-ru", 200, page -> assertFalse(mentions(page, filingId), "RU never sees a KZ event: " + page)),
                new Cell(held, "agency-kg", 200, page -> assertFalse(mentions(page, filingId), "KG never sees a KZ event: " + page)),
                new Cell("/api/v1/filings/" + filingId, "agency-kg", 404, AuthorizationMatrixIT::none),
                new Cell(held, "exporter-shenzhen", 200, page -> assertFalse(mentions(page, filingId), page.toString())),
                new Cell(held, "analyst", 403, AuthorizationMatrixIT::none),
                new Cell(held, "manufacturer-byd", 403, AuthorizationMatrixIT::none),
                new Cell("/api/v1/alerts?vin=" + vin, "agency-uz", 200, page -> assertEquals(0, page.path("items").size())),
                new Cell("/api/v1/alerts?vin=" + vin, "exporter-chengdu", 403, AuthorizationMatrixIT::none),
                new Cell("/api/v1/sightings?vin=" + vin, "exporter-chengdu", 403, AuthorizationMatrixIT::none),
                new Cell("/api/v1/exporters/" + Clients.EXPORTER_CHENGDU + "/risk", "exporter-chengdu", 403, AuthorizationMatrixIT::none),
                new Cell("/api/v1/exporters/" + Clients.EXPORTER_CHENGDU + "/risk", "agency-kz", 403, AuthorizationMatrixIT::none),
                // webhook endpoints and their delivery logs are their owner's: another agency, an exporter or origin
                // customs is told the endpoint does not exist, and no one else's list shows it
                new Cell(hook, "agency-kz", 200, e -> assertEquals(kzEndpoint, e.path("id").asText())),
                new Cell(hook + "/deliveries", "agency-kz", 200, AuthorizationMatrixIT::none),
                new Cell(hook, "agency-uz", 404, AuthorizationMatrixIT::none),
                new Cell(hook, "agency-ru", 404, AuthorizationMatrixIT::none),
                new Cell(hook, "agency-kg", 404, AuthorizationMatrixIT::none),
                new Cell(hook, "exporter-chengdu", 404, AuthorizationMatrixIT::none),
                new Cell(hook, "customs-cn", 404, AuthorizationMatrixIT::none),
                new Cell(hook + "/deliveries", "agency-uz", 404, AuthorizationMatrixIT::none),
                new Cell(hook + "/deliveries", "agency-kg", 404, AuthorizationMatrixIT::none),
                new Cell(hook + "/deliveries", "exporter-chengdu", 404, AuthorizationMatrixIT::none),
                new Cell(hook + "/deliveries/5c1e7f3a-2b4d-4e6f-8a9b-0c1d2e3f4a5b", "agency-uz", 404, AuthorizationMatrixIT::none),
                new Cell("/api/v1/webhooks?size=100", "agency-kz", 200, page -> assertTrue(page.toString().contains(kzEndpoint))),
                new Cell("/api/v1/webhooks?size=100", "agency-uz", 200, page -> assertFalse(page.toString().contains(kzEndpoint))),
                new Cell("/api/v1/webhooks?size=100", "customs-cn", 200, page -> assertFalse(page.toString().contains(kzEndpoint))),
                new Cell("/api/v1/webhooks?size=100", "exporter-chengdu", 200, page -> assertFalse(page.toString().contains(kzEndpoint))),
                new Cell("/api/v1/webhooks", "analyst", 403, AuthorizationMatrixIT::none),
                new Cell("/api/v1/webhooks", "manufacturer-byd", 403, AuthorizationMatrixIT::none));
        Api api = Suite.gateway();
        return cells.stream().map(cell -> DynamicTest.dynamicTest("GET " + cell.name() + " as " + cell.caller(), () -> {
            Api.Reply reply = api.get(cell.caller(), cell.name());
            assertEquals(cell.status(), reply.status(), cell.name() + " as " + cell.caller() + ": " + reply.raw());
            if (cell.status() == 200) {
                cell.body().accept(reply.body());
            }
        }));
    }
}
