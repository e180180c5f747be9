package io.zmx.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Merges the services' committed OpenAPI documents and the gateway's own into the one partner contract.
 * Only {@code /api/v1} paths are kept. Components of the same name and content are shared; a name two
 * sources use for different shapes is prefixed in every source that has it (e.g. {@code Registry_Money},
 * {@code Export_Money}: no source wins the bare name by coming first), and the references follow. The
 * gateway's composed views, untyped JSON in its own document, get the owning service's schema where the
 * gateway names it ({@code x-zmx-schema}). Output is sorted, so the result is stable.
 */
final class PartnerContract {

    /** One input document and the prefix its clashing component names get. */
    record Source(String service, String prefix, JsonNode document) {}

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] COMPONENT_KINDS = {"schemas", "responses", "parameters", "requestBodies", "headers",
            "securitySchemes"};

    private PartnerContract() {}

    static ObjectNode merge(List<Source> sources) {
        // which names clash: a name two sources define differently is prefixed in every source that has it
        Map<String, Map<String, java.util.Set<JsonNode>>> shapes = new LinkedHashMap<>();
        for (Source source : sources) {
            for (String kind : COMPONENT_KINDS) {
                source.document().path("components").path(kind).fields().forEachRemaining(e -> shapes
                        .computeIfAbsent(kind, k -> new TreeMap<>())
                        .computeIfAbsent(e.getKey(), k -> new java.util.HashSet<>()).add(e.getValue()));
            }
        }
        Map<String, TreeMap<String, JsonNode>> components = new LinkedHashMap<>();
        TreeMap<String, JsonNode> paths = new TreeMap<>();
        List<String> services = new ArrayList<>();
        Map<String, Map<String, String>> schemaNames = new LinkedHashMap<>(); // service -> own schema name -> merged
        List<ObjectNode> docs = new ArrayList<>();
        for (Source source : sources) {
            services.add(source.service());
            ObjectNode doc = source.document().deepCopy();
            docs.add(doc);
            Map<String, String> renames = new LinkedHashMap<>();
            Map<String, String> names = schemaNames.computeIfAbsent(source.service(), k -> new LinkedHashMap<>());
            for (String kind : COMPONENT_KINDS) {
                doc.path("components").path(kind).fieldNames().forEachRemaining(name -> {
                    boolean clash = shapes.get(kind).get(name).size() > 1;
                    String merged = clash ? source.prefix() + "_" + name : name;
                    if (clash) {
                        renames.put("#/components/" + kind + "/" + name, "#/components/" + kind + "/" + merged);
                    }
                    if ("schemas".equals(kind)) {
                        names.put(name, merged);
                    }
                });
            }
            rewriteRefs(doc, renames);
            for (String kind : COMPONENT_KINDS) {
                TreeMap<String, JsonNode> merged = components.computeIfAbsent(kind, k -> new TreeMap<>());
                doc.path("components").path(kind).fields().forEachRemaining(e -> merged.put(
                        renames.getOrDefault("#/components/" + kind + "/" + e.getKey(), "#/components/" + kind + "/"
                                + e.getKey()).substring(("#/components/" + kind + "/").length()), e.getValue()));
            }
            doc.path("paths").fields().forEachRemaining(e -> {
                if (!e.getKey().startsWith("/api/v1/") && !e.getKey().equals("/api/v1")) {
                    return;
                }
                if (paths.containsKey(e.getKey())) {
                    throw new IllegalStateException(e.getKey() + " is claimed by two services");
                }
                ObjectNode item = (ObjectNode) e.getValue();
                item.fields().forEachRemaining(op -> {
                    if (op.getValue() instanceof ObjectNode operation && operation.has("responses")) {
                        operation.put("x-zmx-service", source.service());
                        typeBareHeaders(operation.get("responses"));
                        gatewayStatuses((ObjectNode) operation.get("responses"));
                    }
                });
                paths.put(e.getKey(), item);
            });
        }
        // the gateway's composed views embed services' documents: type them with the services' schemas
        components.values().forEach(kind -> kind.values().forEach(node -> typeOwnedDocuments(node, schemaNames)));
        paths.values().forEach(node -> typeOwnedDocuments(node, schemaNames));
        if (!references(paths, components, "#/components/schemas/" + UNTYPED)) {
            components.get("schemas").remove(UNTYPED);
        }
        ObjectNode out = NODES.objectNode();
        out.put("openapi", "3.1.0");
        ObjectNode info = out.putObject("info");
        info.put("title", "zmx partner API");
        info.put("version", "1.0.0");
        info.put("description", "Everything partners may call through the zmx gateway, merged from "
                + String.join(", ", services) + ". Authenticate with an OAuth2 bearer token from the zmx realm;"
                + " errors are RFC 9457 application/problem+json; every response carries X-Request-Id.");
        out.putArray("servers").addObject().put("url", "http://localhost:8080")
                .put("description", "The gateway (local run)");
        out.putArray("security").addObject().putArray("SecurityScheme");
        ObjectNode outPaths = out.putObject("paths");
        paths.forEach(outPaths::set);
        ObjectNode outComponents = out.putObject("components");
        for (String kind : COMPONENT_KINDS) {
            TreeMap<String, JsonNode> merged = components.get(kind);
            if (merged != null && !merged.isEmpty()) {
                ObjectNode node = outComponents.putObject(kind);
                merged.forEach(node::set);
            }
        }
        if (!outComponents.path("securitySchemes").has("SecurityScheme")) {
            ObjectNode scheme = outComponents.with("securitySchemes").putObject("SecurityScheme");
            scheme.put("type", "http").put("scheme", "bearer").put("bearerFormat", "JWT");
        }
        return out;
    }

    /** What the gateway itself may answer on any route, whatever the service documents (issue 11). */
    static final Map<String, String> GATEWAY_STATUSES = Map.of(
            "408", "The request's body stopped arriving before it was complete (the gateway gave up waiting)",
            "429", "Rate limit exceeded for this client; retry after Retry-After seconds",
            "502", "The service behind this route answered with a broken or no response",
            "504", "The service behind this route did not answer in time");

    /** Adds the gateway's own problem answers, typed with the operation's own problem schema. */
    private static void gatewayStatuses(ObjectNode responses) {
        JsonNode problem = null;
        for (JsonNode r : (Iterable<JsonNode>) responses::elements) {
            JsonNode schema = r.path("content").path("application/problem+json").path("schema");
            if (!schema.isMissingNode()) {
                problem = schema;
                break;
            }
        }
        if (problem == null) {
            return;
        }
        for (Map.Entry<String, String> status : new TreeMap<>(GATEWAY_STATUSES).entrySet()) {
            if (!responses.has(status.getKey())) {
                ObjectNode r = responses.putObject(status.getKey());
                r.put("description", status.getValue());
                r.putObject("content").putObject("application/problem+json").set("schema", problem.deepCopy());
            }
        }
    }

    /** The gateway's name for "a service's JSON document", replaced by the service's own schema where named. */
    static final String UNTYPED = "ServiceDocument";
    static final String OWNED_SCHEMA = "x-zmx-schema";

    /** Replaces every schema marked {@code x-zmx-schema: <service>:<Name>} with a reference to that service's schema. */
    private static void typeOwnedDocuments(JsonNode node, Map<String, Map<String, String>> schemaNames) {
        if (node instanceof ObjectNode object) {
            JsonNode owned = object.get(OWNED_SCHEMA);
            if (owned != null && owned.isTextual()) {
                String[] ref = owned.asText().split(":", 2);
                String merged = schemaNames.getOrDefault(ref[0], Map.of()).get(ref[1]);
                if (merged == null) {
                    throw new IllegalStateException(owned.asText() + ": no such schema in " + ref[0] + "'s contract");
                }
                if (object.get("anyOf") instanceof ArrayNode anyOf) {
                    // a nullable document ({anyOf: [ServiceDocument, null]}): type the non-null alternative
                    object.remove(OWNED_SCHEMA);
                    for (JsonNode alternative : anyOf) {
                        if (alternative instanceof ObjectNode a && a.has("$ref")) {
                            a.put("$ref", "#/components/schemas/" + merged);
                        }
                    }
                    return;
                }
                JsonNode description = object.get("description");
                object.removeAll();
                object.put("$ref", "#/components/schemas/" + merged);
                if (description != null) {
                    object.set("description", description);
                }
                return;
            }
            object.elements().forEachRemaining(child -> typeOwnedDocuments(child, schemaNames));
        } else if (node instanceof ArrayNode array) {
            array.forEach(child -> typeOwnedDocuments(child, schemaNames));
        }
    }

    /**
     * A response header declared without a schema (ETag, Location) is a string; said explicitly, because
     * the SDK generator otherwise logs an [ERROR] per header ("Not handling class Parameter ... as Body Parameter").
     */
    private static void typeBareHeaders(JsonNode responses) {
        responses.elements().forEachRemaining(response -> response.path("headers").elements().forEachRemaining(header -> {
            if (header instanceof ObjectNode h && !h.has("schema") && !h.has("content") && !h.has("$ref")) {
                h.putObject("schema").put("type", "string");
            }
        }));
    }

    private static boolean references(Map<String, JsonNode> paths, Map<String, TreeMap<String, JsonNode>> components,
            String ref) {
        List<JsonNode> all = new ArrayList<>(paths.values());
        components.values().forEach(kind -> all.addAll(kind.values()));
        return all.stream().anyMatch(node -> node.toString().contains("\"" + ref + "\""));
    }

    private static void rewriteRefs(JsonNode node, Map<String, String> renames) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isTextual() && renames.containsKey(ref.asText())) {
                object.set("$ref", TextNode.valueOf(renames.get(ref.asText())));
            }
            for (Iterator<JsonNode> it = object.elements(); it.hasNext(); ) {
                rewriteRefs(it.next(), renames);
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(child -> rewriteRefs(child, renames));
        }
    }

}
