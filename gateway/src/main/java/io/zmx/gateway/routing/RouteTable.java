package io.zmx.gateway.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.vertx.core.http.HttpMethod;
import io.zmx.gateway.client.Backend;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which service owns which operation under {@code /api/v1}, and which roles may call it at all, read from
 * the services' own committed contracts (copied into the gateway at build: {@code contracts/<service>.yaml}).
 * A service's contract lists, per operation, the roles of its {@code @RolesAllowed} as the scopes of the
 * operation's security requirement; that list is this gate, so the gateway and the services cannot disagree
 * on who may call what. An operation without roles is open to nobody: every operation needs a role.
 * This is the coarse first gate: the owning service checks the same token again and applies the fine rules
 * (an exporter's own filings, an agency's country, a registry field only some roles see).
 */
public final class RouteTable {

    public static final String API = "/api/v1";

    /** The committed contract of each service behind the gateway, as the build copies it. */
    static final Map<Backend, String> CONTRACTS = Map.of(
            Backend.REGISTRY, "contracts/registry-service/openapi.yaml",
            Backend.COMPLIANCE, "contracts/compliance-service/openapi.yaml",
            Backend.EXPORT, "contracts/export-service/openapi.yaml");

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    /** One operation of a service's contract: the path template's segments and the roles allowed to call it. */
    /**
     * One operation of a service's contract: the path template's segments, the roles allowed to call it, and how long
     * the gateway waits on it without a byte ({@code x-zmx-timeout}, an ISO-8601 duration, for the few operations a
     * service documents as slow, e.g. a backtest; null: the service's timeout).
     */
    public record Operation(Backend backend, HttpMethod method, String template, String[] segments, Set<String> roles,
            java.time.Duration timeout) {

        boolean matches(String[] path) {
            for (int i = 0; i < segments.length; i++) {
                if (!isParameter(segments[i]) && !segments[i].equals(path[i])) {
                    return false;
                }
            }
            return true;
        }

        /** Literal segments outrank parameters: {@code /reference-prices/current} before {@code /{id}}. */
        int literals() {
            int n = 0;
            for (String s : segments) {
                n += isParameter(s) ? 0 : 1;
            }
            return n;
        }

        public boolean allows(Set<String> callerRoles) {
            for (String role : callerRoles) {
                if (roles.contains(role)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** What the table says about one request: the operation, or that its path is known under other methods. */
    public record Match(Optional<Operation> operation, Set<String> allowedMethods) {

        public boolean pathKnown() {
            return operation.isPresent() || !allowedMethods.isEmpty();
        }
    }

    private static final RouteTable INSTANCE = load();

    /** Operations by segment count, so a request compares only against templates of its own length. */
    private final Map<Integer, List<Operation>> bySize;
    private final List<Operation> all;

    RouteTable(List<Operation> operations) {
        List<Operation> sorted = new ArrayList<>(operations);
        sorted.sort((a, b) -> Integer.compare(b.literals(), a.literals()));
        Map<Integer, List<Operation>> index = new HashMap<>();
        for (Operation op : sorted) {
            index.computeIfAbsent(op.segments().length, n -> new ArrayList<>()).add(op);
        }
        this.bySize = index;
        this.all = Collections.unmodifiableList(sorted);
    }

    public static RouteTable get() {
        return INSTANCE;
    }

    /** The operation a request names, or the methods its path allows when the method is not one of them. */
    public Match find(HttpMethod method, String path) {
        HttpMethod wanted = method == HttpMethod.HEAD ? HttpMethod.GET : method;
        String[] segments = split(path);
        Set<String> methods = new TreeSet<>();
        for (Operation op : bySize.getOrDefault(segments.length, List.of())) {
            if (op.matches(segments)) {
                if (op.method().equals(wanted)) {
                    return new Match(Optional.of(op), Set.of());
                }
                methods.add(op.method().name());
            }
        }
        return new Match(Optional.empty(), methods);
    }

    public List<Operation> operations() {
        return all;
    }

    static RouteTable load() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        List<Operation> operations = new ArrayList<>();
        for (Map.Entry<Backend, String> contract : CONTRACTS.entrySet()) {
            try (InputStream in = RouteTable.class.getClassLoader().getResourceAsStream(contract.getValue())) {
                if (in == null) {
                    throw new IllegalStateException(contract.getValue() + " is missing from the classpath");
                }
                operations.addAll(operationsOf(contract.getKey(), yaml.readTree(in)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new RouteTable(operations);
    }

    static List<Operation> operationsOf(Backend backend, JsonNode contract) {
        List<Operation> operations = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> paths = contract.path("paths").fields();
        while (paths.hasNext()) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith(API + "/")) {
                continue;
            }
            Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields();
            while (ops.hasNext()) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (METHODS.contains(op.getKey())) {
                    operations.add(new Operation(backend, HttpMethod.valueOf(op.getKey().toUpperCase(Locale.ROOT)),
                            path.getKey(), split(path.getKey()), rolesOf(op.getValue()), timeoutOf(op.getValue())));
                }
            }
        }
        return operations;
    }

    /** The operation's {@code x-zmx-timeout} (ISO-8601, e.g. PT2M), or null. */
    public static java.time.Duration timeoutOf(JsonNode operation) {
        JsonNode value = operation.get("x-zmx-timeout");
        return value == null || value.isNull() ? null : java.time.Duration.parse(value.asText());
    }

    /** The union of the scopes of the operation's security requirements: the roles of its {@code @RolesAllowed}. */
    static Set<String> rolesOf(JsonNode operation) {
        Set<String> roles = new LinkedHashSet<>();
        for (JsonNode requirement : operation.path("security")) {
            requirement.fields().forEachRemaining(scheme -> scheme.getValue().forEach(role -> roles.add(role.asText())));
        }
        return Set.copyOf(roles);
    }

    static String[] split(String path) {
        int start = path.startsWith("/") ? 1 : 0;
        int end = path.endsWith("/") && path.length() > 1 ? path.length() - 1 : path.length();
        return start >= end ? new String[0] : path.substring(start, end).split("/", -1);
    }

    static boolean isParameter(String segment) {
        return segment.length() > 2 && segment.charAt(0) == '{' && segment.charAt(segment.length() - 1) == '}';
    }
}
