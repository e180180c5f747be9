package io.zmx.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;

/** The optional kustomize components render on top of the prod overlay, as k8s/README.md tells operators to use them. */
@Timeout(180)
class ComponentsTest {

    @Test
    void prometheusOperatorComponentScrapesEveryZmxPod() throws IOException {
        Path overlay = Repo.ROOT.resolve("deploy-tests/target/overlay-with-prometheus-operator");
        Files.createDirectories(overlay);
        Files.writeString(overlay.resolve("kustomization.yaml"), """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                namespace: zmx
                resources:
                  - ../../../k8s/overlays/prod
                components:
                  - ../../../k8s/components/prometheus-operator
                """);
        List<HasMetadata> objects = Manifests.parse(Repo.kustomize(overlay), "prod + prometheus-operator");
        Rendered rendered = new Rendered("prod+prometheus-operator", objects);
        List<GenericKubernetesResource> monitors = rendered.custom("PodMonitor");
        assertEquals(2, monitors.size());
        for (Rendered.Pod pod : rendered.pods()) {
            if (pod.spec() == null) {
                continue; // CloudNativePG instances: the operator's own PodMonitors, enabled below
            }
            boolean scraped = monitors.stream().anyMatch(m -> {
                Map<?, ?> spec = (Map<?, ?>) m.getAdditionalProperties().get("spec");
                @SuppressWarnings("unchecked")
                Map<String, String> labels = (Map<String, String>) ((Map<?, ?>) spec.get("selector")).get("matchLabels");
                String port = String.valueOf(((Map<?, ?>) ((List<?>) spec.get("podMetricsEndpoints")).get(0)).get("port"));
                return Rendered.matches(labels, pod.labels()) && pod.spec().getContainers().get(0).getPorts().stream()
                        .anyMatch(p -> port.equals(p.getName()));
            });
            assertTrue(scraped || pod.owner().equals("StatefulSet/postgres"), pod.owner() + " is not scraped through a named port");
        }
        assertFalse(rendered.custom("Cluster").isEmpty());
        for (GenericKubernetesResource cluster : rendered.custom("Cluster")) {
            Map<?, ?> monitoring = (Map<?, ?>) ((Map<?, ?>) cluster.getAdditionalProperties().get("spec")).get("monitoring");
            assertEquals(true, monitoring.get("enablePodMonitor"), cluster.getMetadata().getName());
        }
        assertTrue(objects.stream().allMatch(o -> o.getKind().equals("Namespace") || "zmx".equals(o.getMetadata().getNamespace())));
    }
}
