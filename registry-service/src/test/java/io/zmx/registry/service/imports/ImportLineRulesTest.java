package io.zmx.registry.service.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zmx.registry.service.HistoryInputs.DeregistrationInput;
import io.zmx.registry.service.HistoryInputs.OdometerReadingInput;
import io.zmx.registry.service.HistoryInputs.RegistrationInput;
import io.zmx.registry.service.HistoryInputs.TitleBrandInput;
import io.zmx.registry.service.imports.ImportLine;
import io.zmx.registry.domain.DriveSide;
import io.zmx.registry.domain.FuelType;
import io.zmx.registry.domain.OwnerType;
import io.zmx.registry.domain.ReadingSource;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The hand-written bulk checks refuse exactly the fields Bean Validation refuses on the API. */
class ImportLineRulesTest {

    static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    static final LocalDate D = LocalDate.of(2024, 3, 1);

    static ImportLine line(String vin, String make, Integer modelYear, Integer engineCc, String plantCountry,
                           List<RegistrationInput> regs, List<DeregistrationInput> deregs,
                           List<OdometerReadingInput> readings, List<TitleBrandInput> brands) {
        return new ImportLine(vin, null, make, "Seal", modelYear, FuelType.BEV, engineCc, 150, DriveSide.LHD, "CN6b", D,
                plantCountry, regs, deregs, readings, brands);
    }

    @Test
    void sameFieldsRefused() {
        List<ImportLine> samples = new ArrayList<>();
        samples.add(line("LGXCE4CB3R0300246", "BYD", 2024, 1498, "CN", null, null, null, null));
        samples.add(line(" ", "B".repeat(61), 1979, -1, "cn", null, null, null, null));
        samples.add(line("X", "BYD", 2101, 20001, "CHN",
                List.of(new RegistrationInput(null, "Sichuan", "C".repeat(81), "P".repeat(17), null, "O".repeat(65), null),
                        new RegistrationInput(D, null, null, null, OwnerType.DEALER, null, null)),
                List.of(new DeregistrationInput(null, null, "CN-XXXX")),
                List.of(new OdometerReadingInput(null, -5, null, true, "R".repeat(501)),
                        new OdometerReadingInput(D, null, ReadingSource.OWNER, null, null),
                        new OdometerReadingInput(D, 5_000_001, ReadingSource.OWNER, null, null)),
                List.of(new TitleBrandInput(null, null, "S".repeat(121), "N".repeat(501)))));
        for (ImportLine l : samples) {
            Set<String> expected = VALIDATOR.validate(l).stream().map(v -> v.getPropertyPath().toString())
                    .collect(Collectors.toCollection(TreeSet::new));
            List<String> errors = new ArrayList<>();
            ImportLineRules.check(l, errors);
            Set<String> actual = errors.stream().map(e -> e.substring(0, e.indexOf(':')))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertEquals(expected, actual);
        }
    }
}
