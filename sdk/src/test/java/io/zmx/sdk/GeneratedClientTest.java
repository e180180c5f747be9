package io.zmx.sdk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import io.zmx.sdk.api.DossierApi;
import io.zmx.sdk.examples.DossierExample;
import io.zmx.sdk.model.Dossier;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The generated client speaks the contract: right path, the bearer token, the answer parsed, problems surfaced. */
class GeneratedClientTest {

    @Test
    void fetchesADossierWithTheBearerToken() throws Exception {
        AtomicReference<String> auth = new AtomicReference<>();
        AtomicReference<String> path = new AtomicReference<>();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1/vehicles/", exchange -> {
            auth.set(exchange.getRequestHeaders().getFirst("Authorization"));
            path.set(exchange.getRequestURI().getPath());
            byte[] body = ("{\"vin\":\"LGXCE4CB0R0123456\",\"vehicle\":{\"make\":\"BYD\"},\"history\":{},"
                    + "\"filings\":[{\"filing\":{\"id\":\"f-1\"},\"verdict\":null}],\"partial\":true,"
                    + "\"unavailable\":[\"export-service\"]}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            Dossier dossier = new DossierApi(DossierExample.client(base, () -> "t0ken")).getDossier("LGXCE4CB0R0123456");
            assertEquals("Bearer t0ken", auth.get());
            assertEquals("/api/v1/vehicles/LGXCE4CB0R0123456/dossier", path.get());
            assertEquals(1, dossier.getFilings().size());
            assertTrue(dossier.getPartial());
            assertEquals("export-service", dossier.getUnavailable().get(0));
        } finally {
            server.stop(0);
        }
    }

    @Test
    void problemsBecomeApiExceptionsWithTheDocument() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = "{\"type\":\"https://zmx.io/problems/forbidden\",\"status\":403}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/problem+json");
            exchange.sendResponseHeaders(403, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            ApiException e = org.junit.jupiter.api.Assertions.assertThrows(ApiException.class,
                    () -> new DossierApi(DossierExample.client(base, () -> "t")).getDossier("LGXCE4CB0R0123456"));
            assertEquals(403, e.getCode());
            assertTrue(e.getResponseBody().contains("forbidden"));
        } finally {
            server.stop(0);
        }
    }
}
