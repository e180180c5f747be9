package io.zmx.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.apps.Deployment;

/** Keycloak imports the committed realm, and every ${VAR} placeholder in it gets a value in the pod. */
class KeycloakRealmTest {

    static final List<String> OVERLAYS = Repo.OVERLAYS;

    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(:[^}]*)?}");

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theCommittedRealmIsImported(String overlay) {
        String realm = Repo.read(Repo.K8S.resolve("base/keycloak/zmx-realm.json"));
        Map<?, ?> json = (Map<?, ?>) Repo.yamlDocuments(realm, "zmx-realm.json").get(0);
        assertEquals("zmx", json.get("realm"));
        Rendered rendered = Rendered.of(overlay);
        ConfigMap cm = rendered.all(ConfigMap.class).stream().filter(c -> c.getMetadata().getName().startsWith("zmx-keycloak-realm"))
                .findFirst().orElseThrow();
        assertEquals(realm, cm.getData().get("zmx-realm.json"));
        Container keycloak = keycloak(rendered);
        assertTrue(keycloak.getArgs().contains("--import-realm"));
        assertTrue(keycloak.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/opt/keycloak/data/import")));
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyRealmPlaceholderHasAValue(String overlay) {
        Matcher m = PLACEHOLDER.matcher(Repo.read(Repo.K8S.resolve("base/keycloak/zmx-realm.json")));
        Set<String> needed = new TreeSet<>();
        while (m.find()) {
            if (m.group(2) == null) { // ${VAR:default} has a value anyway
                needed.add(m.group(1));
            }
        }
        Container keycloak = keycloak(Rendered.of(overlay));
        Set<String> provided = new TreeSet<>();
        keycloak.getEnv().forEach(e -> provided.add(e.getName()));
        List<OperatorSupplied> supplied = OperatorSupplied.fromReadme();
        keycloak.getEnvFrom().stream().filter(e -> e.getSecretRef() != null).forEach(e -> supplied.stream()
                .filter(s -> s.kind().equals("Secret") && s.name().equals(e.getSecretRef().getName()))
                .forEach(s -> provided.addAll(s.keys())));
        needed.removeAll(provided);
        assertEquals(Set.of(), needed, "realm placeholders no Secret or env var of the Keycloak pod provides"
                + " (add them to zmx-keycloak-clients' keys in k8s/README.md and to the creating command)");
    }

    static Container keycloak(Rendered rendered) {
        return rendered.all(Deployment.class).stream().filter(d -> d.getMetadata().getName().equals("keycloak")).findFirst()
                .orElseThrow().getSpec().getTemplate().getSpec().getContainers().get(0);
    }
}
