package io.zmx.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * k8s/base/<service>/kubernetes.yml is exactly what quarkus-kubernetes generated into
 * <service>/target/kubernetes/kubernetes.yml in this build. After changing a service's kubernetes
 * settings, refresh the committed copies and review the diff:
 * <pre>./mvnw -B -pl deploy-tests -am verify -Dzmx.k8s.update=true -Dtest='io.zmx.deploy.**' -Dsurefire.failIfNoSpecifiedTests=false</pre>
 */
class GeneratedManifestsTest {

    static final Set<String> SERVICES = new TreeSet<>(Repo.SERVICES.keySet());

    @ParameterizedTest
    @FieldSource("SERVICES")
    void committedManifestIsWhatTheBuildGenerates(String service) throws IOException {
        Path generated = Repo.ROOT.resolve(service).resolve("target/kubernetes/kubernetes.yml");
        Path committed = Repo.K8S.resolve("base").resolve(service).resolve("kubernetes.yml");
        if (!Files.exists(generated)) {
            fail(generated + " does not exist: build " + service + " first (deploy-tests builds after the services in"
                    + " `./mvnw verify`; alone: ./mvnw -B -pl deploy-tests -am verify)");
        }
        if (Boolean.getBoolean("zmx.k8s.update")) {
            Files.createDirectories(committed.getParent());
            Files.copy(generated, committed, StandardCopyOption.REPLACE_EXISTING);
        }
        assertTrue(Files.exists(committed), committed + " is missing; run with -Dzmx.k8s.update=true");
        // Compared as YAML data, not bytes: quarkus-kubernetes writes labels in no stable order.
        List<Object> want = Repo.yamlDocuments(Files.readString(generated), generated.toString());
        List<Object> have = Repo.yamlDocuments(Files.readString(committed), committed.toString());
        String difference = firstDifference(want, have, "");
        if (difference != null) {
            fail("""
                    %s differs from what the build generates (%s):
                      %s
                    The Deployment/Service come from %s's application.properties (block "# ---- kubernetes") and
                    src/main/kubernetes/kubernetes.yml. Refresh with -Dzmx.k8s.update=true and review the diff.""".formatted(
                    Repo.ROOT.relativize(committed), Repo.ROOT.relativize(generated), difference, service));
        }
    }

    @Test
    void aChangedFieldIsDriftButReorderedLabelsAreNot() {
        String committed = Repo.read(Repo.K8S.resolve("base/registry-service/kubernetes.yml"));
        String retagged = committed.replace("ghcr.io/zmx/registry-service:1.0.0", "ghcr.io/zmx/registry-service:9.9.9");
        String difference = firstDifference(Repo.yamlDocuments(retagged, "changed"), Repo.yamlDocuments(committed, "committed"), "");
        assertNotNull(difference);
        assertTrue(difference.contains("image"), difference);
        String reordered = committed.replace("""
                    app.kubernetes.io/name: registry-service
                    app.kubernetes.io/part-of: zmx
                """, """
                    app.kubernetes.io/part-of: zmx
                    app.kubernetes.io/name: registry-service
                """);
        assertNotEquals(committed, reordered);
        assertNull(firstDifference(Repo.yamlDocuments(reordered, "reordered"), Repo.yamlDocuments(committed, "committed"), ""));
    }

    private static List<?> byName(List<?> ports) {
        List<Object> sorted = new java.util.ArrayList<>(ports);
        sorted.sort(java.util.Comparator.comparing(p -> p instanceof Map<?, ?> m ? String.valueOf(m.get("name")) : String.valueOf(p)));
        return sorted;
    }

    /** Where two YAML values first differ ("generated" vs "committed"), or null when they are equal. */
    static String firstDifference(Object generated, Object committed, String path) {
        if (generated instanceof Map<?, ?> g && committed instanceof Map<?, ?> c) {
            for (Object key : g.keySet()) {
                if (!c.containsKey(key)) {
                    return path + "." + key + ": generated but not committed";
                }
                String d = firstDifference(g.get(key), c.get(key), path + "." + key);
                if (d != null) {
                    return d;
                }
            }
            for (Object key : c.keySet()) {
                if (!g.containsKey(key)) {
                    return path + "." + key + ": committed but no longer generated";
                }
            }
            return null;
        }
        if (generated instanceof List<?> g && committed instanceof List<?> c) {
            if (path.endsWith(".ports")) {
                // a container's ports are named; quarkus-kubernetes lists http and management in no stable order
                g = byName(g);
                c = byName(c);
            }
            for (int i = 0; i < Math.min(g.size(), c.size()); i++) {
                String d = firstDifference(g.get(i), c.get(i), path + "[" + i + "]");
                if (d != null) {
                    return d;
                }
            }
            return g.size() == c.size() ? null : path + ": " + g.size() + " items generated, " + c.size() + " committed";
        }
        return Objects.equals(generated, committed) ? null
                : (path.isEmpty() ? "document" : path) + ": generated " + generated + ", committed " + committed;
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void baseKustomizationIncludesTheGeneratedManifest(String service) {
        String kustomization = Repo.read(Repo.K8S.resolve("base/kustomization.yaml"));
        assertTrue(kustomization.contains("- " + service + "/kubernetes.yml"), "k8s/base/kustomization.yaml lacks " + service);
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void generatedDeploymentIsTheOneTheOverlaysRun(String service) {
        // the overlays may add to the generated Deployment (namespace, config hashes) but not replace its container
        for (String overlay : Repo.OVERLAYS) {
            var deployment = Rendered.of(overlay).all(io.fabric8.kubernetes.api.model.apps.Deployment.class).stream()
                    .filter(d -> d.getMetadata().getName().equals(service)).findFirst().orElseThrow();
            var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
            assertEquals(service, container.getName());
            assertEquals("quarkus", deployment.getMetadata().getLabels().get("app.kubernetes.io/managed-by"));
            // the API port (named http); the management port (health, metrics) is another, in no fixed order
            assertEquals(Repo.SERVICES.get(service), container.getPorts().stream().filter(p -> "http".equals(p.getName()))
                    .findFirst().orElseThrow().getContainerPort());
        }
    }
}
