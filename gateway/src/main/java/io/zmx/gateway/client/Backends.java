package io.zmx.gateway.client;

import io.quarkus.runtime.Startup;
import io.vertx.circuitbreaker.CircuitBreaker;
import io.vertx.circuitbreaker.CircuitBreakerOptions;
import io.vertx.circuitbreaker.impl.CircuitBreakerImpl;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.StreamResetException;
import io.vertx.core.net.SocketAddress;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyOptions;
import io.zmx.gateway.GatewayConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * One connection pool, one circuit breaker and its reverse proxies per service behind the gateway. Every
 * HTTP call the gateway makes to another service leaves through here: proxied calls through
 * {@link #proxy(Backend, Duration)}, the gateway's own composed calls through {@link #get(Backend, String, MultiMap)}.
 */
@Startup
@ApplicationScoped
public class Backends {

    private static final Logger LOG = Logger.getLogger(Backends.class);

    private final Map<Backend, Target> targets = new EnumMap<>(Backend.class);

    /**
     * A service's pool, breaker and where it lives; its reverse proxy, and one more for each timeout of its own that an
     * operation of its contract names ({@code x-zmx-timeout}: a handful at most), all on the same pool and breaker.
     */
    public record Target(Backend backend, HttpClient client, CircuitBreaker breaker, SocketAddress address,
            long timeoutMs, long connectTimeoutMs, Map<Long, HttpProxy> proxies) {

        RequestOptions options() {
            return new RequestOptions().setServer(address).setIdleTimeout(timeoutMs).setConnectTimeout(connectTimeoutMs);
        }

        /** The reverse proxy that waits {@code idleTimeoutMs} without a byte from the service. */
        HttpProxy proxy(long idleTimeoutMs) {
            return proxies.computeIfAbsent(idleTimeoutMs, this::newProxy);
        }

        private HttpProxy newProxy(long idleTimeoutMs) {
            HttpProxy proxy = HttpProxy.reverseProxy(new ProxyOptions(), client);
            // a service that dies while the caller's body is still streaming to it fails the request twice: its
            // answer (GuardedForwarding turns that into the caller's problem) and its unfinished body, which
            // without a handler Vert.x logs as a bare ERROR "Connection was closed" with no request to tie it to
            // A caller that left while it waited for a pooled connection gets no request sent: its closed connection
            // ended before the proxy listens for that, and the request would wait for a body that never comes,
            // holding the connection for the whole timeout. Reset, it frees the connection and is not counted.
            proxy.origin(context -> client.request(options().setIdleTimeout(idleTimeoutMs)).map(upstream -> {
                HttpServerRequest caller = context.request().proxiedRequest();
                context.set(GuardedForwarding.CONNECTED, Boolean.TRUE);
                upstream.exceptionHandler(failure -> LOG.debugf("%s %s -> %s: body not sent: %s",
                        caller.method(), caller.path(), backend.serviceName(), failure));
                if (caller.response().closed()) {
                    upstream.reset();
                }
                return upstream;
            }));
            proxy.addInterceptor(new GuardedForwarding(this));
            return proxy;
        }
    }

    /** The answer of a service to one of the gateway's own calls. */
    public record Reply(int status, MultiMap headers, Buffer body) {}

    Backends(Vertx vertx, GatewayConfig config) {
        for (Backend backend : Backend.values()) {
            GatewayConfig.Service service = config.services().get(backend.key());
            if (service == null) {
                throw new IllegalStateException("zmx.gateway.services." + backend.key() + ".url is not configured");
            }
            URI url = service.url();
            int port = url.getPort() > 0 ? url.getPort() : ("https".equals(url.getScheme()) ? 443 : 80);
            HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                    .setMaxPoolSize(service.maxConnections())
                    .setKeepAlive(true)
                    .setSsl("https".equals(url.getScheme()))
                    .setConnectTimeout((int) service.connectTimeout().toMillis()));
            CircuitBreaker breaker = CircuitBreaker.create(backend.serviceName(), vertx, new CircuitBreakerOptions()
                    .setMaxFailures(service.circuitBreaker().failures())
                    .setResetTimeout(service.circuitBreaker().reset().toMillis())
                    .setTimeout(-1) // each request carries its own timeout, so the connection is closed with it
                    .setFallbackOnFailure(false));
            SocketAddress address = SocketAddress.inetSocketAddress(port, url.getHost());
            Target target = new Target(backend, client, breaker, address, service.timeout().toMillis(),
                    service.connectTimeout().toMillis(), new ConcurrentHashMap<>());
            target.proxy(target.timeoutMs());
            targets.put(backend, target);
        }
    }

    /**
     * The reverse proxy for one operation: it waits the operation's own timeout without a byte (its contract's
     * {@code x-zmx-timeout}, which the route the caller matched carries), else the service's.
     */
    public HttpProxy proxy(Backend backend, Duration operationTimeout) {
        Target target = targets.get(backend);
        return target.proxy(operationTimeout == null ? target.timeoutMs() : operationTimeout.toMillis());
    }

    public CircuitBreaker breaker(Backend backend) {
        return targets.get(backend).breaker();
    }

    /** Closes a service's circuit at once, even an open one (operators after a fix; tests between cases). */
    public void closeCircuit(Backend backend) {
        if (breaker(backend) instanceof CircuitBreakerImpl impl) {
            impl.reset(true);
        } else {
            breaker(backend).reset();
        }
    }

    /**
     * A GET the gateway makes itself (composition), with the caller's headers. Fails when the service
     * is unreachable, too slow, or its circuit is open; any answer (5xx included) is the reply.
     */
    public Future<Reply> get(Backend backend, String uri, MultiMap headers) {
        Target target = targets.get(backend);
        return guarded(target, () -> target.client()
                .request(target.options().setMethod(HttpMethod.GET).setURI(uri).setHeaders(headers))
                .compose(request -> request.send())
                .compose(response -> response.body()
                        .map(body -> new Reply(response.statusCode(), response.headers(), body))),
                reply -> isServerError(reply.status()), failure -> false);
    }

    /**
     * Runs a call through the service's breaker. Only what says the service itself is unwell counts: a
     * refused or failed connection, a timeout, or a 502/503/504 answer (still passed on as the answer).
     * A 500 or a 4xx is about the request, and a caller can cause it at will (bad input, a bug one
     * payload triggers): counting it would let one caller open a circuit every other caller shares.
     * A call the caller abandoned (its connection closed, so we reset ours) does not count either, nor a failure
     * {@code callersDoing} says the caller caused (a proxied request whose caller left or stalled its body).
     */
    static <T> Future<T> guarded(Target target, Supplier<Future<T>> call, Predicate<T> unwell,
            Predicate<Throwable> callersDoing) {
        Promise<T> outcome = Promise.promise();
        target.breaker().<Void>execute(attempt -> call.get().onComplete(result -> {
            if (result.failed() && (result.cause() instanceof StreamResetException || callersDoing.test(result.cause()))) {
                attempt.complete();
            } else if (result.succeeded() && unwell.test(result.result())) {
                attempt.fail("the service answered that it is unwell (502, 503 or 504)");
            } else {
                attempt.handle(result.mapEmpty());
            }
            outcome.handle(result);
        })).onFailure(failure -> outcome.tryFail(failure)); // open circuit: the call never ran
        return outcome.future();
    }

    /**
     * Whether a service's answer says the service is unwell: 502, 503 (its database or a dependency down) or 504. A
     * service that sheds load on purpose while well answers 429, which never counts (export-service's full screening
     * backlog): a 503 there would open the circuit and cut every caller off every operation of the service.
     */
    static boolean isServerError(int status) {
        return status == 502 || status == 503 || status == 504;
    }

    @PreDestroy
    void close() {
        targets.values().forEach(t -> {
            t.breaker().close();
            t.client().close();
        });
    }
}
