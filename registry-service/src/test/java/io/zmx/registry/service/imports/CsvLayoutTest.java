package io.zmx.registry.service.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zmx.registry.domain.FuelType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CSV lines are read by the header's column names (Jackson CSV), whatever order the columns come in. */
class CsvLayoutTest {

    @Test
    void columnsAreReadByNameInAnyOrder() {
        List<String> errors = new ArrayList<>();
        CsvLayout a = CsvLayout.header("\uFEFFVIN,make,model,fuelType,odometerKm,odometerDate");
        CsvLayout b = CsvLayout.header("odometerDate,fuelType,model,odometerKm,make,vin");
        ImportLine fromA = a.read("LGXCE4CB3R0300246, BYD ,\"Song, Plus\",phev,14,2024-03-24", errors);
        ImportLine fromB = b.read("2024-03-24,PHEV,\"Song, Plus\",14,BYD,LGXCE4CB3R0300246", errors);
        assertEquals(List.of(), errors);
        for (ImportLine l : List.of(fromA, fromB)) {
            assertEquals("LGXCE4CB3R0300246", l.vin());
            assertEquals("BYD", l.make());
            assertEquals("Song, Plus", l.model());
            assertEquals(FuelType.PHEV, l.fuelType());
            assertEquals(14, l.odometerReadings().get(0).km());
            assertEquals(LocalDate.of(2024, 3, 24), l.odometerReadings().get(0).date());
            assertNull(l.registrations());
        }
    }

    @Test
    void emptyFieldsAreAbsentAndBadValuesNameTheirColumn() {
        List<String> errors = new ArrayList<>();
        ImportLine l = CsvLayout.header("vin,engineCc,productionDate").read("LGXCE4CB3R0300246,,2024-02-30", errors);
        assertNull(l.engineCc());
        assertEquals(List.of("productionDate: '2024-02-30' is not an ISO date (YYYY-MM-DD)"), errors);
    }

    @Test
    void wrongFieldCountsAndBrokenQuotesAreLineErrors() {
        CsvLayout layout = CsvLayout.header("vin,make");
        List<String> errors = new ArrayList<>();
        assertNull(layout.read("LGXCE4CB3R0300246,BYD,extra", errors));
        assertNull(layout.read("LGXCE4CB3R0300246", errors));
        assertEquals(List.of("line has 3 fields but the header has 2", "line has 1 fields but the header has 2"), errors);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> layout.read("LGXCE4CB3R0300246,\"BYD", new ArrayList<>()));
        assertTrue(e.getMessage().contains("quoted field is not closed"), e.getMessage());
    }

    @Test
    void unknownOrRepeatedColumnsFailTheHeader() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CsvLayout.header("vin,colour"))
                .getMessage().contains("unknown column 'colour'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CsvLayout.header("vin,make,Make"))
                .getMessage().contains("appears twice"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CsvLayout.header("make,model"))
                .getMessage().contains("no 'vin'"));
    }
}
