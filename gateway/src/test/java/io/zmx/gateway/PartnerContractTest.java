package io.zmx.gateway;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The partner contract (src/main/openapi/openapi.yaml, served at /openapi/zmx.yaml and the base of the
 * SDK) is the services' committed contracts merged with the gateway's own endpoints. This test fails
 * when any of them changed and the merged document was not regenerated. Regenerate with
 * {@code ./mvnw -pl gateway test -Dtest=PartnerContractTest -Dzmx.openapi.update=true} and review the diff:
 * it is the diff partners will see.
 */
@QuarkusTest
class PartnerContractTest {

    static final Path CONTRACT = Path.of("src/main/openapi/openapi.yaml");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS));

    static List<PartnerContract.Source> sources(String gatewayOwn) throws Exception {
        List<PartnerContract.Source> sources = new ArrayList<>();
        String[][] services = {
            {"registry-service", "Registry"}, {"compliance-service", "Compliance"}, {"export-service", "Export"}};
        for (String[] s : services) {
            Path contract = Path.of("..", s[0], "src/main/openapi/openapi.yaml");
            if (Files.exists(contract)) {
                sources.add(new PartnerContract.Source(s[0], s[1], YAML.readTree(contract.toFile())));
            }
        }
        sources.add(new PartnerContract.Source("gateway", "Gateway", YAML.readTree(gatewayOwn)));
        return sources;
    }

    @Test
    void mergedContractIsUpToDate() throws Exception {
        String own = given().queryParam("format", "YAML").get("/q/openapi").then().statusCode(200).extract().asString();
        JsonNode merged = PartnerContract.merge(sources(own));
        String rendered = YAML.writeValueAsString(merged);
        if (Boolean.getBoolean("zmx.openapi.update")) {
            Files.writeString(CONTRACT, rendered);
        }
        JsonNode committed = YAML.readTree(Files.readString(CONTRACT));
        assertEquals(merged.toPrettyString(), committed.toPrettyString(),
                CONTRACT + " is stale: a service contract or the gateway changed; see this test's javadoc to regenerate");
    }

    @Test
    void gatewayServesTheCommittedContractAndSwaggerUi() throws Exception {
        String served = given().get("/openapi/zmx.yaml").then().statusCode(200).extract().asString();
        if (!Boolean.getBoolean("zmx.openapi.update")) { // the build copied the file before this run rewrote it
            assertEquals(Files.readString(CONTRACT), served);
        }
        JsonNode doc = YAML.readTree(served);
        assertTrue(doc.path("paths").has("/api/v1/vehicles/{vin}/dossier"), "the gateway's own endpoint is in it");
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
