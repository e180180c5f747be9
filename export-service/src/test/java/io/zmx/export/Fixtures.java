package io.zmx.export;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.zmx.export.domain.CreditCode;
import io.zmx.export.service.Screener;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Test data: valid identifiers, registry and compliance stubs, filing bodies, and a screener clock. */
public final class Fixtures {

    private static final AtomicInteger SERIAL = new AtomicInteger(100_000);
    private static final AtomicLong CLOCK_HOURS = new AtomicLong(1);

    private Fixtures() {}

    /** A VIN never used before in this JVM, with a correct check digit. */
    public static String vin() {
        String serial = String.format("%06d", SERIAL.incrementAndGet());
        String body = "LGXCE4CB" + "0" + "R" + "0" + serial.substring(0, 6);
        return withCheckDigit(body);
    }

    static String withCheckDigit(String vin) {
        String weights = "8765432X098765432";
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = vin.charAt(i);
            int v = Character.isDigit(c) ? c - '0' : value(c);
            char w = weights.charAt(i);
            sum += v * (w == 'X' ? 10 : w - '0');
        }
        int r = sum % 11;
        return vin.substring(0, 8) + (r == 10 ? 'X' : (char) ('0' + r)) + vin.substring(9);
    }

    private static int value(char c) {
        String map = "A1B2C3D4E5F6G7H8J1K2L3M4N5P7R9S2T3U4V5W6X7Y8Z9";
        int i = map.indexOf(c);
        return map.charAt(i + 1) - '0';
    }

    public static String creditCode() {
        String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        StringBuilder sb = new StringBuilder("913501");
        ThreadLocalRandom r = ThreadLocalRandom.current();
        while (sb.length() < 17) sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        return sb.append(CreditCode.checkCharacter(sb.toString())).toString();
    }

    /** Today in China's calendar, as export-service counts application and export dates. */
    public static LocalDate today() {
        return LocalDate.now(ZoneId.of("Asia/Shanghai"));
    }

    /** The default planned export date: ten days from today, inside the horizon. */
    public static String exportDate() {
        return today().plusDays(10).toString();
    }

    public static String filing(String creditCode, String vin, String destination, String declaredStatus, int km) {
        return filing(creditCode, vin, destination, declaredStatus, km, exportDate(), "18500.00");
    }

    public static String filing(String creditCode, String vin, String destination, String declaredStatus, int km,
                                String exportDate, String value) {
        return filing(creditCode, vin, destination, declaredStatus, km, exportDate, value, "USD",
                confirmation(vin, destination));
    }

    /** A filing in the issue-9 shape; {@code confirmation} is a JSON object or "null". */
    public static String filing(String creditCode, String vin, String destination, String declaredStatus, int km,
                                String exportDate, String value, String currency, String confirmation) {
        return """
                {"exporterCreditCode":"%s","vin":"%s","destination":"%s","consignee":"Almaty Motors LLP",
                 "consigneeType":"COMPANY","consigneeRegistrationNumber":"180240012345","declaredStatus":"%s",
                 "declaredOdometerKm":%d,"declaredValue":{"amount":%s,"currency":"%s"},"hsCode":"8703801090",
                 "portOfExit":"Khorgos","plannedExportDate":"%s","afterSalesConfirmation":%s,"exportLicence":"EL-2026-77",
                 "licenceApplication":{"brand":"BYD","model":"Song Plus","firstRegistrationDate":"2026-03-01"},
                 "conformityCertificate":{"number":"EAEU KZ-7.01.2026","holder":"Almaty Motors LLP","issuedOn":"2026-02-01"},
                 "declaredVehicle":{"make":"BYD","model":"Song Plus","modelYear":2025}}
                """.formatted(creditCode, vin, destination, declaredStatus, km, value, currency, exportDate, confirmation);
    }

    /** An after-sales confirmation naming this VIN and {@code destination}. */
    public static String confirmation(String vin, String destination) {
        return """
                {"reference":"ASC-2026-0001","manufacturer":"BYD Auto Co., Ltd.","vins":["%s"],"destination":"%s",
                 "serviceOutlets":["BYD Service Almaty, Al-Farabi 77"],"issuedOn":"2026-02-15"}""".formatted(vin, destination);
    }

    /** Registry knows the vehicle: registered in {@code region} on {@code registered}, odometer {@code km}. */
    public static void registryHas(String vin, String region, LocalDate registered, int km, String manufacturer) {
        registryHas(vin, region, registered, km, manufacturer, true);
    }

    /**
     * As registry-service's contract serves it (issue 9: registrations carry {@code kind}, the vehicle
     * {@code transferForExportDate} and {@code checkDigitVerifiable}); {@code deregistered} adds the cancellation.
     */
    public static void registryHas(String vin, String region, LocalDate registered, int km, String manufacturer,
                                   boolean deregistered) {
        String history = """
                {"vehicle":{"vin":"%1$s","manufacturer":"%5$s","make":"BYD","model":"Song Plus","modelYear":2025,
                  "fuelType":"PHEV","engineCc":1498,"powerKw":81,"driveSide":"LHD","emissionStandard":"CN6b",
                  "productionDate":"2025-01-10","plantCountry":"CN","status":"%6$s",
                  "firstRegistrationDate":"%3$s","transferForExportDate":null,"checkDigitVerifiable":true,"version":3},
                 "registrations":[{"id":"r1","date":"%3$s","region":"%2$s","city":"Chengdu","plate":"川A12345",
                  "ownerType":"DEALER","ownerId":"d-1","kind":"FIRST"}],
                 "deregistrations":%7$s,
                 "odometerReadings":[{"id":"o1","date":"%3$s","km":%4$d,"source":"EXPORT_INSPECTION","correction":false,
                  "reason":null,"rollback":false}],
                 "titleBrands":[],"timeline":[],"someFieldAddedLater":true}
                """.formatted(vin, region, registered, km, manufacturer, deregistered ? "DEREGISTERED" : "REGISTERED",
                deregistered ? "[{\"id\":\"d1\",\"date\":\"" + registered + "\",\"reason\":\"EXPORT\",\"region\":\"" + region + "\"}]" : "[]");
        DependenciesResource.wiremock().stubFor(get(urlPathEqualTo("/api/v1/vehicles/" + vin + "/history"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(history)));
        LAST_HISTORY.put(vin, history);
    }

    private static final java.util.Map<String, String> LAST_HISTORY = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * Registry as it answers since issue 12 when asked with {@code include=referencePrice&asOf=<date>}: the history
     * stubbed by {@link #registryHas} for this VIN, with the reference price in force on {@code asOf} ({@code amount}
     * USD, or none when {@code amount} is null).
     */
    public static void registryIncludesPrice(String vin, String asOf, String amount) {
        String price = amount == null ? "null" : """
                {"id":7,"make":"BYD","model":"Song Plus","modelYear":2025,"price":{"amount":%s,"currency":"USD"},
                 "validFrom":"2025-01-01","version":0}""".formatted(amount);
        String history = LAST_HISTORY.get(vin).strip();
        history = history.substring(0, history.length() - 1)
                + ",\"referencePrice\":{\"asOf\":\"" + asOf + "\",\"price\":" + price + "}}";
        DependenciesResource.wiremock().stubFor(get(urlPathEqualTo("/api/v1/vehicles/" + vin + "/history"))
                .withQueryParam("include", equalTo("referencePrice")).withQueryParam("asOf", equalTo(asOf))
                .atPriority(1)
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody(history)));
    }

    public static void referencePrice(String amount) {
        DependenciesResource.wiremock().stubFor(get(urlPathEqualTo("/api/v1/reference-prices"))
                .withQueryParam("make", equalTo("BYD")).withQueryParam("model", equalTo("Song Plus"))
                .willReturn(aResponse().withHeader("Content-Type", "application/json").withBody("""
                        {"items":[{"id":"p1","make":"BYD","model":"Song Plus","modelYear":2025,
                          "price":{"amount":%s,"currency":"USD"},"validFrom":"2025-01-01"}],"page":0,"size":20,"total":1}
                        """.formatted(amount))));
    }

    /** Compliance answers {@code lane} for filings to {@code destination}. */
    public static void complianceAnswers(String destination, String lane) {
        String outcome = switch (lane) {
            case "GREEN" -> "CLEARED";
            case "YELLOW" -> "REVIEW";
            default -> "BLOCKED";
        };
        String hits = switch (lane) {
            case "GREEN" -> "[]";
            case "YELLOW" -> """
                    [{"ruleCode":"CN-180-DAY","jurisdiction":"CN","version":3,"severity":"HOLD",
                      "title":"180-day rule","message":"needs after-sales confirmation",
                      "legalReferences":[{"title":"Shang Mao Han [2025] No. 648","url":"https://example.org/648"}]}]""";
            default -> """
                    [{"ruleCode":"KZ-RHD","jurisdiction":"KZ","version":3,"severity":"BLOCK",
                      "title":"Right-hand drive banned","message":"RHD vehicles cannot be registered",
                      "legalReferences":[{"title":"KZ RHD ban","url":"https://example.org/rhd"}]}]""";
        };
        DependenciesResource.wiremock().stubFor(post(urlPathEqualTo("/api/v1/evaluations"))
                .withRequestBody(matchingJsonPath("$.destination", equalTo(destination)))
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json").withBody("""
                        {"id":"ev-1","outcome":"%s","lane":"%s","hits":%s,
                         "ruleSets":[{"jurisdiction":"CN","version":3},{"jurisdiction":"%s","version":3}],
                         "asOf":"2026-03-20","evaluatedAt":"2026-03-01T10:00:00Z"}
                        """.formatted(outcome, lane, hits, destination))));
    }

    /** Creates a filing and submits it; returns its id. */
    public static String submitted(String token, String body) {
        return given().header("Authorization", token).contentType(ContentType.JSON).body(body)
                .queryParam("submit", true)
                .post("/api/v1/filings").then().statusCode(201).extract().path("id");
    }

    /** A screener round at a virtual time an hour later than the last, so every backoff has run out. */
    public static int screen(Screener screener) {
        return screener.screenDue(Instant.now().plus(Duration.ofHours(CLOCK_HOURS.incrementAndGet())));
    }

    public static String status(String id) {
        return given().header("Authorization", Tokens.bearer("root", "admin")).get("/api/v1/filings/" + id)
                .then().statusCode(200).extract().path("status");
    }
}
