package io.zmx.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Loads the demo fleet through the gateway, the way partners do: the manufacturer's reference prices,
 * a bulk NDJSON upload of vehicles with their registrations and odometer readings, then export filings
 * by two exporters, submitted for screening.
 */
public final class DemoData {

    public record Summary(int vehicles, int filings, Map<String, Integer> filingsByStatus) {
        @Override
        public String toString() {
            return vehicles + " vehicles, " + filings + " filings " + filingsByStatus;
        }
    }

    private final Api api;
    private final int vehicles;
    private final int filings;

    public DemoData(LocalStack stack) {
        this(new Api(stack.gatewayUrl(), stack.issuer()), 240, 180);
    }

    public DemoData(Api api, int vehicles, int filings) {
        this.api = api;
        this.vehicles = vehicles;
        this.filings = filings;
    }

    public Summary load() {
        List<DemoFleet.Car> fleet = DemoFleet.generate(vehicles, 2024L);
        loadReferencePrices(fleet);
        importVehicles(fleet);
        int filed = fileExports(fleet.subList(0, Math.min(filings, fleet.size())));
        return new Summary(fleet.size(), filed, awaitScreening(Duration.ofSeconds(90)));
    }

    private void loadReferencePrices(List<DemoFleet.Car> fleet) {
        Set<String> done = new HashSet<>();
        for (DemoFleet.Car c : fleet) {
            if (done.add(c.make() + "|" + c.model() + "|" + c.modelYear())) {
                api.post("manufacturer-byd", "/api/v1/reference-prices", Map.of(
                        "make", c.make(), "model", c.model(), "modelYear", c.modelYear(),
                        "price", money(c.referencePriceUsd()), "validFrom", c.productionDate().withDayOfYear(1)))
                        .expect(201, 200, 409);
            }
        }
    }

    private void importVehicles(List<DemoFleet.Car> fleet) {
        StringBuilder ndjson = new StringBuilder();
        for (DemoFleet.Car c : fleet) {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("vin", c.vin());
            line.put("make", c.make());
            line.put("model", c.model());
            line.put("modelYear", c.modelYear());
            line.put("fuelType", c.fuel());
            if (c.engineCc() > 0) {
                line.put("engineCc", c.engineCc());
            }
            line.put("powerKw", c.powerKw());
            line.put("driveSide", "LHD");
            line.put("emissionStandard", "CN6b");
            line.put("productionDate", c.productionDate());
            line.put("plantCountry", "CN");
            line.put("registrations", List.of(Map.of("date", c.registered(), "region", c.region(), "city", c.city(),
                    "plate", c.plate(), "ownerType", "COMPANY",
                    "ownerId", exporterFor(c).equals("exporter-chengdu") ? Clients.EXPORTER_CHENGDU : Clients.EXPORTER_SHENZHEN)));
            line.put("odometerReadings", List.of(
                    Map.of("date", c.registered(), "km", Math.min(c.odometerKm(), 3), "source", "REGISTRATION"),
                    Map.of("date", c.inspectedOn(), "km", c.odometerKm(), "source", "EXPORT_INSPECTION")));
            ndjson.append(write(line)).append('\n');
        }
        JsonNode job = api.postRaw("zmx-admin", "/api/v1/imports", ndjson.toString(), "application/x-ndjson").expect(202).body();
        String id = job.get("id").asText();
        Instant deadline = Instant.now().plusSeconds(120);
        while (Instant.now().isBefore(deadline)) {
            JsonNode progress = api.get("zmx-admin", "/api/v1/imports/" + id).expect(200).body();
            String state = progress.path("state").asText();
            if (!List.of("RECEIVING", "QUEUED", "RUNNING").contains(state)) {
                if (progress.path("failed").asLong() > 0) {
                    LocalStack.log("demo import reported " + progress.path("failed").asLong() + " bad lines: "
                            + api.get("zmx-admin", "/api/v1/imports/" + id + "/errors").raw());
                }
                return;
            }
            sleep(500);
        }
        throw new IllegalStateException("demo import did not finish in 2 minutes");
    }

    private int fileExports(List<DemoFleet.Car> cars) {
        int filed = 0;
        for (DemoFleet.Car c : cars) {
            String exporter = exporterFor(c);
            Map<String, Object> filing = new LinkedHashMap<>();
            filing.put("exporterCreditCode", exporter.equals("exporter-chengdu") ? Clients.EXPORTER_CHENGDU
                    : Clients.EXPORTER_SHENZHEN);
            filing.put("vin", c.vin());
            filing.put("destination", c.destination());
            filing.put("consignee", switch (c.consigneeType()) {
                case "OFFICIAL_REPRESENTATIVE" -> c.make() + " " + c.destination() + " official distributor";
                case "PERSON" -> "Private buyer " + (c.plate().hashCode() & 0xfff);
                default -> "Trade house " + c.destination() + "-" + (c.plate().hashCode() & 0xff);
            });
            filing.put("consigneeType", c.consigneeType());
            if (!"PERSON".equals(c.consigneeType())) {
                filing.put("consigneeRegistrationNumber", c.destination() + String.format("%010d", c.plate().hashCode() & 0x7fffffff));
            }
            filing.put("declaredStatus", "USED");
            filing.put("declaredOdometerKm", c.odometerKm());
            filing.put("declaredValue", money(c.valueUsd()));
            filing.put("hsCode", c.hsCode());
            filing.put("portOfExit", c.portOfExit());
            filing.put("plannedExportDate", c.exportDate());
            if (c.confirmationDestination() != null) {
                // the maker's after-sales confirmation; some name another country than the filing (re-export pattern)
                filing.put("afterSalesConfirmation", Map.of("reference", "ASC-" + c.vin().substring(9),
                        "manufacturer", c.make(), "vins", List.of(c.vin()), "destination", c.confirmationDestination(),
                        "serviceOutlets", List.of(c.make() + " service centre " + c.confirmationDestination() + "-1"),
                        "issuedOn", c.registered().plusDays(2)));
            }
            filing.put("licenceApplication", Map.of("brand", c.make(), "model", c.model(),
                    "firstRegistrationDate", c.registered()));
            if (List.of("RU", "KZ", "KG").contains(c.destination()) || "UZ".equals(c.destination())) {
                filing.put("conformityCertificate", Map.of("number", "EAEU " + c.destination() + "-" + c.vin().substring(11),
                        "holder", filing.get("consignee"), "issuedOn", c.registered()));
            }
            if ("SA".equals(c.destination())) {
                filing.put("sasoCertificate", Map.of("number", "SABER-" + c.vin().substring(11), "issuedOn", c.registered()));
            }
            filing.put("exportLicence", "EL-" + c.exportDate().getYear() + "-" + c.vin().substring(11));
            api.post(exporter, "/api/v1/filings?submit=true", filing).expect(201);
            filed++;
        }
        return filed;
    }

    /** Waits until the screener has had its go at the filings, then counts them by status. */
    private Map<String, Integer> awaitScreening(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, Integer> counts;
        do {
            counts = new TreeMap<>();
            for (String status : List.of("SUBMITTED", "CLEARED", "HELD", "REJECTED")) {
                JsonNode page = api.get("zmx-admin", "/api/v1/filings?size=1&status=" + status).expect(200).body();
                counts.put(status, page.path("total").asInt());
            }
            if (counts.get("SUBMITTED") == 0) {
                break;
            }
            sleep(1000);
        } while (Instant.now().isBefore(deadline));
        return counts;
    }

    static String exporterFor(DemoFleet.Car c) {
        return c.region().equals("CN-GD") || c.region().equals("CN-ZJ") ? "exporter-shenzhen" : "exporter-chengdu";
    }

    private static Map<String, Object> money(long usd) {
        return Map.of("amount", BigDecimal.valueOf(usd).setScale(2), "currency", "USD");
    }

    private static String write(Object o) {
        try {
            return Api.JSON.writeValueAsString(o);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
