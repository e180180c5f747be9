package io.zmx.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;

/** Every overlay renders with `kubectl kustomize`, and every object in it is a well-formed Kubernetes object. */
@Timeout(180)
class RenderTest {

    static final List<String> OVERLAYS = Repo.OVERLAYS;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void overlayRendersAndEveryObjectParsesStrictly(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        Set<String> kinds = rendered.objects().stream().map(HasMetadata::getKind).collect(Collectors.toCollection(TreeSet::new));
        assertTrue(kinds.containsAll(Set.of("Namespace", "Deployment", "Service", "ConfigMap", "NetworkPolicy", "Ingress")),
                overlay + " renders " + kinds);
        for (String service : Repo.SERVICES.keySet()) {
            assertTrue(rendered.has("Deployment", service), overlay + " has no Deployment " + service);
            assertTrue(rendered.has("Service", service), overlay + " has no Service " + service);
        }
        assertTrue(rendered.has("Deployment", "keycloak"), overlay + " has no Keycloak");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void noSecretValuesAreRendered(String overlay) {
        List<String> secrets = Rendered.of(overlay).objects().stream()
                .filter(o -> o.getKind().equals("Secret")).map(o -> o.getMetadata().getName()).toList();
        assertEquals(List.of(), secrets, "Secrets come from the operator (k8s/README.md), never from git");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everythingLandsInTheOverlaysNamespace(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        List<Namespace> namespaces = rendered.all(Namespace.class);
        assertEquals(1, namespaces.size(), "one Namespace per overlay");
        String ns = namespaces.get(0).getMetadata().getName();
        assertEquals("restricted", namespaces.get(0).getMetadata().getLabels().get("pod-security.kubernetes.io/enforce"));
        List<String> elsewhere = rendered.objects().stream()
                .filter(o -> !(o instanceof Namespace))
                .filter(o -> !ns.equals(o.getMetadata().getNamespace()))
                .map(o -> o.getKind() + "/" + o.getMetadata().getName()).toList();
        assertEquals(List.of(), elsewhere, "objects outside namespace " + ns);
    }

    @Test
    void everyCommittedYamlFileUnderK8sIsStrictYaml() throws java.io.IOException {
        // kustomize merges some mistakes silently; duplicate keys in a source file are always a mistake
        List<java.nio.file.Path> files;
        try (var walk = java.nio.file.Files.walk(Repo.K8S)) {
            files = walk.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).toList();
        }
        assertTrue(files.size() >= 10, "found " + files);
        for (java.nio.file.Path file : files) {
            assertFalse(Repo.yamlDocuments(Repo.read(file), file.toString()).isEmpty(), file + " is empty");
        }
    }

    @Test
    void strictParsingRejectsAnUnknownField() {
        String typo = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: x
                spec:
                  selector: {matchLabels: {app: x}}
                  template:
                    metadata: {labels: {app: x}}
                    spec:
                      containers:
                        - name: x
                          image: x:1
                          readinesProbe: {httpGet: {path: /q/health/ready, port: 8080}}
                """;
        AssertionError error = assertThrows(AssertionError.class, () -> Manifests.parse(typo, "typo"));
        assertTrue(error.getMessage().contains("readinesProbe"), error.getMessage());
    }

    @Test
    void strictParsingRejectsWrongTypesUnknownKindsAndDuplicateKeys() {
        assertThrows(AssertionError.class, () -> Manifests.parse("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec: {replicas: two}
                """, "type"));
        assertThrows(AssertionError.class, () -> Manifests.parse("""
                apiVersion: example.com/v1
                kind: Widget
                metadata: {name: x}
                spec: {}
                """, "kind"));
        assertThrows(RuntimeException.class, () -> Manifests.parse("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: x}
                data: {A: "1", A: "2"}
                """, "duplicate"));
        assertFalse(Manifests.parse("""
                apiVersion: postgresql.cnpg.io/v1
                kind: Cluster
                metadata: {name: db}
                spec: {instances: 1}
                """, "cnpg").isEmpty());
    }
}
