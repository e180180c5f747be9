package io.zmx.deploy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Rendered manifests as fabric8 model objects, parsed strictly: a field the Kubernetes API does not know
 * (a typo such as {@code readinesProbe}, a field at the wrong level) is an error, not an ignored extra, and
 * a kind the model does not know is an error unless it is one of the custom resources zmx uses.
 */
final class Manifests {

    /** Custom resources zmx deploys (their operator must be installed): apiVersion/kind -> allowed spec fields. */
    static final Map<String, Set<String>> CUSTOM_RESOURCES = Map.of(
            "postgresql.cnpg.io/v1/Cluster", Set.of("instances", "imageName", "primaryUpdateStrategy", "bootstrap",
                    "enableSuperuserAccess", "inheritedMetadata", "affinity", "storage", "resources", "monitoring",
                    "postgresql", "backup", "description"),
            "monitoring.coreos.com/v1/PodMonitor", Set.of("selector", "podMetricsEndpoints", "namespaceSelector", "jobLabel"));

    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Manifests() {
    }

    /** Parses every document of {@code yaml}; throws AssertionError listing every problem found. */
    static List<HasMetadata> parse(String yaml, String what) {
        List<HasMetadata> objects = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        int index = 0;
        for (Object doc : Repo.yamlDocuments(yaml, what)) {
            String where = what + " document " + index++;
            if (!(doc instanceof Map<?, ?> map) || !map.containsKey("apiVersion") || !map.containsKey("kind")) {
                problems.add(where + ": not a Kubernetes object (no apiVersion/kind)");
                continue;
            }
            where = what + " " + map.get("kind") + " " + name(map);
            Object parsed;
            try {
                parsed = SERIALIZATION.unmarshal(SERIALIZATION.asJson(map));
            } catch (RuntimeException e) {
                problems.add(where + ": does not parse: " + e.getMessage());
                continue;
            }
            if (!(parsed instanceof HasMetadata object)) {
                problems.add(where + ": parsed as " + parsed.getClass().getName());
                continue;
            }
            if (object instanceof GenericKubernetesResource generic) {
                checkCustomResource(generic, where, problems);
            } else {
                unknownFields(object, where, problems);
            }
            if (object.getMetadata() == null || object.getMetadata().getName() == null || object.getMetadata().getName().isBlank()) {
                problems.add(where + ": metadata.name is missing");
            }
            objects.add(object);
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(problems.size() + " problem(s):\n  " + String.join("\n  ", problems));
        }
        return objects;
    }

    private static String name(Map<?, ?> map) {
        return map.get("metadata") instanceof Map<?, ?> m ? String.valueOf(m.get("name")) : "<no metadata>";
    }

    private static void checkCustomResource(GenericKubernetesResource resource, String where, List<String> problems) {
        String key = resource.getApiVersion() + "/" + resource.getKind();
        Set<String> allowed = CUSTOM_RESOURCES.get(key);
        if (allowed == null) {
            problems.add(where + ": unknown kind " + key + " (neither a Kubernetes API kind nor a custom resource zmx expects)");
            return;
        }
        Map<String, Object> props = resource.getAdditionalProperties();
        for (String top : props.keySet()) {
            if (!top.equals("spec")) {
                problems.add(where + ": unexpected top-level field " + top);
            }
        }
        if (!(props.get("spec") instanceof Map<?, ?> spec)) {
            problems.add(where + ": spec is missing");
            return;
        }
        for (Object field : spec.keySet()) {
            if (!allowed.contains(String.valueOf(field))) {
                problems.add(where + ": spec." + field + " is not a field zmx knows for " + key);
            }
        }
        if (key.endsWith("/Cluster") && (!(spec.get("instances") instanceof Integer instances) || instances < 1)) {
            problems.add(where + ": spec.instances must be a positive integer");
        }
    }

    /** Walks the typed model; any non-empty additionalProperties is a field the Kubernetes API does not define. */
    private static void unknownFields(Object value, String path, List<String> problems) {
        if (value == null) {
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, problems));
            return;
        }
        if (value instanceof Collection<?> list) {
            int i = 0;
            for (Object item : list) {
                unknownFields(item, path + "[" + i++ + "]", problems);
            }
            return;
        }
        Class<?> type = value.getClass();
        if (!type.getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                try {
                    field.setAccessible(true);
                    Object fieldValue = field.get(value);
                    if (field.getName().equals("additionalProperties")) {
                        if (fieldValue instanceof Map<?, ?> extra && !extra.isEmpty()) {
                            problems.add(path + ": unknown field(s) " + extra.keySet());
                        }
                    } else if (field.isAnnotationPresent(JsonProperty.class)) {
                        JsonProperty json = field.getAnnotation(JsonProperty.class);
                        unknownFields(fieldValue, path + "." + (json.value().isEmpty() ? field.getName() : json.value()), problems);
                    }
                } catch (ReflectiveOperationException | RuntimeException e) {
                    problems.add(path + ": cannot inspect " + field.getName() + ": " + e);
                }
            }
        }
    }
}
