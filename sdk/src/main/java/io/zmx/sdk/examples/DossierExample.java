package io.zmx.sdk.examples;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.zmx.sdk.ApiClient;
import io.zmx.sdk.ApiException;
import io.zmx.sdk.api.DossierApi;
import io.zmx.sdk.model.Dossier;
import io.zmx.sdk.model.DossierFiling;
import io.zmx.sdk.model.Filing;
import io.zmx.sdk.model.Vehicle;
import io.zmx.sdk.model.Verdict;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

/**
 * A partner's first call: get a token by OAuth2 client credentials from the zmx realm, then ask the
 * gateway for a vehicle's dossier.
 *
 * <pre>
 * ZMX_GATEWAY_URL=http://localhost:8080 ZMX_TOKEN_URL=http://localhost:8180/realms/zmx/protocol/openid-connect/token \
 * ZMX_CLIENT_ID=agency-kz ZMX_CLIENT_SECRET=... \
 * java -cp sdk/target/zmx-sdk-1.0.0-SNAPSHOT.jar:$(deps) io.zmx.sdk.examples.DossierExample LGXCE4CB0R0123456
 * </pre>
 */
public final class DossierExample {

    private DossierExample() {}

    public static void main(String[] args) throws Exception {
        String vin = args.length > 0 ? args[0] : "LGXCE4CB0R0123456";
        String gateway = env("ZMX_GATEWAY_URL", "http://localhost:8080");
        Supplier<String> token = () -> clientCredentialsToken(env("ZMX_TOKEN_URL",
                        "http://localhost:8180/realms/zmx/protocol/openid-connect/token"),
                env("ZMX_CLIENT_ID", "agency-kz"), env("ZMX_CLIENT_SECRET", ""));
        System.exit(run(gateway, token, vin, System.out, System.err));
    }

    /**
     * Prints the dossier of {@code vin} as the client behind {@code token} sees it; returns the process exit code
     * (0, or 1 with the problem document on {@code err} when the gateway refuses).
     */
    public static int run(String gateway, Supplier<String> token, String vin, PrintStream out, PrintStream err) {
        DossierApi dossiers = new DossierApi(client(gateway, token));
        try {
            Dossier dossier = dossiers.getDossier(vin);
            Vehicle vehicle = dossier.getVehicle();
            if (vehicle != null) {
                out.printf("VIN %s: %s %s %s, %s, first registered %s%n", dossier.getVin(), vehicle.getModelYear(),
                        vehicle.getMake(), vehicle.getModel(), vehicle.getStatus(), vehicle.getFirstRegistrationDate());
            } else {
                // registry data is shown only to the roles that may see it (an agency sees filings bound for its country)
                out.printf("VIN %s: vehicle record not visible to this client%n", dossier.getVin());
            }
            out.println(dossier.getFilings().size() + " filing(s) visible to this client");
            for (DossierFiling entry : dossier.getFilings()) {
                Filing filing = entry.getFiling();
                Verdict verdict = entry.getVerdict(); // null until export-service has screened the filing
                out.printf("  %s to %s: %s%s%n", filing.getNumber(), filing.getDestination(), filing.getStatus(),
                        verdict == null ? "" : ", lane " + verdict.getLane() + (Boolean.TRUE.equals(verdict.getZeroMileage())
                                ? " (zero-mileage)" : ""));
            }
            if (Boolean.TRUE.equals(dossier.getPartial())) {
                out.println("partial answer; unavailable: " + dossier.getUnavailable());
            }
            return 0;
        } catch (ApiException e) {
            // every refusal is an RFC 9457 problem document
            err.println("HTTP " + e.getCode() + ": " + e.getResponseBody());
            return 1;
        }
    }

    /** An SDK client that sends a bearer token with every request. */
    public static ApiClient client(String gatewayUrl, Supplier<String> token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri(gatewayUrl);
        client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token.get()));
        return client;
    }

    public static String clientCredentialsToken(String tokenUrl, String clientId, String secret) {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        try {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(tokenUrl))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token endpoint answered " + response.statusCode() + ": " + response.body());
            }
            return new ObjectMapper().readTree(response.body()).get("access_token").asText();
        } catch (IOException e) {
            throw new IllegalStateException("token endpoint unreachable: " + tokenUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
