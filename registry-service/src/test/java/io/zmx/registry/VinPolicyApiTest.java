package io.zmx.registry;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.zmx.registry.domain.Vin;
import java.time.LocalDate;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The VIN policy through the API: the check digit is mandatory for North American (1-5) and Chinese (L, H)
 * VINs only; elsewhere a VIN whose position 9 does not match is accepted and flagged, on the decode endpoint and
 * on vehicle creation alike (bulk imports: ImportApiTest). Model years never land in the future.
 */
@QuarkusTest
class VinPolicyApiTest {

    static final String READER = Tokens.bearer("officer", "customs");

    /** A VIN built in Hungary (Audi Hungaria, TRU) whose position 9 is '0' but whose check digit is not. */
    static String hungarian() {
        return unverifiable("TRUZZZ8J", 'K', '1');
    }

    /** A Hyundai for the Korean domestic market (KMH), position 9 a letter no check digit can be. */
    static String koreanDomestic() {
        return unverifiable("KMHL141C", 'K', 'A');
    }

    private static String unverifiable(String head, char year, char plant) {
        while (true) {
            String vin = head + (head.startsWith("K") ? "B" : "0") + year + plant
                    + String.format("%06d", ThreadLocalRandom.current().nextInt(1_000_000));
            if (!Vin.checkDigitMatches(vin)) {
                return vin;
            }
        }
    }

    @Test
    void hungarianAndKoreanDomesticVinsDecodeWithTheFlag() {
        given().header("Authorization", READER).get("/api/v1/vins/{vin}", hungarian())
                .then().statusCode(200)
                .body("country", equalTo("HU"))
                .body("checkDigitMandatory", equalTo(false))
                .body("checkDigitVerifiable", equalTo(false));
        given().header("Authorization", READER).get("/api/v1/vins/{vin}", koreanDomestic())
                .then().statusCode(200)
                .body("country", equalTo("KR"))
                .body("manufacturer", equalTo("Hyundai Motor"))
                .body("checkDigitVerifiable", equalTo(false));
        given().header("Authorization", READER).get("/api/v1/vins/{vin}", TestVins.freshByd())
                .then().statusCode(200).body("checkDigitMandatory", equalTo(true)).body("checkDigitVerifiable", equalTo(true));
    }

    @Test
    void chineseAndUsVinsWithAWrongCheckDigitAreRefusedNamingTheExpectedDigit() {
        String valid = TestVins.freshByd();
        char expected = valid.charAt(8);
        String wrong = valid.substring(0, 8) + (expected == '0' ? '1' : '0') + valid.substring(9);
        given().header("Authorization", READER).get("/api/v1/vins/{vin}", wrong)
                .then().statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("https://zmx.io/problems/invalid-vin"))
                .body("violations.field", hasItem("vin[9]"))
                .body("violations.message", hasItem(containsString("expected '" + expected + "'")));
        given().header("Authorization", READER).get("/api/v1/vins/1M8GDM9A1KP042788")
                .then().statusCode(400).body("violations.message", hasItem(containsString("expected 'X'")));
        String h = TestVins.fresh("HLX", 'S');
        given().header("Authorization", READER).get("/api/v1/vins/{vin}", h.substring(0, 8)
                        + (h.charAt(8) == '0' ? '1' : '0') + h.substring(9))
                .then().statusCode(400).body("violations.field", hasItem("vin[9]"));
    }

    @Test
    void hPrefixDecodesToChina() {
        given().header("Authorization", READER).get("/api/v1/vins/{vin}", TestVins.fresh("HZZ", 'S'))
                .then().statusCode(200).body("country", equalTo("CN")).body("manufacturer", equalTo(null));
        given().header("Authorization", READER).get("/api/v1/vins/{vin}", TestVins.fresh("HLX", 'S'))
                .then().statusCode(200).body("country", equalTo("CN")).body("manufacturer", equalTo("Li Auto"))
                .body("confident", equalTo(false));
    }

    @Test
    void modelYearIsNeverInTheFuture() {
        int bound = LocalDate.now().getYear() + 1;
        for (char code : "123456789ABCDEFGHJKLMNPRSTVWXY".toCharArray()) {
            String vin = TestVins.fresh("LGX", code);
            given().header("Authorization", READER).get("/api/v1/vins/{vin}", vin)
                    .then().statusCode(200).body("modelYear", lessThanOrEqualTo(bound));
        }
        // '5' decoded today is 2005, not 2035 (which would make an 20-year-old car look new)
        given().header("Authorization", READER).get("/api/v1/vins/{vin}", TestVins.fresh("LGX", '5'))
                .then().body("modelYear", equalTo(2005));
        given().header("Authorization", READER).queryParam("productionDate", "2034-10-01")
                .get("/api/v1/vins/{vin}", TestVins.fresh("LGX", '5')).then().body("modelYear", equalTo(2035));
    }

    @Test
    void vehiclesWithUnverifiableVinsAreCreatedAndFlagged() {
        String hu = hungarian();
        var body = VehicleApiTest.vehicle(hu, "Audi", "A3", "PETROL", "2019-05-01");
        body.put("manufacturer", "Audi Hungaria");
        given().header("Authorization", VehicleApiTest.MAKER).contentType(ContentType.JSON).body(body)
                .post("/api/v1/vehicles").then().statusCode(201)
                .body("vin", equalTo(hu))
                .body("plantCountry", equalTo("HU"))
                .body("modelYear", equalTo(2019))
                .body("checkDigitVerifiable", equalTo(false));
        String kr = koreanDomestic();
        given().header("Authorization", VehicleApiTest.MAKER).contentType(ContentType.JSON)
                .body(VehicleApiTest.vehicle(kr, "Hyundai", "Sonata", "PETROL", "2019-03-01"))
                .post("/api/v1/vehicles").then().statusCode(201)
                .body("manufacturer", equalTo("Hyundai Motor"))
                .body("checkDigitVerifiable", equalTo(false));
        given().header("Authorization", READER).get("/api/v1/vehicles/{vin}/history", kr)
                .then().statusCode(200).body("vehicle.checkDigitVerifiable", equalTo(false));
        given().header("Authorization", READER).get("/api/v1/vehicles/{vin}", VehicleApiTest.create(
                        VehicleApiTest.vehicle(TestVins.freshByd(), "BYD", "Seal", "BEV", "2024-03-01")))
                .then().body("checkDigitVerifiable", equalTo(true)).body("transferForExportDate", equalTo(null));
    }

    @Test
    void aStatedModelYearLaterThanProductionPlusOneIsRefused() {
        // 'R' is 2024 or 1994; production in 2023 allows 2024 but a caller cannot claim 2054
        var body = VehicleApiTest.vehicle(TestVins.freshByd(), "BYD", "Seal", "BEV", "2023-09-01");
        body.put("modelYear", 2054);
        given().header("Authorization", VehicleApiTest.MAKER).contentType(ContentType.JSON).body(body)
                .post("/api/v1/vehicles").then().statusCode(400).body("violations.field", hasItem("modelYear"));
        body.put("modelYear", 2024);
        given().header("Authorization", VehicleApiTest.MAKER).contentType(ContentType.JSON).body(body)
                .post("/api/v1/vehicles").then().statusCode(201).body("modelYear", equalTo(2024));
    }
}
