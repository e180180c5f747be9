package io.zmx.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/** The repository under test: paths, the services, and `kubectl kustomize` with a timeout. */
final class Repo {

    /** Service modules whose manifests quarkus-kubernetes generates, with their HTTP ports. */
    static final Map<String, Integer> SERVICES = Map.of(
            "registry-service", 8081,
            "compliance-service", 8082,
            "export-service", 8083,
            "gateway", 8080);

    static final List<String> OVERLAYS = List.of("dev", "prod");

    static final Path ROOT = Path.of(System.getProperty("zmx.root", "..")).toAbsolutePath().normalize();
    static final Path K8S = ROOT.resolve("k8s");

    private static final Map<String, String> RENDERED = new ConcurrentHashMap<>();

    private Repo() {
    }

    /** `kubectl kustomize k8s/overlays/<name>`, once per run. Fails with what to install when kubectl is missing. */
    static String render(String overlay) {
        return RENDERED.computeIfAbsent(overlay, o -> kustomize(K8S.resolve("overlays").resolve(o)));
    }

    private static volatile String checkedKustomize;

    /** kubectl's embedded kustomize must be v5 (kubectl 1.27+): older ones reject or misread these kustomizations. */
    static String kustomizeVersion() {
        if (checkedKustomize == null) {
            String version = run(120, kubectl(), "version", "--client", "-o", "json");
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"kustomizeVersion\":\\s*\"v(\\d+)[^\"]*\"").matcher(version);
            if (!m.find() || Integer.parseInt(m.group(1)) < 5) {
                throw new AssertionError("kubectl " + kubectl() + " embeds no kustomize v5 (kubectl 1.27 or newer is needed):\n" + version);
            }
            checkedKustomize = m.group(0);
        }
        return checkedKustomize;
    }

    static String kubectl() {
        return System.getenv().getOrDefault("KUBECTL", "kubectl");
    }

    static String kustomize(Path dir) {
        kustomizeVersion();
        return run(120, kubectl(), "kustomize", dir.toString());
    }

    /** Runs a kubectl command with a timeout; its stdout, or an AssertionError saying what failed or what to install. */
    static String run(int seconds, String... command) {
        String kubectl = command[0];
        Process process;
        Path out;
        Path err;
        try {
            out = Files.createTempFile("kustomize", ".yaml");
            err = Files.createTempFile("kustomize", ".err");
            process = new ProcessBuilder(command)
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        } catch (IOException e) {
            throw new AssertionError("""
                    Cannot run `%s`: %s
                    deploy-tests renders k8s/overlays/* with kubectl (1.27 or newer, which embeds kustomize v5).
                    Install kubectl (e.g. Debian/Ubuntu: the `kubectl` package from the Kubernetes apt repository, or a
                    distribution's kubernetes-client >= 1.27) or point the KUBECTL environment variable at it.""".formatted(kubectl, e.getMessage()), e);
        }
        try {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + seconds + " s");
            }
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed (exit " + process.exitValue() + "):\n" + stderr);
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        } finally {
            out.toFile().delete();
            err.toFile().delete();
        }
    }

    /** Every document of a YAML stream, parsed strictly: duplicate keys are errors, empty documents are dropped. */
    static List<Object> yamlDocuments(String yaml, String what) {
        LoadSettings settings = LoadSettings.builder().setAllowDuplicateKeys(false).setLabel(what).build();
        List<Object> docs = new ArrayList<>();
        for (Object doc : new Load(settings).loadAllFromString(yaml)) {
            if (doc != null) {
                docs.add(doc);
            }
        }
        return docs;
    }

    static String read(Path path) {
        try {
            return Files.readString(path, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError("cannot read " + path, e);
        }
    }

    static String resource(String name) {
        try (InputStream in = Repo.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException | NullPointerException e) {
            throw new AssertionError("missing test resource " + name, e);
        }
    }
}
