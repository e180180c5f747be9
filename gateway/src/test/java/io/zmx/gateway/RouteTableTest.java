package io.zmx.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.http.HttpMethod;
import io.zmx.gateway.routing.RouteTable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * One source of truth for who may call what: walks every operation of every service's committed contract and of
 * the merged partner contract, and fails on any operation without roles, any operation the gateway would route to
 * another service or gate with other roles than the service's own {@code @RolesAllowed} (which the contract's
 * security scopes carry), and any difference between the merged contract and the services' contracts.
 */
class RouteTableTest {

    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final String[][] SERVICES = {
        {"registry-service", "REGISTRY"}, {"compliance-service", "COMPLIANCE"}, {"export-service", "EXPORT"}};
    static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

    record Op(String service, String method, String path, Set<String> roles) {}

    static List<Op> operations(String service, JsonNode contract) {
        List<Op> ops = new ArrayList<>();
        contract.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (METHODS.contains(op.getKey()) && path.getKey().startsWith("/api/v1/")) {
                Set<String> roles = new TreeSet<>();
                op.getValue().path("security").forEach(req -> req.fields()
                        .forEachRemaining(s -> s.getValue().forEach(r -> roles.add(r.asText()))));
                ops.add(new Op(service, op.getKey().toUpperCase(Locale.ROOT), path.getKey(), roles));
            }
        }));
        return ops;
    }

    static String concrete(String template) {
        return template.replace("{vin}", "LGXCE4CB0R0123456").replace("{jurisdiction}", "CN").replace("{version}", "2")
                .replace("{ref}", "ZMX-2026-000001").replace("{id}", "0b9d8a2e-4a5b-4c7e-9f00-1a2b3c4d5e6f");
    }

    @Test
    void everyServiceOperationNeedsARoleAndTheGatewayGatesItWithExactlyThoseRoles() throws Exception {
        int checked = 0;
        for (String[] service : SERVICES) {
            JsonNode contract = YAML.readTree(Path.of("..", service[0], "src/main/openapi/openapi.yaml").toFile());
            for (Op op : operations(service[0], contract)) {
                assertFalse(op.roles().isEmpty(), op + ": every operation needs a role (@RolesAllowed)");
                RouteTable.Match match = RouteTable.get().find(HttpMethod.valueOf(op.method()), concrete(op.path()));
                assertTrue(match.operation().isPresent(), op + " is not routed by the gateway");
                assertEquals(service[1], match.operation().get().backend().name(), op + " routed elsewhere");
                assertEquals(op.path(), match.operation().get().template(), op + " matched another template");
                assertEquals(op.roles(), new TreeSet<>(match.operation().get().roles()), op + ": gateway and service disagree");
                checked++;
            }
        }
        assertEquals(checked, RouteTable.get().operations().size(), "the gateway routes operations no service has");
    }

    @Test
    void theMergedPartnerContractSaysWhatTheServicesSay() throws Exception {
        List<Op> fromServices = new ArrayList<>();
        for (String[] service : SERVICES) {
            fromServices.addAll(operations("", YAML.readTree(Path.of("..", service[0], "src/main/openapi/openapi.yaml").toFile())));
        }
        List<Op> merged = operations("", YAML.readTree(Path.of("src/main/openapi/openapi.yaml").toFile()));
        for (Op op : merged) {
            assertFalse(op.roles().isEmpty(), op + ": every operation of the partner contract needs a role");
        }
        merged.removeIf(op -> op.path().endsWith("/dossier")); // the gateway's own, gated by its @RolesAllowed
        assertEquals(new TreeSet<>(fromServices.stream().map(Op::toString).toList()),
                new TreeSet<>(merged.stream().map(Op::toString).toList()));
    }

    @Test
    void literalSegmentsOutrankParametersAndUnknownOperationsAreNotRouted() {
        assertEquals("/api/v1/reference-prices/current", RouteTable.get()
                .find(HttpMethod.GET, "/api/v1/reference-prices/current").operation().orElseThrow().template());
        assertEquals("/api/v1/reference-prices/{id}", RouteTable.get()
                .find(HttpMethod.GET, "/api/v1/reference-prices/42").operation().orElseThrow().template());
        assertFalse(RouteTable.get().find(HttpMethod.GET, "/api/v1/nothing-here").pathKnown());
        RouteTable.Match delete = RouteTable.get().find(HttpMethod.DELETE, "/api/v1/filings/ZMX-1");
        assertTrue(delete.operation().isEmpty());
        assertEquals(Set.of("GET", "PUT"), delete.allowedMethods());
        assertEquals("GET", RouteTable.get().find(HttpMethod.HEAD, "/api/v1/filings").operation().orElseThrow().method().name());
    }

    /** An operation a service documents as slow (x-zmx-timeout) is waited for that long; every other one, the service's timeout. */
    @Test
    void slowOperationsComeFromTheContractsAndOnlyThoseWaitLonger() {
        RouteTable table = RouteTable.get();
        assertEquals(java.time.Duration.ofMinutes(2), table.find(HttpMethod.POST, "/api/v1/rule-sets/KZ/versions/3/backtest")
                .operation().orElseThrow().timeout());
        assertEquals(null, table.find(HttpMethod.GET, "/api/v1/rule-sets").operation().orElseThrow().timeout());
        assertEquals(null, table.find(HttpMethod.POST, "/api/v1/filings").operation().orElseThrow().timeout());
        // a malformed duration in a contract fails the gateway's start, not a request
        assertThrows(java.time.format.DateTimeParseException.class, () -> RouteTable.timeoutOf(
                YAML.createObjectNode().put("x-zmx-timeout", "two minutes")));
    }
}
