package io.zmx.compliance;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The committed contract (src/main/openapi/openapi.yaml) is what partners build against. This test
 * fails when the running service drifts from it. After an intended change, regenerate it with
 * {@code ./mvnw -pl compliance-service test -Dtest=OpenApiContractTest -Dzmx.openapi.update=true}
 * and review the diff like any other API change.
 */
@QuarkusTest
class OpenApiContractTest {

    static final Path CONTRACT = Path.of("src/main/openapi/openapi.yaml");

    @Test
    void runningServiceMatchesCommittedContract() throws Exception {
        String served = given().queryParam("format", "YAML").get("/q/openapi").then().statusCode(200)
                .extract().asString();
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        if (Boolean.getBoolean("zmx.openapi.update")) {
            Files.writeString(CONTRACT, served);
        }
        JsonNode expected = yaml.readTree(Files.readString(CONTRACT));
        JsonNode actual = yaml.readTree(served);
        assertEquals(expected.toPrettyString(), actual.toPrettyString(),
                "compliance-service drifted from " + CONTRACT + "; see this test's javadoc to regenerate");
    }
}
