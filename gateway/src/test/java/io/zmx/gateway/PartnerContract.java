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
 * services use for different shapes is prefixed with the service (e.g. {@code ExportProblem}) and the
 * references inside that service's paths follow. Output is sorted, so the result is stable.
 */
final class PartnerContract {

    /** One input document and the prefix its clashing component names get. */
    record Source(String service, String prefix, JsonNode document) {}

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String[] COMPONENT_KINDS = {"schemas", "responses", "parameters", "requestBodies", "headers",
            "securitySchemes"};

    private PartnerContract() {}

    static ObjectNode merge(List<Source> sources) {
        Map<String, TreeMap<String, JsonNode>> components = new LinkedHashMap<>();
        TreeMap<String, JsonNode> paths = new TreeMap<>();
        List<String> services = new ArrayList<>();
        for (Source source : sources) {
            services.add(source.service());
            JsonNode doc = source.document().deepCopy();
            Map<String, String> renames = new LinkedHashMap<>();
            for (String kind : COMPONENT_KINDS) {
                TreeMap<String, JsonNode> merged = components.computeIfAbsent(kind, k -> new TreeMap<>());
                doc.path("components").path(kind).fields().forEachRemaining(e -> {
                    JsonNode existing = merged.get(e.getKey());
                    if (existing == null || existing.equals(e.getValue())) {
                        merged.put(e.getKey(), e.getValue());
                    } else {
                        String renamed = source.prefix() + e.getKey();
                        renames.put("#/components/" + kind + "/" + e.getKey(), "#/components/" + kind + "/" + renamed);
                        merged.put(renamed, e.getValue());
                    }
                });
            }
            if (!renames.isEmpty()) {
                rewriteRefs(doc, renames);
                for (String kind : COMPONENT_KINDS) { // renamed components may refer to each other
                    components.get(kind).replaceAll((name, node) -> {
                        JsonNode copy = node.deepCopy();
                        if (name.startsWith(source.prefix())) {
                            rewriteRefs(copy, renames);
                        }
                        return copy;
                    });
                }
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
                    }
                });
                paths.put(e.getKey(), item);
            });
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
