package io.zmx.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;


import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The gateway's committed partner contract (gateway/src/main/openapi/openapi.yaml), read as a tree: its
 * operations for the fuzz suite; edge's OpenApi30 renders it the 3.0 way for swagger-request-validator, which reads
 * 3.1 documents but ignores 3.1's type arrays (so it would check no types at all).
 */
final class Contract {

    static final List<String> METHODS = List.of("get", "post", "put", "patch", "delete");

    record Parameter(String name, String in, JsonNode schema, boolean required) {}

    record Operation(String method, String path, List<Parameter> parameters, Map<String, JsonNode> bodies,
                     Set<String> statuses, List<String> roles, boolean secured) {
        String id() {
            return method.toUpperCase() + " " + path;
        }

        boolean write() {
            return !method.equals("get");
        }
    }

    final JsonNode root;
    final List<Operation> operations = new ArrayList<>();

    private Contract(JsonNode root) {
        this.root = root;
        boolean securedByDefault = root.path("security").size() > 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = root.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> p = paths.next();
            for (String method : METHODS) {
                JsonNode op = p.getValue().get(method);
                if (op == null) {
                    continue;
                }
                List<Parameter> params = new ArrayList<>();
                List<JsonNode> all = new ArrayList<>();
                p.getValue().path("parameters").forEach(all::add);
                op.path("parameters").forEach(all::add);
                for (JsonNode param : all) {
                    JsonNode resolved = resolve(param);
                    params.add(new Parameter(resolved.path("name").asText(), resolved.path("in").asText(),
                            resolve(resolved.path("schema")), resolved.path("required").asBoolean()));
                }
                Map<String, JsonNode> bodies = new java.util.LinkedHashMap<>();
                op.path("requestBody").path("content").fields()
                        .forEachRemaining(c -> bodies.put(c.getKey(), c.getValue().path("schema")));
                Set<String> statuses = new LinkedHashSet<>();
                op.path("responses").fieldNames().forEachRemaining(statuses::add);
                List<String> roles = new ArrayList<>();
                JsonNode security = op.has("security") ? op.get("security") : root.path("security");
                security.forEach(s -> s.fields().forEachRemaining(e -> e.getValue().forEach(r -> roles.add(r.asText()))));
                boolean secured = op.has("security") ? op.get("security").size() > 0 : securedByDefault;
                operations.add(new Operation(method, p.getKey(), params, bodies, statuses, roles, secured));
            }
        }
    }

    static Contract load(Path root) {
        Path file = root.resolve("gateway/src/main/openapi/openapi.yaml");
        try {
            return new Contract(new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file)));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the partner contract " + file, e);
        }
    }

    /** Follows a local {@code $ref} (#/components/...). */
    JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int hops = 0; current != null && current.has("$ref") && hops < 20; hops++) {
            String ref = current.get("$ref").asText();
            if (!ref.startsWith("#/")) {
                return current;
            }
            current = root.at(ref.substring(1));
        }
        return current == null || current.isMissingNode() ? node : current;
    }

    /** Statuses any operation may answer, from the contract's shared responses (components.responses). */
    Set<String> sharedStatuses() {
        Set<String> shared = new LinkedHashSet<>();
        root.path("components").path("responses").fields().forEachRemaining(r -> {
            String digits = r.getKey().replaceAll("\\D", "");
            if (digits.length() == 3) {
                shared.add(digits);
            }
        });
        JsonNode declared = root.path("x-zmx-shared-problem-statuses");
        declared.forEach(s -> shared.add(s.asText()));
        return shared;
    }
}
