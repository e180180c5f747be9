package io.zmx.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import io.fabric8.kubernetes.api.model.apps.Deployment;

/** Each service's Dockerfiles: pinned UBI bases, the uid the Deployment runs as, its port, the right artifact. */
class DockerfilesTest {

    static final Set<String> SERVICES = new TreeSet<>(Repo.SERVICES.keySet());

    /** Dockerfile instructions, continuation lines joined, comments dropped. */
    static List<String> instructions(Path file) {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Repo.read(file).split("\n")) {
            String t = line.strip();
            if (t.startsWith("#") || (t.isEmpty() && current.isEmpty())) {
                continue;
            }
            if (t.endsWith("\\")) {
                current.append(t, 0, t.length() - 1).append(' ');
                continue;
            }
            current.append(t);
            if (!current.toString().isBlank()) {
                out.add(current.toString());
            }
            current.setLength(0);
        }
        return out;
    }

    @ParameterizedTest
    @FieldSource("SERVICES")
    void dockerfilesArePinnedNonRootAndMatchTheDeployment(String service) {
        Deployment deployment = Rendered.of("prod").all(Deployment.class).stream()
                .filter(d -> d.getMetadata().getName().equals(service)).findFirst().orElseThrow();
        long uid = deployment.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsUser();
        for (String variant : List.of("Dockerfile.jvm", "Dockerfile.native", "Dockerfile.native-micro")) {
            Path file = Repo.ROOT.resolve(service).resolve("src/main/docker").resolve(variant);
            assertTrue(Files.exists(file), file + " is missing");
            List<String> ins = instructions(file);
            String where = service + "/" + variant;
            List<String> from = ins.stream().filter(i -> i.startsWith("FROM ")).toList();
            assertEquals(1, from.size(), where + " has one stage");
            String image = from.get(0).substring(5).trim();
            assertTrue(PolicyTest.pinned(image), where + ": base image " + image + " is not pinned");
            assertTrue(image.startsWith("registry.access.redhat.com/ubi9/") || image.startsWith("quay.io/quarkus/ubi9-"), where + ": UBI base expected");
            assertTrue(ins.contains("USER " + uid), where + " must run as uid " + uid + " like the Deployment");
            assertTrue(ins.contains("EXPOSE " + Repo.SERVICES.get(service)), where + " must expose " + Repo.SERVICES.get(service));
            assertTrue(ins.stream().anyMatch(i -> i.startsWith("ENTRYPOINT ")), where + " has no ENTRYPOINT");
            String artifact = variant.equals("Dockerfile.jvm") ? "target/quarkus-app/" : "target/*-runner";
            assertTrue(ins.stream().anyMatch(i -> i.startsWith("COPY ") && i.contains(artifact)), where + " must copy " + artifact);
        }
    }
}
