package io.zmx.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class DemoFleetTest {

    @Test
    void fleetIsDeterministicValidAndMostlyZeroMileage() {
        List<DemoFleet.Car> fleet = DemoFleet.generate(1000, 7);
        assertEquals(fleet, DemoFleet.generate(1000, 7));
        for (DemoFleet.Car c : fleet) {
            assertEquals(17, c.vin().length());
            assertEquals(DemoFleet.checkDigit(c.vin()), c.vin().charAt(8), c.vin());
            assertTrue(c.vin().chars().noneMatch(ch -> ch == 'I' || ch == 'O' || ch == 'Q'), c.vin());
            assertTrue(!c.exportDate().isBefore(c.registered()));
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
