package io.zmx.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/** One overlay, rendered and parsed once per test run, with the pods it would create. */
record Rendered(String overlay, List<HasMetadata> objects) {

    private static final Map<String, Rendered> CACHE = new ConcurrentHashMap<>();

    static Rendered of(String overlay) {
        return CACHE.computeIfAbsent(overlay,
                o -> new Rendered(o, Manifests.parse(Repo.render(o), "overlay " + o)));
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    List<GenericKubernetesResource> custom(String kind) {
        return all(GenericKubernetesResource.class).stream().filter(r -> r.getKind().equals(kind)).toList();
    }

    boolean has(String kind, String name) {
        return objects.stream().anyMatch(o -> o.getKind().equals(kind) && o.getMetadata().getName().equals(name));
    }

    /** A pod this overlay would run: the workload that owns it, its labels and (for our own workloads) its spec. */
    record Pod(String owner, Map<String, String> labels, PodSpec spec) {
    }

    /**
     * Pod templates of Deployments and StatefulSets, plus the instance pods CloudNativePG creates for each
     * Cluster (labelled cnpg.io/cluster=name and spec.inheritedMetadata.labels; the operator owns their spec).
     */
    List<Pod> pods() {
        List<Pod> pods = new ArrayList<>();
        for (Deployment d : all(Deployment.class)) {
            pods.add(pod("Deployment/" + d.getMetadata().getName(), d.getSpec().getTemplate()));
        }
        for (StatefulSet s : all(StatefulSet.class)) {
            pods.add(pod("StatefulSet/" + s.getMetadata().getName(), s.getSpec().getTemplate()));
        }
        for (GenericKubernetesResource cluster : custom("Cluster")) {
            Map<String, String> labels = new LinkedHashMap<>();
            labels.put("cnpg.io/cluster", cluster.getMetadata().getName());
            labels.put("cnpg.io/podRole", "instance");
            Object inherited = ((Map<?, ?>) cluster.getAdditionalProperties().get("spec")).get("inheritedMetadata");
            if (inherited instanceof Map<?, ?> meta && meta.get("labels") instanceof Map<?, ?> extra) {
                extra.forEach((k, v) -> labels.put(String.valueOf(k), String.valueOf(v)));
            }
            pods.add(new Pod("Cluster/" + cluster.getMetadata().getName(), labels, null));
        }
        return pods;
    }

    private static Pod pod(String owner, PodTemplateSpec template) {
        Map<String, String> labels = template.getMetadata() == null || template.getMetadata().getLabels() == null
                ? Map.of() : new HashMap<>(template.getMetadata().getLabels());
        return new Pod(owner, labels, template.getSpec());
    }

    static boolean matches(Map<String, String> selector, Map<String, String> labels) {
        return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
}
