package io.zmx.gateway.client;

import io.vertx.core.http.HttpMethod;

/**
 * How long the gateway waits, without a byte, on one proxied request: most operations use their service's timeout; a
 * few that a service documents as slow (its contract's {@code x-zmx-timeout}) wait longer. Provided by the routing
 * layer, which reads the contracts; the client layer only applies it.
 */
public interface OperationTimeouts {

    long idleTimeoutMs(Backend backend, HttpMethod method, String path, long fallbackMs);
}
