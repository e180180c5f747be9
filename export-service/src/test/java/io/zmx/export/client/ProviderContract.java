package io.zmx.export.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A provider's committed OpenAPI document, read the way a consumer relies on it: does an operation
 * exist, and does a schema have every field a client record reads or sends (walking nested records and
 * lists, resolving $ref and allOf)? Field names are the record components, so adding a field to a
 * client record without the provider having it fails the consumer's build.
 */
final class ProviderContract {

    private final JsonNode doc;
    final Path file;

    private ProviderContract(Path file, JsonNode doc) {
        this.file = file;
        this.doc = doc;
    }

    static ProviderContract load(Path file) throws IOException {
        return new ProviderContract(file, new ObjectMapper(new YAMLFactory()).readTree(Files.readString(file)));
    }

    /** The operation for a path template (parameter names do not matter) and method, or fails. */
    JsonNode operation(String path, String method) {
        String wanted = normalize(path);
        Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (normalize(e.getKey()).equals(wanted) && e.getValue().has(method.toLowerCase())) {
                return e.getValue().get(method.toLowerCase());
            }
        }
        throw new AssertionError(file + " has no " + method + " " + path);
    }

    boolean hasPathStartingWith(String prefix) {
        Iterator<String> it = doc.path("paths").fieldNames();
        while (it.hasNext()) {
            if (it.next().startsWith(prefix)) return true;
        }
        return false;
    }

    JsonNode responseSchema(JsonNode operation, String... statuses) {
        for (String s : statuses) {
            JsonNode schema = operation.path("responses").path(s).path("content").path("application/json").path("schema");
            if (!schema.isMissingNode()) return resolve(schema);
        }
        throw new AssertionError(file + ": no JSON response among " + List.of(statuses));
    }

    JsonNode requestSchema(JsonNode operation) {
        JsonNode schema = operation.path("requestBody").path("content").path("application/json").path("schema");
        assertTrue(!schema.isMissingNode(), file + ": operation takes no JSON body");
        return resolve(schema);
    }

    boolean hasQueryParameter(JsonNode operation, String name) {
        for (JsonNode p : operation.path("parameters")) {
            JsonNode r = resolve(p);
            if (name.equals(r.path("name").asText()) && "query".equals(r.path("in").asText())) return true;
        }
        return false;
    }

    /** Every field of {@code type} (recursively) that the provider's schema lacks, as JSON paths. */
    List<String> missingFields(JsonNode schema, Class<?> type) {
        List<String> missing = new ArrayList<>();
        walk(schema, type, "$", missing);
        return missing;
    }

    /** Required fields of the provider's schema that {@code type} does not send. */
    List<String> unsentRequired(JsonNode schema, Class<?> type, String at) {
        List<String> unsent = new ArrayList<>();
        JsonNode s = resolve(schema);
        List<String> ours = new ArrayList<>();
        for (RecordComponent rc : type.getRecordComponents()) ours.add(rc.getName());
        for (JsonNode r : s.path("required")) {
            if (!ours.contains(r.asText())) unsent.add(at + "." + r.asText());
        }
        for (RecordComponent rc : type.getRecordComponents()) {
            JsonNode prop = s.path("properties").path(rc.getName());
            if (prop.isMissingNode()) continue;
            Class<?> nested = nestedRecord(rc.getGenericType());
            if (nested != null) {
                JsonNode p = resolve(prop);
                unsent.addAll(unsentRequired("array".equals(typeOf(p)) ? p.path("items") : p, nested,
                        at + "." + rc.getName()));
            }
        }
        return unsent;
    }

    private void walk(JsonNode schema, Class<?> type, String at, List<String> missing) {
        JsonNode s = resolve(schema);
        for (RecordComponent rc : type.getRecordComponents()) {
            JsonNode prop = s.path("properties").path(rc.getName());
            if (prop.isMissingNode()) {
                missing.add(at + "." + rc.getName());
                continue;
            }
            String declared = typeOf(resolve(prop));
            String ours = jsonType(rc.getType());
            if (!declared.isEmpty() && !ours.isEmpty() && !compatible(ours, declared)) {
                missing.add(at + "." + rc.getName() + " (client " + ours + ", provider " + declared + ")");
                continue;
            }
            Class<?> nested = nestedRecord(rc.getGenericType());
            if (nested != null) {
                JsonNode p = resolve(prop);
                walk("array".equals(typeOf(p)) ? p.path("items") : p, nested, at + "." + rc.getName(), missing);
            }
        }
    }

    /** The JSON type a Java type is written or read as; empty when it cannot be told. */
    static String jsonType(Class<?> t) {
        if (t.isRecord()) return "object";
        if (List.class.isAssignableFrom(t)) return "array";
        if (t == String.class || t.isEnum() || t == java.time.LocalDate.class || t == java.time.Instant.class) return "string";
        if (t == int.class || t == Integer.class || t == long.class || t == Long.class) return "integer";
        if (t == java.math.BigDecimal.class || t == double.class || t == Double.class) return "number";
        if (t == boolean.class || t == Boolean.class) return "boolean";
        return "";
    }

    /** A schema's type apart from "null" ({@code type: [array, "null"]} is "array"); "null" if that is all; "" if none. */
    static String typeOf(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (!type.isArray()) return type.asText("");
        for (JsonNode t : type) {
            if (!"null".equals(t.asText())) return t.asText();
        }
        return type.isEmpty() ? "" : "null";
    }

    private static boolean compatible(String ours, String declared) {
        return ours.equals(declared) || ("integer".equals(ours) && "number".equals(declared));
    }

    private static Class<?> nestedRecord(Type t) {
        if (t instanceof Class<?> c && c.isRecord()) return c;
        if (t instanceof ParameterizedType p && p.getActualTypeArguments().length == 1
                && p.getActualTypeArguments()[0] instanceof Class<?> c && c.isRecord()) {
            return c;
        }
        return null;
    }

    /** Follows $ref, merges allOf, and takes the non-null branch of a nullable oneOf/anyOf. */
    JsonNode resolve(JsonNode schema) {
        JsonNode s = schema;
        for (int i = 0; i < 20 && s.has("$ref"); i++) {
            String ref = s.get("$ref").asText();
            s = doc.at(ref.substring(1));
        }
        if (s.has("allOf")) {
            ObjectNode merged = JsonNodeFactory.instance.objectNode();
            ObjectNode props = merged.putObject("properties");
            for (JsonNode part : s.get("allOf")) {
                JsonNode r = resolve(part);
                r.path("properties").fields().forEachRemaining(e -> props.set(e.getKey(), e.getValue()));
                if (r.has("type")) merged.set("type", r.get("type"));
                if (r.has("items")) merged.set("items", r.get("items"));
            }
            s.path("properties").fields().forEachRemaining(e -> props.set(e.getKey(), e.getValue()));
            return merged;
        }
        for (String k : new String[] {"oneOf", "anyOf"}) {
            if (s.has(k)) {
                for (JsonNode option : s.get(k)) {
                    if (!"null".equals(typeOf(option))) return resolve(option);
                }
            }
        }
        return s;
    }

    private static String normalize(String path) {
        return path.replaceAll("\\{[^}]*}", "{}").replaceAll("/$", "");
    }
}
