package io.zmx.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/** Policy checks over each rendered overlay: what an operator and a security review expect of every object. */
@Timeout(180)
class PolicyTest {

    static final List<String> OVERLAYS = Repo.OVERLAYS;

    /** Containers allowed a writable root filesystem, and why (everything else must be read-only). */
    static final Map<String, String> WRITABLE_ROOT = Map.of(
            "keycloak", "Keycloak's `start` re-augments itself into /opt/keycloak/lib when build options differ from the image's");

    /** Service -> the database it owns (label zmx.io/db-<name> on the database pods). */
    static final Map<String, String> DATABASES = Map.of(
            "registry-service", "registry", "compliance-service", "compliance", "export-service", "exports", "keycloak", "keycloak");

    // ---- workloads ----------------------------------------------------------------------------------------

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyWorkloadIsPinnedProbedLimitedAndUnprivileged(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        List<String> problems = new ArrayList<>();
        for (Rendered.Pod pod : rendered.pods()) {
            if (pod.spec() == null) {
                continue; // operator-managed (CloudNativePG instances)
            }
            PodSpec spec = pod.spec();
            String owner = pod.owner();
            if (!Boolean.FALSE.equals(spec.getAutomountServiceAccountToken())) {
                problems.add(owner + ": automountServiceAccountToken must be false (no pod talks to the API server)");
            }
            boolean podNonRoot = spec.getSecurityContext() != null && Boolean.TRUE.equals(spec.getSecurityContext().getRunAsNonRoot());
            if (spec.getSecurityContext() == null || spec.getSecurityContext().getSeccompProfile() == null
                    || !"RuntimeDefault".equals(spec.getSecurityContext().getSeccompProfile().getType())) {
                problems.add(owner + ": pod securityContext.seccompProfile must be RuntimeDefault");
            }
            List<Container> containers = new ArrayList<>(spec.getContainers());
            if (spec.getInitContainers() != null) {
                containers.addAll(spec.getInitContainers());
            }
            for (Container c : containers) {
                String where = owner + " container " + c.getName();
                if (!pinned(c.getImage())) {
                    problems.add(where + ": image " + c.getImage() + " is not pinned to a version tag or digest");
                }
                if (c.getLivenessProbe() == null || c.getReadinessProbe() == null) {
                    problems.add(where + ": needs liveness and readiness probes");
                }
                if (c.getResources() == null || c.getResources().getLimits() == null || c.getResources().getRequests() == null
                        || !c.getResources().getLimits().keySet().containsAll(Set.of("cpu", "memory"))
                        || !c.getResources().getRequests().keySet().containsAll(Set.of("cpu", "memory"))) {
                    problems.add(where + ": needs cpu and memory requests and limits");
                }
                SecurityContext sc = c.getSecurityContext();
                if (sc == null) {
                    problems.add(where + ": has no securityContext");
                    continue;
                }
                if (!(podNonRoot || Boolean.TRUE.equals(sc.getRunAsNonRoot())) || Boolean.FALSE.equals(sc.getRunAsNonRoot())) {
                    problems.add(where + ": must run as non-root (runAsNonRoot: true)");
                }
                if (!Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
                    problems.add(where + ": allowPrivilegeEscalation must be false");
                }
                if (Boolean.TRUE.equals(sc.getPrivileged())) {
                    problems.add(where + ": must not be privileged");
                }
                if (sc.getCapabilities() == null || sc.getCapabilities().getDrop() == null || !sc.getCapabilities().getDrop().contains("ALL")) {
                    problems.add(where + ": must drop ALL capabilities");
                }
                if (!Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem()) && !WRITABLE_ROOT.containsKey(c.getName())) {
                    problems.add(where + ": root filesystem must be read-only (mount an emptyDir where it writes)");
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    static boolean pinned(String image) {
        if (image == null) {
            return false;
        }
        if (image.contains("@sha256:")) {
            return true;
        }
        int slash = image.lastIndexOf('/');
        int colon = image.lastIndexOf(':');
        if (colon < slash + 1) {
            return false;
        }
        String tag = image.substring(colon + 1);
        return !tag.isEmpty() && !tag.equals("latest") && !tag.endsWith("-SNAPSHOT") && Character.isDigit(tag.charAt(0));
    }

    @Test
    void pinnedRecognisesFloatingTags() {
        assertTrue(pinned("ghcr.io/zmx/gateway:1.0.0"));
        assertTrue(pinned("quay.io/keycloak/keycloak@sha256:0123abcd"));
        assertFalse(pinned("ghcr.io/zmx/gateway"));
        assertFalse(pinned("ghcr.io/zmx/gateway:latest"));
        assertFalse(pinned("localhost:5000/zmx/gateway"));
        assertFalse(pinned("ghcr.io/zmx/gateway:1.0.0-SNAPSHOT"));
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void servicesArePrometheusScrapedOnTheirMetricsPath(String overlay) {
        for (Deployment d : Rendered.of(overlay).all(Deployment.class)) {
            Map<String, String> annotations = d.getSpec().getTemplate().getMetadata().getAnnotations();
            String name = d.getMetadata().getName();
            assertNotNull(annotations, name + " has no annotations");
            assertEquals("true", annotations.get("prometheus.io/scrape"), name);
            assertEquals(Repo.SERVICES.containsKey(name) ? "/q/metrics" : "/metrics", annotations.get("prometheus.io/path"), name);
            int port = Integer.parseInt(annotations.get("prometheus.io/port"));
            assertTrue(d.getSpec().getTemplate().getSpec().getContainers().get(0).getPorts().stream()
                    .anyMatch(p -> p.getContainerPort() == port), name + " does not expose its metrics port " + port);
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void migrationsRunBeforeANewVersionServes(String overlay) {
        // Flyway migrates at start, before the HTTP port (and so the readiness probe) opens; a rolling update
        // with maxUnavailable 0 keeps the old pods serving until a migrated new pod is ready.
        Rendered rendered = Rendered.of(overlay);
        for (String service : List.of("registry-service", "compliance-service", "export-service")) {
            Deployment d = rendered.all(Deployment.class).stream().filter(x -> x.getMetadata().getName().equals(service)).findFirst().orElseThrow();
            assertEquals("/q/health/ready", d.getSpec().getTemplate().getSpec().getContainers().get(0).getReadinessProbe().getHttpGet().getPath());
            IntOrString maxUnavailable = d.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable();
            assertTrue(Integer.valueOf(0).equals(maxUnavailable.getIntVal()) || "0".equals(maxUnavailable.getStrVal()), service + " maxUnavailable " + maxUnavailable);
            Map<String, String> env = configEnvironment(rendered, d.getSpec().getTemplate().getSpec().getContainers().get(0));
            assertEquals("true", env.get("QUARKUS_FLYWAY_MIGRATE_AT_START"), service + " must migrate at start");
        }
    }

    // ---- services, selectors, network policies --------------------------------------------------------------

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyServiceSelectsAPodTemplate(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        List<String> orphans = new ArrayList<>();
        for (Service s : rendered.all(Service.class)) {
            Map<String, String> selector = s.getSpec().getSelector();
            if (selector == null || selector.isEmpty()
                    || rendered.pods().stream().noneMatch(p -> p.spec() != null && Rendered.matches(selector, p.labels()))) {
                orphans.add(s.getMetadata().getName() + " " + selector);
            }
        }
        assertEquals(List.of(), orphans, "Services selecting no pod template");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyNetworkPolicySelectsExistingPods(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        List<String> problems = new ArrayList<>();
        for (NetworkPolicy np : rendered.all(NetworkPolicy.class)) {
            String name = np.getMetadata().getName();
            if (rendered.pods().stream().noneMatch(p -> selects(np.getSpec().getPodSelector(), p.labels()))) {
                problems.add(name + ": podSelector matches no pod");
            }
            List<NetworkPolicyPeer> peers = new ArrayList<>();
            np.getSpec().getIngress().forEach(r -> peers.addAll(r.getFrom()));
            np.getSpec().getEgress().forEach(r -> peers.addAll(r.getTo()));
            for (NetworkPolicyPeer peer : peers) {
                if (peer.getPodSelector() != null && peer.getNamespaceSelector() == null
                        && rendered.pods().stream().noneMatch(p -> selects(peer.getPodSelector(), p.labels()))) {
                    problems.add(name + ": peer " + peer.getPodSelector().getMatchLabels() + " matches no pod");
                }
            }
        }
        assertEquals(List.of(), problems);
        NetworkPolicy deny = rendered.all(NetworkPolicy.class).stream().filter(n -> n.getMetadata().getName().equals("default-deny"))
                .findFirst().orElseThrow(() -> new AssertionError("no default-deny NetworkPolicy"));
        assertTrue(deny.getSpec().getPodSelector().getMatchLabels() == null || deny.getSpec().getPodSelector().getMatchLabels().isEmpty());
        assertEquals(Set.of("Ingress", "Egress"), Set.copyOf(deny.getSpec().getPolicyTypes()));
        assertTrue(deny.getSpec().getIngress().isEmpty() && deny.getSpec().getEgress().isEmpty());
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void networkPoliciesAllowExactlyTheDesignedArrows(String overlay) {
        Network net = new Network(Rendered.of(overlay));
        // the design's arrows
        assertTrue(net.allows("gateway", "registry-service", 8081));
        assertTrue(net.allows("gateway", "compliance-service", 8082));
        assertTrue(net.allows("gateway", "export-service", 8083));
        assertTrue(net.allows("export-service", "registry-service", 8081));
        assertTrue(net.allows("export-service", "compliance-service", 8082));
        // nothing else between services
        assertFalse(net.allows("registry-service", "compliance-service", 8082), "registry -> compliance");
        assertFalse(net.allows("compliance-service", "registry-service", 8081), "compliance -> registry");
        assertFalse(net.allows("registry-service", "export-service", 8083), "registry -> export");
        assertFalse(net.allows("compliance-service", "export-service", 8083), "compliance -> export");
        assertFalse(net.allows("keycloak", "registry-service", 8081), "keycloak -> registry");
        for (String service : Repo.SERVICES.keySet()) {
            assertTrue(Repo.SERVICES.keySet().stream().filter(s -> !s.equals(service)).allMatch(s -> !net.allows(s, "gateway", 8080)),
                    "no service calls the gateway");
            assertTrue(net.allows(service, "keycloak", 8080), service + " must reach the OIDC issuer");
        }
        // each service reaches its own database only; databases accept only their owner
        for (Map.Entry<String, String> own : DATABASES.entrySet()) {
            for (Rendered.Pod db : net.databasePods(own.getValue())) {
                assertTrue(net.allows(own.getKey(), db, 5432), own.getKey() + " -> its database " + db.owner());
            }
            for (Map.Entry<String, String> other : DATABASES.entrySet()) {
                if (other.getValue().equals(own.getValue())) {
                    continue;
                }
                for (Rendered.Pod db : net.databasePods(other.getValue())) {
                    if (db.labels().containsKey("zmx.io/db-" + own.getValue())) {
                        continue; // dev: one server holds every database; roles and passwords separate them
                    }
                    assertFalse(net.allows(own.getKey(), db, 5432), own.getKey() + " must not reach " + db.owner());
                }
            }
            assertFalse(net.allows("gateway", net.databasePods(own.getValue()).get(0), 5432), "gateway reaches no database");
        }
        // the outside world: the ingress controller reaches the gateway and Keycloak, nothing else
        assertTrue(net.allowsFromNamespace("ingress-nginx", "gateway", 8080));
        assertTrue(net.allowsFromNamespace("ingress-nginx", "keycloak", 8080));
        for (String service : List.of("registry-service", "compliance-service", "export-service")) {
            assertFalse(net.allowsFromNamespace("ingress-nginx", service, Repo.SERVICES.get(service)), service + " is internal");
        }
    }

    /** Each service's management interface (health, metrics): gateway 9080, registry 9081, compliance 9082, export 9083. */
    static final Map<String, Integer> MANAGEMENT = Map.of("gateway", 9080, "registry-service", 9081,
            "compliance-service", 9082, "export-service", 9083);

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void healthAndMetricsAreServedOnTheManagementPortWhichNothingPublicReaches(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        Network net = new Network(rendered);
        for (Map.Entry<String, Integer> m : MANAGEMENT.entrySet()) {
            Deployment d = rendered.all(Deployment.class).stream().filter(x -> x.getMetadata().getName().equals(m.getKey()))
                    .findFirst().orElseThrow();
            var container = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            int management = m.getValue();
            assertTrue(container.getPorts().stream().anyMatch(p -> p.getContainerPort() == management
                    && "management".equals(p.getName())), m.getKey() + " exposes no management port " + management);
            for (var probe : List.of(container.getReadinessProbe(), container.getLivenessProbe(), container.getStartupProbe())) {
                assertEquals(management, probe.getHttpGet().getPort().getIntVal(), m.getKey() + " probes the public port");
            }
            assertEquals(String.valueOf(management), d.getSpec().getTemplate().getMetadata().getAnnotations()
                    .get("prometheus.io/port"), m.getKey() + " is scraped on its public port");
            assertFalse(net.allowsFromNamespace("ingress-nginx", m.getKey(), management), m.getKey() + ": management is public");
            assertTrue(net.allowsFromNamespace("monitoring", m.getKey(), management), m.getKey() + ": Prometheus cannot scrape");
            assertFalse(net.allowsFromNamespace("monitoring", m.getKey(), Repo.SERVICES.get(m.getKey())),
                    m.getKey() + ": Prometheus reaches the API port");
            if (!m.getKey().equals("gateway")) {
                assertFalse(net.allows("gateway", m.getKey(), management), "the gateway reaches " + m.getKey() + "'s management port");
            }
        }
        for (Ingress ingress : rendered.all(Ingress.class)) {
            ingress.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths().forEach(path -> {
                var port = path.getBackend().getService().getPort();
                assertFalse("management".equals(port.getName())
                                || (port.getNumber() != null && MANAGEMENT.containsValue(port.getNumber())),
                        ingress.getMetadata().getName() + " routes to a management port");
            }));
        }
    }

    static boolean selects(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return true;
        }
        if (selector.getMatchLabels() != null && !Rendered.matches(selector.getMatchLabels(), labels)) {
            return false;
        }
        if (selector.getMatchExpressions() != null) {
            for (var e : selector.getMatchExpressions()) {
                String v = labels.get(e.getKey());
                boolean ok = switch (e.getOperator()) {
                    case "Exists" -> v != null;
                    case "DoesNotExist" -> v == null;
                    case "In" -> v != null && e.getValues().contains(v);
                    case "NotIn" -> v == null || !e.getValues().contains(v);
                    default -> throw new AssertionError("unknown selector operator " + e.getOperator());
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A small NetworkPolicy evaluator for pods of one namespace (every pod is under default-deny). */
    record Network(Rendered rendered) {

        Rendered.Pod pod(String name) {
            return rendered.pods().stream().filter(p -> name.equals(p.labels().get("app.kubernetes.io/name"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no pod " + name));
        }

        List<Rendered.Pod> databasePods(String database) {
            List<Rendered.Pod> pods = rendered.pods().stream().filter(p -> "true".equals(p.labels().get("zmx.io/db-" + database))).toList();
            assertFalse(pods.isEmpty(), "no pod serves database " + database);
            return pods;
        }

        boolean allows(String from, String to, int port) {
            return allows(from, pod(to), port);
        }

        boolean allows(String from, Rendered.Pod to, int port) {
            Rendered.Pod source = pod(from);
            boolean egress = rendered.all(NetworkPolicy.class).stream()
                    .filter(np -> np.getSpec().getPolicyTypes().contains("Egress") && selects(np.getSpec().getPodSelector(), source.labels()))
                    .flatMap(np -> np.getSpec().getEgress().stream())
                    .anyMatch(rule -> portMatches(rule.getPorts(), port) && rule.getTo().stream().anyMatch(peer -> podPeer(peer, to)));
            return egress && ingress(to, port, peer -> podPeer(peer, source));
        }

        boolean allowsFromNamespace(String namespace, String to, int port) {
            return ingress(pod(to), port, peer -> peer.getPodSelector() == null && peer.getNamespaceSelector() != null
                    && namespace.equals(Objects.requireNonNullElse(peer.getNamespaceSelector().getMatchLabels(), Map.<String, String>of())
                            .get("kubernetes.io/metadata.name")));
        }

        private boolean ingress(Rendered.Pod to, int port, java.util.function.Predicate<NetworkPolicyPeer> peerMatches) {
            return rendered.all(NetworkPolicy.class).stream()
                    .filter(np -> np.getSpec().getPolicyTypes().contains("Ingress") && selects(np.getSpec().getPodSelector(), to.labels()))
                    .flatMap(np -> np.getSpec().getIngress().stream())
                    .anyMatch(rule -> portMatches(rule.getPorts(), port) && rule.getFrom().stream().anyMatch(peerMatches));
        }

        private static boolean podPeer(NetworkPolicyPeer peer, Rendered.Pod pod) {
            return peer.getNamespaceSelector() == null && peer.getIpBlock() == null && peer.getPodSelector() != null
                    && selects(peer.getPodSelector(), pod.labels());
        }

        private static boolean portMatches(List<NetworkPolicyPort> ports, int port) {
            return ports == null || ports.isEmpty() || ports.stream().anyMatch(p -> p.getPort() != null && p.getPort().getIntVal() != null
                    && p.getPort().getIntVal() == port);
        }
    }

    // ---- configuration and secrets ----------------------------------------------------------------------------

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyReferencedConfigMapAndSecretExistsOrIsOperatorSupplied(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        List<OperatorSupplied> supplied = OperatorSupplied.fromReadme().stream().filter(o -> o.overlays().contains(overlay)).toList();
        Set<String> references = new TreeSet<>();
        for (Rendered.Pod pod : rendered.pods()) {
            if (pod.spec() != null) {
                references.addAll(references(pod.spec()));
            }
        }
        for (Ingress ingress : rendered.all(Ingress.class)) {
            ingress.getSpec().getTls().forEach(tls -> references.add("Secret/" + tls.getSecretName()));
        }
        for (GenericKubernetesResource cluster : rendered.custom("Cluster")) {
            Map<?, ?> initdb = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) cluster.getAdditionalProperties().get("spec")).get("bootstrap")).get("initdb");
            references.add("Secret/" + ((Map<?, ?>) initdb.get("secret")).get("name"));
        }
        List<String> missing = new ArrayList<>();
        for (String ref : references) {
            String kind = ref.substring(0, ref.indexOf('/'));
            String name = ref.substring(ref.indexOf('/') + 1);
            boolean rendered_ = rendered.has(kind, name);
            boolean documented = supplied.stream().anyMatch(s -> s.kind().equals(kind) && s.name().equals(name));
            if (!rendered_ && !documented) {
                missing.add(ref);
            }
        }
        assertEquals(List.of(), missing, "referenced in " + overlay + " but neither rendered nor in k8s/README.md's operator-supplied table");
        List<String> stale = supplied.stream().map(s -> s.kind() + "/" + s.name()).filter(r -> !references.contains(r)).toList();
        assertEquals(List.of(), stale, "listed as operator-supplied for " + overlay + " but referenced by nothing");
        String readme = Repo.read(Repo.K8S.resolve("README.md"));
        for (OperatorSupplied s : supplied) {
            if (s.kind().equals("Secret")) {
                assertTrue(readme.contains("create secret generic " + s.name()) || readme.contains("create secret tls " + s.name()),
                        "k8s/README.md shows no command creating Secret " + s.name());
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void secretKeysThatPodsReadAreTheDocumentedOnes(String overlay) {
        Map<String, Set<String>> documented = new java.util.HashMap<>();
        OperatorSupplied.fromReadme().stream().filter(o -> o.kind().equals("Secret"))
                .forEach(o -> documented.put(o.name(), o.keys()));
        List<String> problems = new ArrayList<>();
        for (Rendered.Pod pod : Rendered.of(overlay).pods()) {
            if (pod.spec() == null) {
                continue;
            }
            Stream.concat(pod.spec().getContainers().stream(), pod.spec().getInitContainers().stream())
                    .flatMap(c -> c.getEnv().stream())
                    .filter(e -> e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null)
                    .map(e -> e.getValueFrom().getSecretKeyRef())
                    .filter(ref -> !documented.getOrDefault(ref.getName(), Set.of()).contains(ref.getKey()))
                    .forEach(ref -> problems.add(pod.owner() + " reads key " + ref.getKey() + " of Secret " + ref.getName()));
        }
        for (GenericKubernetesResource cluster : Rendered.of(overlay).custom("Cluster")) {
            Map<?, ?> initdb = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) cluster.getAdditionalProperties().get("spec")).get("bootstrap")).get("initdb");
            String secret = String.valueOf(((Map<?, ?>) initdb.get("secret")).get("name"));
            if (!documented.getOrDefault(secret, Set.of()).containsAll(Set.of("username", "password"))) {
                problems.add(cluster.getMetadata().getName() + " bootstraps from " + secret + ", which must have username and password");
            }
        }
        assertEquals(List.of(), problems, "keys not listed for that Secret in k8s/README.md's operator-supplied table");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void configMapKeysThatPodsReadExist(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        for (Rendered.Pod pod : rendered.pods()) {
            if (pod.spec() == null) {
                continue;
            }
            for (Container c : pod.spec().getContainers()) {
                for (EnvVar e : c.getEnv()) {
                    if (e.getValueFrom() != null && e.getValueFrom().getConfigMapKeyRef() != null) {
                        String name = e.getValueFrom().getConfigMapKeyRef().getName();
                        ConfigMap cm = rendered.all(ConfigMap.class).stream().filter(m -> m.getMetadata().getName().equals(name)).findFirst().orElseThrow();
                        assertTrue(cm.getData().containsKey(e.getValueFrom().getConfigMapKeyRef().getKey()), pod.owner() + " reads a missing key");
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyDatabaseUrlPointsAtADatabaseServiceOfTheOverlay(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        Map<String, String> urls = Map.of("registry-service", "ZMX_REGISTRY_DB_URL", "compliance-service", "ZMX_COMPLIANCE_DB_URL",
                "export-service", "ZMX_EXPORT_DB_URL", "keycloak", "KC_DB_URL");
        for (Map.Entry<String, String> e : urls.entrySet()) {
            Deployment d = rendered.all(Deployment.class).stream().filter(x -> x.getMetadata().getName().equals(e.getKey())).findFirst().orElseThrow();
            String url = configEnvironment(rendered, d.getSpec().getTemplate().getSpec().getContainers().get(0)).get(e.getValue());
            assertNotNull(url, e.getKey() + " has no " + e.getValue());
            String host = url.replaceFirst("^jdbc:postgresql://", "").replaceFirst("[:/].*$", "");
            String database = url.replaceFirst("^.*/", "").replaceFirst("\\?.*$", "");
            assertEquals(DATABASES.get(e.getKey()), database, e.getKey() + " uses the wrong database: " + url);
            boolean served = rendered.has("Service", host)
                    || rendered.custom("Cluster").stream().anyMatch(c -> host.equals(c.getMetadata().getName() + "-rw"));
            assertTrue(served, e.getKey() + ": nothing in " + overlay + " serves " + host);
        }
    }

    static Set<String> references(PodSpec spec) {
        Set<String> refs = new TreeSet<>();
        Stream.concat(spec.getContainers().stream(), spec.getInitContainers().stream()).forEach(c -> {
            for (EnvFromSource from : c.getEnvFrom()) {
                if (from.getConfigMapRef() != null) {
                    refs.add("ConfigMap/" + from.getConfigMapRef().getName());
                }
                if (from.getSecretRef() != null) {
                    refs.add("Secret/" + from.getSecretRef().getName());
                }
            }
            for (EnvVar e : c.getEnv()) {
                if (e.getValueFrom() != null && e.getValueFrom().getConfigMapKeyRef() != null) {
                    refs.add("ConfigMap/" + e.getValueFrom().getConfigMapKeyRef().getName());
                }
                if (e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null) {
                    refs.add("Secret/" + e.getValueFrom().getSecretKeyRef().getName());
                }
            }
        });
        for (Volume v : spec.getVolumes()) {
            if (v.getConfigMap() != null) {
                refs.add("ConfigMap/" + v.getConfigMap().getName());
            }
            if (v.getSecret() != null) {
                refs.add("Secret/" + v.getSecret().getSecretName());
            }
        }
        return refs;
    }

    /** The literal environment a container gets from its ConfigMaps (envFrom) and plain env values. */
    static Map<String, String> configEnvironment(Rendered rendered, Container c) {
        Map<String, String> env = new java.util.HashMap<>();
        for (EnvFromSource from : c.getEnvFrom()) {
            if (from.getConfigMapRef() != null) {
                rendered.all(ConfigMap.class).stream().filter(m -> m.getMetadata().getName().equals(from.getConfigMapRef().getName()))
                        .findFirst().ifPresent(m -> env.putAll(m.getData()));
            }
        }
        c.getEnv().stream().filter(e -> e.getValue() != null).forEach(e -> env.put(e.getName(), e.getValue()));
        return env;
    }

    // ---- ingress --------------------------------------------------------------------------------------------

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theGatewayIsServedOverTls(String overlay) {
        Rendered rendered = Rendered.of(overlay);
        Ingress ingress = rendered.all(Ingress.class).stream().filter(i -> i.getMetadata().getName().equals("gateway")).findFirst()
                .orElseThrow(() -> new AssertionError("no Ingress for the gateway"));
        Set<String> tlsHosts = new TreeSet<>();
        for (IngressTLS tls : ingress.getSpec().getTls()) {
            assertNotNull(tls.getSecretName());
            tlsHosts.addAll(tls.getHosts());
        }
        for (var rule : ingress.getSpec().getRules()) {
            assertTrue(tlsHosts.contains(rule.getHost()), rule.getHost() + " is not covered by TLS");
            for (var path : rule.getHttp().getPaths()) {
                String backend = path.getBackend().getService().getName();
                assertEquals("gateway", backend, "the public entry point routes to the gateway only");
                assertTrue(rendered.has("Service", backend));
            }
        }
        for (Ingress any : rendered.all(Ingress.class)) {
            assertFalse(any.getSpec().getTls().isEmpty(), any.getMetadata().getName() + " has no TLS");
        }
    }

    // ---- overlay specifics ------------------------------------------------------------------------------------

    @Test
    void devRunsOneReplicaOfEverythingAndOneSingleInstancePostgres() {
        Rendered dev = Rendered.of("dev");
        for (Deployment d : dev.all(Deployment.class)) {
            assertEquals(1, d.getSpec().getReplicas(), d.getMetadata().getName());
        }
        List<StatefulSet> databases = dev.all(StatefulSet.class);
        assertEquals(1, databases.size(), "one PostgreSQL");
        assertEquals(1, databases.get(0).getSpec().getReplicas());
        assertTrue(databases.get(0).getSpec().getTemplate().getSpec().getContainers().get(0).getImage().contains("postgres"));
        assertTrue(dev.custom("Cluster").isEmpty(), "dev needs no operator");
        assertTrue(dev.all(HorizontalPodAutoscaler.class).isEmpty());
    }

    @Test
    void prodRunsACloudNativePgClusterOfThreePerDatabase() {
        Rendered prod = Rendered.of("prod");
        Set<String> databases = new TreeSet<>();
        for (GenericKubernetesResource cluster : prod.custom("Cluster")) {
            Map<?, ?> spec = (Map<?, ?>) cluster.getAdditionalProperties().get("spec");
            assertEquals(3, spec.get("instances"), cluster.getMetadata().getName());
            databases.add(String.valueOf(((Map<?, ?>) ((Map<?, ?>) spec.get("bootstrap")).get("initdb")).get("database")));
        }
        assertEquals(new TreeSet<>(DATABASES.values()), databases);
        assertTrue(prod.all(StatefulSet.class).isEmpty(), "prod databases are operator-managed");
    }

    @Test
    void prodAutoscalesAndProtectsEveryService() {
        Rendered prod = Rendered.of("prod");
        for (String service : Repo.SERVICES.keySet()) {
            Deployment d = prod.all(Deployment.class).stream().filter(x -> x.getMetadata().getName().equals(service)).findFirst().orElseThrow();
            assertEquals(null, d.getSpec().getReplicas(), service + ": the HPA owns the replica count");
            HorizontalPodAutoscaler hpa = prod.all(HorizontalPodAutoscaler.class).stream()
                    .filter(h -> h.getSpec().getScaleTargetRef().getName().equals(service)).findFirst()
                    .orElseThrow(() -> new AssertionError("no HPA for " + service));
            assertEquals("Deployment", hpa.getSpec().getScaleTargetRef().getKind());
            assertTrue(hpa.getSpec().getMinReplicas() >= 2, service + " runs at least 2 replicas");
            assertTrue(hpa.getSpec().getMaxReplicas() > hpa.getSpec().getMinReplicas());
        }
        for (Deployment d : prod.all(Deployment.class)) {
            Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
            List<PodDisruptionBudget> pdbs = prod.all(PodDisruptionBudget.class).stream()
                    .filter(p -> selects(p.getSpec().getSelector(), labels)).toList();
            assertEquals(1, pdbs.size(), d.getMetadata().getName() + " needs exactly one PodDisruptionBudget");
        }
    }
}
