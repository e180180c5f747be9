package io.zmx.export.client;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import io.zmx.export.ExportConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Sends one signed webhook: a POST to the address {@link EndpointAddresses} checked (pinned: the connection goes to
 * that address whatever DNS says later; Host, SNI and certificate checks use the URL's host), redirects not
 * followed, bounded by a request timeout. The answer's body is read and discarded. Never throws: the outcome
 * records what happened.
 */
@ApplicationScoped
public class WebhookSender {

    /** What one attempt got: the status when there was an answer, how long it took, and what went wrong. */
    public record Outcome(Integer statusCode, int latencyMs, String error) {
        public boolean delivered() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    private final Vertx vertx;
    private final HttpClient client;

    public WebhookSender(Vertx vertx, ExportConfig config) {
        this.vertx = vertx;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setMaxPoolSize(config.webhooks().connections())
                .setKeepAlive(true)
                .setVerifyHost(true)
                .setTrustAll(false)
                .setConnectTimeout((int) config.webhooks().connectTimeout().toMillis())
                .setName("zmx-webhooks"));
    }

    /** Resolves and checks the URL on a worker thread (DNS blocks); fails with {@link EndpointAddresses.Refused}. */
    public Uni<EndpointAddresses.Target> target(String url, boolean allowLoopback) {
        return Uni.createFrom().completionStage(() -> vertx.<EndpointAddresses.Target>executeBlocking(
                () -> EndpointAddresses.resolve(url, allowLoopback), false).toCompletionStage());
    }

    public Uni<Outcome> send(EndpointAddresses.Target t, Map<String, String> headers, byte[] body, Duration timeout) {
        long start = System.nanoTime();
        URI u = t.uri();
        String path = (u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath())
                + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
        RequestOptions o = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(t.port(), t.address().getHostAddress()))
                .setHost(t.host())
                .setPort(t.port())
                .setSsl(t.https())
                .setURI(path)
                .setFollowRedirects(false)
                .setTimeout(timeout.toMillis());
        headers.forEach(o::putHeader);
        o.putHeader("content-type", "application/json");
        o.putHeader("user-agent", "zmx-webhooks/1");
        return Uni.createFrom().completionStage(() -> client.request(o)
                        .compose(req -> req.send(Buffer.buffer(body)))
                        .compose(resp -> {
                            resp.handler(ignored -> {});
                            return resp.end().map(v -> resp.statusCode());
                        }).toCompletionStage())
                .map(status -> new Outcome(status, millisSince(start), status >= 200 && status < 300 ? null : "HTTP " + status))
                .onFailure().recoverWithItem(e -> new Outcome(null, millisSince(start), describe(e)));
    }

    private static int millisSince(long start) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - start) / 1_000_000);
    }

    private static String describe(Throwable e) {
        String m = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        return m.length() > 500 ? m.substring(0, 500) : m;
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
