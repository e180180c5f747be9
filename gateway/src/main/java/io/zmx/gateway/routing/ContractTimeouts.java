package io.zmx.gateway.routing;

import io.vertx.core.http.HttpMethod;
import io.zmx.gateway.client.Backend;
import io.zmx.gateway.client.OperationTimeouts;
import jakarta.enterprise.context.ApplicationScoped;

/** The per-operation timeouts the services' contracts name ({@code x-zmx-timeout}), from the route table. */
@ApplicationScoped
public class ContractTimeouts implements OperationTimeouts {

    @Override
    public long idleTimeoutMs(Backend backend, HttpMethod method, String path, long fallbackMs) {
        return RouteTable.get().idleTimeoutMs(backend, method, path, fallbackMs);
    }
}
