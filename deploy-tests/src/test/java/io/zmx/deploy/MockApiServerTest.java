package io.zmx.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

/**
 * Applies each rendered overlay to fabric8's mock API server in CRUD mode (bound to 127.0.0.1) and reads every
 * object back: the objects are accepted by an API server's REST paths as the kinds they claim to be, and come
 * back unchanged. Every call has a timeout.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class MockApiServerTest {

    static final List<String> OVERLAYS = Repo.OVERLAYS;

    static final ResourceDefinitionContext CNPG_CLUSTER = new ResourceDefinitionContext.Builder()
            .withGroup("postgresql.cnpg.io").withVersion("v1").withKind("Cluster").withPlural("clusters").withNamespaced(true).build();

    /** Held so the level sticks: the mock server logs every request at INFO. */
    static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    KubernetesMockServer server;
    KubernetesClient client;

    @BeforeEach
    void start() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient(builder -> builder.editOrNewConfig()
                .withRequestTimeout(10_000).withConnectionTimeout(5_000).withRequestRetryBackoffLimit(0).endConfig());
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.destroy();
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void overlayAppliesAndReadsBack(String overlay) {
        List<HasMetadata> objects = Rendered.of(overlay).objects();
        for (HasMetadata object : objects) {
            if (object instanceof GenericKubernetesResource custom) {
                client.genericKubernetesResources(CNPG_CLUSTER).inNamespace(custom.getMetadata().getNamespace()).resource(custom).create();
            } else {
                client.resource(object).create();
            }
        }
        for (HasMetadata object : objects) {
            String ns = object.getMetadata().getNamespace();
            String name = object.getMetadata().getName();
            HasMetadata stored = object instanceof GenericKubernetesResource
                    ? client.genericKubernetesResources(CNPG_CLUSTER).inNamespace(ns).withName(name).get()
                    : object instanceof Namespace ? client.namespaces().withName(name).get()
                    : client.resources(object.getClass()).inNamespace(ns).withName(name).get();
            assertNotNull(stored, object.getKind() + "/" + name + " was not stored");
            assertEquals(withoutServerFields(object), withoutServerFields(stored), object.getKind() + "/" + name + " changed on the way");
        }
        assertEquals(Rendered.of(overlay).all(io.fabric8.kubernetes.api.model.apps.Deployment.class).size(),
                client.apps().deployments().inNamespace(objects.stream().filter(Namespace.class::isInstance).findFirst().orElseThrow()
                        .getMetadata().getName()).list().getItems().size());
    }

    /** The object as data, minus what an API server adds (uid, resourceVersion, timestamps, status). */
    private static Map<String, Object> withoutServerFields(HasMetadata object) {
        @SuppressWarnings("unchecked")
        Map<String, Object> map = Manifests.SERIALIZATION.convertValue(object, Map.class);
        map.remove("status");
        if (map.get("metadata") instanceof Map<?, ?> metadata) {
            for (String field : List.of("uid", "resourceVersion", "creationTimestamp", "generation", "managedFields")) {
                metadata.remove(field);
            }
        }
        return map;
    }
}
