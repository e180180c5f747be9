package io.zmx.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The committed contracts are OpenAPI 3.1 (JSON Schema 2020-12: {@code type: [string, "null"]},
 * {@code anyOf: [{$ref}, {type: "null"}]}); swagger-request-validator checks bodies only under 3.0 (under 3.1 it
 * accepts any body). This writes the same contract the 3.0 way, for the validator only: {@code nullable: true},
 * {@code anyOf: [{$ref}, {nullable: true}]}, {@code example}, boolean {@code exclusiveMinimum}. Used by every
 * service's {@link ContractValidation} and by the end-to-end tests for the gateway's merged contract.
 */
public final class OpenApi30 {

    private OpenApi30() {}

    /** A 3.1 contract (YAML or JSON text) as 3.0 JSON text. */
    public static String of(String yaml31) {
        try {
            return of(new ObjectMapper(new YAMLFactory()).readTree(yaml31));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A 3.1 contract tree as 3.0 JSON text; the tree is not changed. */
    public static String of(JsonNode contract31) {
        JsonNode root = contract31.deepCopy();
        ((ObjectNode) root).put("openapi", "3.0.3");
        down(root);
        try {
            return new ObjectMapper().writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void down(JsonNode node) {
        if (node.isArray()) {
            node.forEach(OpenApi30::down);
            return;
        }
        if (!node.isObject()) {
            return;
        }
        ObjectNode o = (ObjectNode) node;
        o.forEach(OpenApi30::down);
        JsonNode type = o.get("type");
        if (type != null && type.isArray()) {
            List<String> types = new ArrayList<>();
            type.forEach(t -> types.add(t.asText()));
            if (types.remove("null")) {
                o.put("nullable", true);
            }
            if (types.size() == 1) {
                o.put("type", types.get(0));
            } else {
                o.remove("type");
            }
        }
        for (String combinator : List.of("anyOf", "oneOf")) {
            JsonNode alternatives = o.get(combinator);
            if (alternatives == null || !alternatives.isArray()) continue;
            ArrayNode kept = o.arrayNode();
            boolean nullable = false;
            for (JsonNode a : alternatives) {
                if (a.size() == 1 && "null".equals(a.path("type").asText())) {
                    nullable = true;
                } else {
                    kept.add(a);
                }
            }
            if (!nullable) continue;
            // "nullable: true, allOf: [{$ref}]" still checks null against the $ref here; an alternative that admits
            // null (and an empty object, which a $ref without required fields admits anyway) keeps the meaning
            kept.add(o.objectNode().put("type", "object").put("nullable", true).put("maxProperties", 0));
            o.set(combinator, kept);
        }
        JsonNode examples = o.get("examples");
        if (examples != null && examples.isArray()) {
            o.remove("examples");
            if (!examples.isEmpty()) o.set("example", examples.get(0));
        }
        JsonNode exclusiveMinimum = o.get("exclusiveMinimum");
        if (exclusiveMinimum != null && exclusiveMinimum.isNumber()) {
            o.set("minimum", exclusiveMinimum);
            o.put("exclusiveMinimum", true);
        }
        JsonNode exclusiveMaximum = o.get("exclusiveMaximum");
        if (exclusiveMaximum != null && exclusiveMaximum.isNumber()) {
            o.set("maximum", exclusiveMaximum);
            o.put("exclusiveMaximum", true);
        }
    }

}
