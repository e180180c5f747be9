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
            byte[] body = ("{\"vin\":\"LGXCE4CB0R0123456\",\"vehicle\":{\"make\":\"BYD\",\"modelYear\":2024},"
                    + "\"history\":{\"registrations\":[{\"region\":\"CN-SC\",\"date\":\"2026-01-05\"}]},"
                    + "\"filings\":[{\"filing\":{\"id\":\"0b4c1f9e-4a8e-4f7e-9a51-3f0e6d2c1a01\",\"number\":\"ZMX-2026-000001\","
                    + "\"status\":\"HELD\",\"declaredValue\":{\"amount\":16500,\"currency\":\"USD\"}},"
                    + "\"verdict\":{\"lane\":\"YELLOW\",\"findings\":[{\"code\":\"ODOMETER_MISMATCH\"}]}}],\"partial\":true,"
                    + "\"unavailable\":[\"compliance-service\"]}").getBytes(StandardCharsets.UTF_8);
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
            assertEquals("compliance-service", dossier.getUnavailable().get(0));
            // typed models all the way down: the services' own schemas, no Object casts
            assertEquals("BYD", dossier.getVehicle().getMake());
            assertEquals(2024, dossier.getVehicle().getModelYear());
            assertEquals("CN-SC", dossier.getHistory().getRegistrations().get(0).getRegion());
            assertEquals(java.time.LocalDate.of(2026, 1, 5), dossier.getHistory().getRegistrations().get(0).getDate());
            assertEquals("ZMX-2026-000001", dossier.getFilings().get(0).getFiling().getNumber());
            assertEquals(0, new java.math.BigDecimal("16500").compareTo(
                    dossier.getFilings().get(0).getFiling().getDeclaredValue().getAmount()));
            assertEquals("YELLOW", dossier.getFilings().get(0).getVerdict().getLane());
            assertEquals("ODOMETER_MISMATCH", dossier.getFilings().get(0).getVerdict().getFindings().get(0).getCode());
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
