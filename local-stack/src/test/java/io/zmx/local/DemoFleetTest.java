package io.zmx.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DemoFleetTest {

    @Test
    void fleetIsDeterministicValidAndMostlyZeroMileage() {
        java.time.LocalDate today = java.time.LocalDate.of(2026, 11, 29);
        List<DemoFleet.Car> fleet = DemoFleet.generate(1000, 7, today);
        assertEquals(fleet, DemoFleet.generate(1000, 7, today));
        for (DemoFleet.Car c : fleet) {
            assertEquals(17, c.vin().length());
            assertEquals(DemoFleet.checkDigit(c.vin()), c.vin().charAt(8), c.vin());
            assertTrue(c.vin().chars().noneMatch(ch -> ch == 'I' || ch == 'O' || ch == 'Q'), c.vin());
            assertTrue(!c.exportDate().isBefore(c.registered()));
            // planned export dates lie within export-service's bounds (not past, at most 180 days ahead)
            assertTrue(c.exportDate().isAfter(today) && !c.exportDate().isAfter(today.plusDays(180)), c.toString());
            assertTrue(!c.inspectedOn().isAfter(today) && !c.inspectedOn().isBefore(c.registered()), c.toString());
            assertTrue(c.confirmationDestination() == null || c.within180Days(today), "confirmations only for <=180-day cars");
        }
        long within = fleet.stream().filter(c -> c.within180Days(today)).count();
        long confirmed = fleet.stream().filter(c -> c.confirmationDestination() != null).count();
        long wrongCountry = fleet.stream().filter(c -> c.confirmationDestination() != null
                && !c.confirmationDestination().equals(c.destination())).count();
        assertTrue(confirmed > within / 3 && confirmed < within * 2 / 3, confirmed + " of " + within);
        assertTrue(wrongCountry > 0 && wrongCountry < confirmed / 3, wrongCountry + " of " + confirmed);
        assertTrue(fleet.stream().anyMatch(c -> !c.within180Days(today) && c.zeroMileage()), "some wait out the rule");
        for (String type : List.of("PERSON", "COMPANY", "OFFICIAL_REPRESENTATIVE")) {
            assertTrue(fleet.stream().anyMatch(c -> type.equals(c.consigneeType())), type);
        }
        long zero = fleet.stream().filter(DemoFleet.Car::zeroMileage).count();
        assertTrue(zero > 850 && zero < 950, "about 90% zero-mileage, was " + zero);
    }

    @Test
    void knownVinHasItsCheckDigit() {
        assertEquals('X', DemoFleet.checkDigit("1M8GDM9AXKP042788"));
    }

    @Test
    void demoCreditCodesPassTheGb32100Check() {
        for (String code : List.of(Clients.EXPORTER_CHENGDU, Clients.EXPORTER_SHENZHEN)) {
            assertEquals(18, code.length());
            String alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
            int[] w = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
            int sum = 0;
            for (int i = 0; i < 17; i++) {
                sum += alphabet.indexOf(code.charAt(i)) * w[i];
            }
            int check = (31 - sum % 31) % 31;
            assertEquals(alphabet.charAt(check), code.charAt(17), code);
        }
    }
}
