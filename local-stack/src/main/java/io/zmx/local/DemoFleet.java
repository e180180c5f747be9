package io.zmx.local;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A deterministic demo fleet that looks like the real trade (../shared/domain/FACTS.md): Chinese makers by
 * their real WMIs, registrations in the provinces that backed the practice, and about 90% of "used" exports
 * registered days before export with almost no kilometres.
 */
public final class DemoFleet {

    record Model(String wmi, String make, String model, String fuel, int engineCc, int powerKw, String hs,
                 long priceUsd) {}

    record Region(String code, String city, String platePrefix, String port) {}

    /** One demo car: identity, its registration, the reading and the export the exporter will file. */
    public record Car(String vin, String make, String model, int modelYear, String fuel, int engineCc, int powerKw,
                      LocalDate productionDate, String region, String city, String plate, LocalDate registered,
                      int odometerKm, LocalDate exportDate, String destination, boolean zeroMileage,
                      String hsCode, long valueUsd, long referencePriceUsd, String portOfExit,
                      String consigneeType, String confirmationDestination, LocalDate inspectedOn) {

        /** Days from first registration to today's application, as the 180-day guideline counts. */
        public boolean within180Days(LocalDate today) {
            return !registered.plusDays(180).isBefore(today);
        }
    }

    static final List<Model> MODELS = List.of(
            new Model("LGX", "BYD", "Song Plus DM-i", "PHEV", 1498, 81, "8703601090", 21_000),
            new Model("LGX", "BYD", "Seal", "BEV", 0, 230, "8703801090", 28_000),
            new Model("LC0", "BYD", "Han EV", "BEV", 0, 180, "8703801090", 30_000),
            new Model("L6T", "Geely", "Monjaro", "PETROL", 1969, 175, "8703239090", 26_000),
            new Model("LB3", "Geely", "Coolray", "PETROL", 1477, 130, "8703229090", 14_000),
            new Model("LVV", "Chery", "Tiggo 7 Pro", "PETROL", 1598, 145, "8703239090", 16_000),
            new Model("LGW", "Great Wall", "Haval Jolion", "PETROL", 1497, 110, "8703229090", 15_000),
            new Model("LS5", "Changan", "UNI-K", "PETROL", 1998, 171, "8703239090", 22_000),
            new Model("LSJ", "SAIC MG", "MG4", "BEV", 0, 150, "8703801090", 19_000),
            new Model("LRW", "Tesla Shanghai", "Model Y", "BEV", 0, 220, "8703801090", 36_000),
            new Model("LW4", "Li Auto", "L7", "EREV", 1496, 330, "8703601090", 45_000));

    static final List<Region> REGIONS = List.of(
            new Region("CN-SC", "Chengdu", "川A", "Horgos"),
            new Region("CN-GD", "Guangzhou", "粤A", "Nansha"),
            new Region("CN-TJ", "Tianjin", "津A", "Tianjin Port"),
            new Region("CN-CQ", "Chongqing", "渝A", "Horgos"),
            new Region("CN-XJ", "Urumqi", "新A", "Horgos"),
            new Region("CN-ZJ", "Taizhou", "浙J", "Ningbo"),
            new Region("CN-SH", "Shanghai", "沪A", "Shanghai Port"));

    /** Destinations weighted roughly by the trade's flows: Russia first, then Central Asia, then the Gulf. */
    static final String[] DESTINATIONS = {"RU", "RU", "RU", "RU", "KZ", "KZ", "KG", "KG", "UZ", "AE", "AE", "SA",
            "JO", "AZ", "GE"};

    private DemoFleet() {}

    /** The fleet as of today in China's calendar (filings are applied for today and exported within a month). */
    public static List<Car> generate(int count, long seed) {
        return generate(count, seed, LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")));
    }

    /**
     * Deterministic for (count, seed, today). Zero-mileage cars were registered 3-42 days before today's application
     * (a share of them waited out the 180-day rule: 181-200 days); about half of those within 180 days carry the
     * maker's after-sales confirmation, one in six of which names another country (the re-export pattern).
     * Consignees: mostly companies, some personal imports, a few official representatives.
     */
    public static List<Car> generate(int count, long seed, LocalDate today) {
        Random random = new Random(seed);
        List<Car> cars = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            Model m = MODELS.get(random.nextInt(MODELS.size()));
            Region r = REGIONS.get(random.nextInt(REGIONS.size()));
            boolean zeroMileage = random.nextInt(10) != 0; // about 90%, as in 2024
            boolean waitingOut = zeroMileage && random.nextInt(8) == 0;
            int days = !zeroMileage ? 200 + random.nextInt(400) : waitingOut ? 181 + random.nextInt(20) : 3 + random.nextInt(40);
            LocalDate registered = today.minusDays(days);
            LocalDate produced = registered.minusDays(10 + random.nextInt(60));
            int km = zeroMileage ? random.nextInt(40) : 4_000 + random.nextInt(40_000);
            int modelYear = produced.getMonthValue() >= 9 ? produced.getYear() + 1 : produced.getYear();
            String vin = vin(m.wmi(), modelYear, i, random);
            long value = Math.round(m.priceUsd() * (zeroMileage ? 0.55 + random.nextDouble() * 0.4
                    : 0.45 + random.nextDouble() * 0.3));
            String destination = DESTINATIONS[random.nextInt(DESTINATIONS.length)];
            int who = random.nextInt(20);
            String consigneeType = who < 3 ? "PERSON" : who < 5 ? "OFFICIAL_REPRESENTATIVE" : "COMPANY";
            String confirmation = null;
            if (days <= 180 && random.nextInt(2) == 0) {
                confirmation = random.nextInt(6) == 0 ? ("KZ".equals(destination) ? "RU" : "KZ") : destination;
            }
            LocalDate exportDate = today.plusDays(1 + random.nextInt(30));
            LocalDate inspected = today.minusDays(1).isBefore(registered) ? registered : today.minusDays(1);
            cars.add(new Car(vin, m.make(), m.model(), modelYear, m.fuel(), m.engineCc(), m.powerKw(), produced,
                    r.code(), r.city(), r.platePrefix() + String.format("%05d", 10_000 + i), registered, km,
                    exportDate, destination, zeroMileage, m.hs(), value, m.priceUsd(), r.port(), consigneeType,
                    confirmation, inspected));
        }
        return cars;
    }

    /** A VIN with a correct ISO 3779 check digit and the model-year code of {@code modelYear}. */
    static String vin(String wmi, int modelYear, int serial, Random random) {
        String alphabet = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
        StringBuilder vds = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            vds.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return vin(wmi, vds.toString(), modelYear, 'A', serial);
    }

    /**
     * A VIN from its parts: 3-character WMI, 5 VDS characters, the model-year code of {@code modelYear},
     * a plant code and a 6-digit serial, with the ISO 3779 check digit computed into position 9.
     */
    public static String vin(String wmi, String vds, int modelYear, char plant, int serial) {
        char year = "ABCDEFGHJKLMNPRSTVWXY123456789".charAt(Math.floorMod(modelYear - 1980, 30));
        String body = wmi + vds + "0" + year + plant + String.format("%06d", serial % 1_000_000);
        return body.substring(0, 8) + checkDigit(body) + body.substring(9);
    }

    public static char checkDigit(String vin) {
        int[] weights = {8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2};
        String letters = "ABCDEFGHJKLMNPRSTUVWXYZ";
        int[] values = {1, 2, 3, 4, 5, 6, 7, 8, 1, 2, 3, 4, 5, 7, 9, 2, 3, 4, 5, 6, 7, 8, 9};
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = vin.charAt(i);
            int v = Character.isDigit(c) ? c - '0' : values[letters.indexOf(c)];
            sum += v * weights[i];
        }
        int rest = sum % 11;
        return rest == 10 ? 'X' : (char) ('0' + rest);
    }
}
