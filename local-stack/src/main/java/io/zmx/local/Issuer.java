package io.zmx.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;

/**
 * A real OIDC issuer on loopback (no.nav mock-oauth2-server): discovery, JWKS, RS256-signed tokens by the
 * client-credentials grant. Each client in {@link Clients} gets its roles and tenant claims.
 */
public final class Issuer implements AutoCloseable {

    public static final String REALM = "zmx";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final MockOAuth2Server server;
    private final int port;

    public Issuer(int port) {
        this.port = port;
        try {
            this.server = new MockOAuth2Server(OAuth2Config.Companion.fromJson(config()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot configure the local issuer", e);
        }
    }

    public Issuer start() {
        try {
            server.start(InetAddress.getByName("127.0.0.1"), port);
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the local OIDC issuer on 127.0.0.1:" + port
                    + " (is the port taken?)", e);
        }
        return this;
    }

    public String issuerUrl() {
        return "http://127.0.0.1:" + port + "/" + REALM;
    }

    public String tokenUrl() {
        return issuerUrl() + "/token";
    }

    /** A fresh access token for one of the {@link Clients}, fetched over HTTP like any partner would. */
    public String token(String clientId) {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=local&scope=zmx";
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(tokenUrl()))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token request failed: " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body()).get("access_token").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException("token request failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String config() throws Exception {
        List<Map<String, Object>> mappings = new ArrayList<>();
        for (Clients.Client c : Clients.ALL) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("requestParam", "client_id");
            m.put("match", c.id());
            m.put("claims", Clients.claims(c));
            mappings.add(m);
        }
        Map<String, Object> callback = Map.of("issuerId", REALM, "tokenExpiry", 3600, "requestMappings", mappings);
        return JSON.writeValueAsString(Map.of("interactiveLogin", false, "tokenCallbacks", List.of(callback)));
    }

    @Override
    public void close() {
        try {
            server.shutdown();
        } catch (Exception ignored) {
            // already stopped
        }
    }
}
