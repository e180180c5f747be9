package io.zmx.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;

/**
 * A real OIDC issuer on loopback (no.nav mock-oauth2-server): discovery, JWKS, RS256-signed tokens by the
 * client-credentials grant. Each client in {@link Clients} gets its roles and tenant claims.
 *
 * <p>People sign in to the web console ({@link Clients#CONSOLE}) by the authorization-code grant with PKCE, as
 * they would at Keycloak: the issuer's login page ({@link #loginPage()}) lets them pick a demo user, one per
 * partner client of the realm, whose roles and tenant claims (country, credit code) go into the tokens. Refresh
 * tokens and the end-session endpoint work as Keycloak's do.
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
        // the browser clients' tokens (the console, third-party frontends): the audience every service requires;
        // who signed in, with which roles and tenant claims, comes from the login page
        for (String browserClient : Clients.BROWSER) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("requestParam", "client_id");
            m.put("match", browserClient);
            m.put("claims", Map.of("aud", Clients.AUDIENCE, "azp", browserClient));
            mappings.add(m);
        }
        Map<String, Object> callback = Map.of("issuerId", REALM, "tokenExpiry", 3600, "requestMappings", mappings);
        return JSON.writeValueAsString(Map.of("interactiveLogin", true, "loginPagePath", loginPage().toString(),
                "tokenCallbacks", List.of(callback)));
    }

    private static final String LOGIN_HEAD = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>zmx local sign-in</title>
            <style>body{font:16px/1.5 system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
            h1{font-size:1.5rem}ul{list-style:none;padding:0}li{margin:.5rem 0}form{margin:0}
            button{width:100%;text-align:left;padding:.6rem .8rem;font:inherit;background:#fff;color:#0b3d91;
            border:2px solid #0b3d91;border-radius:4px;cursor:pointer}
            button:hover,button:focus{background:#0b3d91;color:#fff;outline:3px solid #ffbf47}
            small{display:block;color:#3d3d3d}button:hover small,button:focus small{color:#fff}</style></head>
            <body><main><h1>zmx local issuer: sign in as a demo user</h1>
            <p>This issuer runs only on your machine. Each user below holds the roles and tenant claims of one
            client in the committed Keycloak realm (k8s/base/keycloak/zmx-realm.json).</p><ul>
            """;

    /**
     * The sign-in page the authorize endpoint shows: one button per demo user, each a form that posts the
     * user's name and token claims back to the authorize URL it was shown at. No script, so it works under any
     * policy and with the keyboard alone.
     */
    static Path loginPage() throws java.io.IOException {
        StringBuilder html = new StringBuilder(LOGIN_HEAD);
        for (Clients.Client c : Clients.people()) {
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("preferred_username", c.id());
            claims.put("realm_access", Map.of("roles", c.roles()));
            claims.putAll(c.claims());
            html.append("<li><form method=\"post\"><input type=\"hidden\" name=\"username\" value=\"")
                    .append(escape(c.id())).append("\"><input type=\"hidden\" name=\"claims\" value=\"")
                    .append(escape(JSON.writeValueAsString(claims))).append("\"><button type=\"submit\" id=\"login-")
                    .append(escape(c.id())).append("\">").append(escape(c.id())).append("<small>")
                    .append(escape(c.purpose())).append("</small></button></form></li>\n");
        }
        html.append("</ul></main></body></html>\n");
        Path file = Files.createTempFile("zmx-login-", ".html");
        file.toFile().deleteOnExit();
        Files.writeString(file, html);
        return file;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
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
