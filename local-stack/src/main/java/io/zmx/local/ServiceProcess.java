package io.zmx.local;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One service jar running as a child JVM, its output in a log file, stopped with its process tree. */
public final class ServiceProcess implements AutoCloseable {

    private final String name;
    private final int port;
    private final int managementPort;
    private final Path log;
    private final ProcessBuilder launcher;
    private volatile Process process;

    private ServiceProcess(String name, int port, int managementPort, Path log, ProcessBuilder launcher,
                           Process process) {
        this.name = name;
        this.port = port;
        this.managementPort = managementPort;
        this.log = log;
        this.launcher = launcher;
        this.process = process;
    }

    public static ServiceProcess start(String name, Path jar, int port, Map<String, String> env, Path logDir,
                                       String heap) {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first with ./mvnw -B package -DskipTests");
        }
        try {
            Files.createDirectories(logDir);
            Path log = logDir.resolve(name + ".log");
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            if (Boolean.getBoolean("zmx.k8s-jvm")) {
                // as the pods of k8s/base run: a 768Mi memory and one-CPU limit, the JVM's own ergonomics (no -Xmx:
                // a quarter of the limit as heap), C2 on; for bench/startup
                command.addAll(List.of("-XX:MaxRAM=768m", "-XX:ActiveProcessorCount=1"));
            } else {
                command.add("-Xmx" + heap);
                // quick start (C1 only) suits a developer's stack; benchmarks set zmx.production-jvm=true for C2
                if (!Boolean.getBoolean("zmx.production-jvm")) {
                    command.addAll(List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
                }
            }
            command.addAll(List.of("-Dquarkus.analytics.disabled=true", "-jar", jar.toString()));
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
            pb.environment().putAll(env);
            pb.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
            pb.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
            // health and metrics on the management interface: port + 1000 (9080-9083 by default) when free
            int managementPort = managementPortFor(port);
            pb.environment().put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
            pb.environment().put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
            return new ServiceProcess(name, port, managementPort, log, pb, pb.start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name, e);
        }
    }

    static int managementPortFor(int port) {
        int preferred = port + 1000;
        if (preferred <= 65535) {
            try (java.net.ServerSocket s = new java.net.ServerSocket(preferred, 1, java.net.InetAddress.getLoopbackAddress())) {
                return preferred;
            } catch (IOException taken) {
                // fall through to any free port
            }
        }
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        }
    }

    /** Blocks until the management interface's {@code /q/health/ready} answers 200, the process dies, or the timeout passes. */
    public void awaitReady(Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(500);
        }
        throw new IllegalStateException(name + " not ready after " + timeout.toSeconds() + " s; see " + log);
    }

    public String name() {
        return name;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Health ({@code /q/health/*}) and metrics ({@code /q/metrics}): never on {@link #url()}. */
    public String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    public Path log() {
        return log;
    }

    public boolean alive() {
        return process.isAlive();
    }

    /**
     * Kills the service as a crash would (SIGKILL: no shutdown hooks, no pool closing, no lease release) and
     * waits until the process is gone. Fault tests use it; {@link #restart()} brings it back on the same port.
     */
    public void kill() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroyForcibly();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                throw new IllegalStateException(name + " did not die within 20 s of SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    /** Starts the service again with the same jar, port and environment; its output is appended to the same log. */
    public synchronized void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running; kill() or close() it first");
        }
        try {
            process = launcher.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot restart " + name, e);
        }
    }

    /** The HTTP status of the readiness check right now, or -1 when nothing answers. */
    public int readiness() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            return http.send(HttpRequest.newBuilder(URI.create(managementUrl() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops the service gracefully (SIGTERM lets Quarkus close pools), then forcibly. */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.forEach(ProcessHandle::destroyForcibly);
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
