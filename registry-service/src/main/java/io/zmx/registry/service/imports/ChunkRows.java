package io.zmx.registry.service.imports;

import io.zmx.registry.domain.RegistrationKind;
import io.zmx.registry.domain.VehicleDecoder;
import io.zmx.registry.domain.VehicleStatus;
import io.zmx.registry.persistence.CopyText;
import io.zmx.registry.persistence.ImportWriter;
import io.zmx.registry.service.HistoryInputs.DeregistrationInput;
import io.zmx.registry.service.HistoryInputs.OdometerReadingInput;
import io.zmx.registry.service.HistoryInputs.RegistrationInput;
import io.zmx.registry.service.HistoryInputs.TitleBrandInput;
import io.zmx.registry.service.imports.LineChecker.CheckedLine;
import java.time.LocalDate;
import java.util.List;

/**
 * A chunk's good lines as COPY rows, in the two shapes ImportWriter loads: straight into the tables (every VIN new:
 * status, first registration and default kinds decided here, in Java) or into the staging tables (line number first;
 * what depends on stored rows is decided in SQL, ImportSql).
 */
final class ChunkRows {

    private ChunkRows() {}

    static ImportWriter.DirectRows direct(List<CheckedLine> good) {
        CopyText vehicles = new CopyText();
        CopyText registrations = new CopyText();
        CopyText deregistrations = new CopyText();
        CopyText readings = new CopyText();
        CopyText brands = new CopyText();
        for (CheckedLine g : good) {
            ImportLine l = g.line();
            VehicleDecoder.Result d = g.decoded();
            List<LocalDate> regDates = l.registrations() == null ? List.of()
                    : l.registrations().stream().map(RegistrationInput::date).toList();
            List<LocalDate> deregDates = l.deregistrations() == null ? List.of()
                    : l.deregistrations().stream().map(DeregistrationInput::date).toList();
            vehicles.add(g.vin()).add(d.manufacturer()).add(l.make().trim()).add(l.model().trim())
                    .add(d.modelYear()).add(l.fuelType()).add(l.engineCc()).add(l.powerKw()).add(l.driveSide())
                    .add(l.emissionStandard()).add(l.productionDate()).add(d.plantCountry())
                    .add(VehicleStatus.derive(regDates, deregDates))
                    .add(regDates.stream().min(LocalDate::compareTo).orElse(null))
                    .add(transferForExportDate(l.registrations())).endRow();
            history(g, registrations, deregistrations, readings, brands, false);
        }
        return new ImportWriter.DirectRows(vehicles, registrations, deregistrations, readings, brands);
    }

    static ImportWriter.StagedRows staged(List<CheckedLine> good) {
        CopyText vehicles = new CopyText();
        CopyText historyOnly = new CopyText();
        CopyText registrations = new CopyText();
        CopyText deregistrations = new CopyText();
        CopyText readings = new CopyText();
        CopyText brands = new CopyText();
        for (CheckedLine g : good) {
            ImportLine l = g.line();
            VehicleDecoder.Result d = g.decoded();
            if (d != null) {
                vehicles.add(g.lineNo()).add(g.vin()).add(d.manufacturer()).add(l.make().trim()).add(l.model().trim())
                        .add(d.modelYear()).add(l.fuelType()).add(l.engineCc()).add(l.powerKw()).add(l.driveSide())
                        .add(l.emissionStandard()).add(l.productionDate()).add(d.plantCountry()).endRow();
            } else {
                historyOnly.add(g.lineNo()).add(g.vin()).endRow();
            }
            history(g, registrations, deregistrations, readings, brands, true);
        }
        return new ImportWriter.StagedRows(vehicles, historyOnly, registrations, deregistrations, readings, brands);
    }

    /** History rows of one line; staged rows carry the line number first. */
    private static void history(CheckedLine g, CopyText registrations, CopyText deregistrations, CopyText readings,
                         CopyText brands, boolean staged) {
        ImportLine l = g.line();
        String vin = g.vin();
        if (l.registrations() != null) {
            boolean[] first = firstInLine(l.registrations());
            for (int i = 0; i < l.registrations().size(); i++) {
                RegistrationInput r = l.registrations().get(i);
                if (staged) {
                    registrations.add(g.lineNo());
                }
                registrations.add(vin).add(r.date()).add(r.region()).add(r.city()).add(r.plate())
                        .add(r.ownerType()).add(r.ownerId());
                if (staged) {
                    // the default kind also depends on stored registrations: decided in ImportSql
                    registrations.add(r.kind()).add(first[i]).endRow();
                } else {
                    // every VIN of a direct chunk is new: the line holds all its registrations
                    registrations.add(r.kind() != null ? r.kind() : RegistrationKind.byDefault(!first[i])).endRow();
                }
            }
        }
        if (l.deregistrations() != null) {
            for (DeregistrationInput r : l.deregistrations()) {
                if (staged) {
                    deregistrations.add(g.lineNo());
                }
                deregistrations.add(vin).add(r.date()).add(r.reason()).add(r.region()).endRow();
            }
        }
        for (int i = 0; i < g.readings().size(); i++) {
            OdometerReadingInput r = g.readings().get(i);
            if (staged) {
                readings.add(g.lineNo());
            }
            readings.add(vin).add(r.date()).add(r.km()).add(r.source()).add(r.correctionRequested())
                    .add(r.reason()).add(g.rollback()[i]).endRow();
        }
        if (l.titleBrands() != null) {
            for (TitleBrandInput b : l.titleBrands()) {
                if (staged) {
                    brands.add(g.lineNo());
                }
                brands.add(vin).add(b.brand()).add(b.date()).add(b.source()).add(b.note()).endRow();
            }
        }
    }

    /**
     * For each registration of a line, whether no other registration of the line is dated before it (or on the
     * same day and listed before it): such a registration defaults to FIRST unless one is already stored.
     */
    static boolean[] firstInLine(List<RegistrationInput> registrations) {
        boolean[] first = new boolean[registrations.size()];
        for (int i = 0; i < first.length; i++) {
            LocalDate date = registrations.get(i).date();
            first[i] = true;
            for (int j = 0; j < first.length && first[i]; j++) {
                LocalDate other = registrations.get(j).date();
                if (j != i && (other.isBefore(date) || other.isEqual(date) && j < i)) {
                    first[i] = false;
                }
            }
        }
        return first;
    }

    /** The latest TRANSFER_FOR_EXPORT registration of a line (only ever sent explicitly), or null. */
    static LocalDate transferForExportDate(List<RegistrationInput> registrations) {
        if (registrations == null) {
            return null;
        }
        return registrations.stream().filter(r -> r.kind() == RegistrationKind.TRANSFER_FOR_EXPORT)
                .map(RegistrationInput::date).max(LocalDate::compareTo).orElse(null);
    }
}
