package io.zmx.registry.service;

import io.zmx.registry.service.HistoryInputs.DeregistrationInput;
import io.zmx.registry.service.HistoryInputs.OdometerReadingInput;
import io.zmx.registry.service.HistoryInputs.RegistrationInput;
import io.zmx.registry.service.HistoryInputs.TitleBrandInput;
import io.zmx.edge.Problem.Violation;
import io.zmx.edge.ProblemException;
import io.zmx.edge.Writes;
import io.zmx.registry.domain.Deregistration;
import io.zmx.registry.domain.DeregistrationReason;
import io.zmx.registry.domain.OwnerType;
import io.zmx.registry.domain.ReadingSource;
import io.zmx.registry.domain.TitleBrandKind;
import io.zmx.registry.domain.OdometerReading;
import io.zmx.registry.domain.OdometerRules;
import io.zmx.registry.domain.Registration;
import io.zmx.registry.domain.RegistrationKind;
import io.zmx.registry.domain.TitleBrand;
import io.zmx.registry.domain.Vehicle;
import io.zmx.registry.domain.VehicleStatus;
import io.quarkus.hibernate.reactive.panache.Panache;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What happened to a vehicle: registrations, deregistrations, odometer readings, title brands. Each write
 * is idempotent on its natural key (the same event sent twice is stored once and answered with {@code created=false}).
 */
@ApplicationScoped
public class HistoryService {

    private final VehicleService vehicles;

    public HistoryService(VehicleService vehicles) {
        this.vehicles = vehicles;
    }

    public record Outcome<T>(T item, boolean created) {}

    /** A vehicle and everything recorded about it, each list in time order (ties by id). */
    public record History(Vehicle vehicle, List<Registration> registrations, List<Deregistration> deregistrations,
                          List<OdometerReading> readings, List<TitleBrand> titleBrands) {}

    public Uni<Outcome<Registration>> register(String rawVin, RegistrationInput in) {
        return Writes.transaction(() -> vehicles.get(rawVin).flatMap(v -> Registration.<Registration>list("vin = ?1 and date = ?2 and region = ?3",
                v.vin, in.date(), in.region()).flatMap(sameDay -> {
            Optional<Registration> same = sameDay.stream().filter(r -> Objects.equals(r.plate, in.plate())).findFirst();
            if (same.isPresent()) {
                if (in.kind() != null && in.kind() != same.get().kind) {
                    return Uni.createFrom().failure(ProblemException.conflict("registration-kind-conflict",
                            "Registration recorded with another kind", "The registration of " + v.vin + " on "
                                    + in.date() + " in " + in.region() + " is recorded as " + same.get().kind
                                    + ", not " + in.kind()));
                }
                return Uni.createFrom().item(new Outcome<>(same.get(), false));
            }
            return Registration.count("vin = ?1 and date <= ?2", v.vin, in.date()).flatMap(earlier -> {
                Registration r = new Registration();
                r.vin = v.vin;
                r.date = in.date();
                r.region = in.region();
                r.city = in.city();
                r.plate = in.plate();
                r.ownerType = in.ownerType();
                r.ownerId = in.ownerId();
                r.kind = in.kind() != null ? in.kind() : RegistrationKind.byDefault(earlier > 0);
                return r.<Registration>persist().flatMap(saved -> deriveStatus(v)).map(x -> new Outcome<>(r, true));
            });
        })));
    }

    public Uni<Outcome<Deregistration>> deregister(String rawVin, DeregistrationInput in) {
        return Writes.transaction(() -> vehicles.get(rawVin).flatMap(v -> Deregistration.<Deregistration>find(
                "vin = ?1 and date = ?2 and reason = ?3", v.vin, in.date(), in.reason()).firstResult().flatMap(same -> {
            if (same != null) {
                return Uni.createFrom().item(new Outcome<>(same, false));
            }
            Deregistration d = new Deregistration();
            d.vin = v.vin;
            d.date = in.date();
            d.reason = in.reason();
            d.region = in.region();
            return d.<Deregistration>persist().flatMap(saved -> deriveStatus(v)).map(x -> new Outcome<>(d, true));
        })));
    }

    /** Refuses a reading that contradicts the record unless it is a correction with a reason; then flags a rollback. */
    public Uni<Outcome<OdometerReading>> addReading(String rawVin, OdometerReadingInput in) {
        return Writes.transaction(() -> vehicles.get(rawVin).flatMap(v -> {
            if (in.correctionRequested() && (in.reason() == null || in.reason().isBlank())) {
                return Uni.createFrom().failure(ProblemException.invalid("validation", "Request is not valid",
                        "A correction needs a reason", List.of(new Violation("reason", "required when correction is true"))));
            }
            return OdometerReading.<OdometerReading>list("vin", v.vin).flatMap(recorded -> {
                Optional<OdometerReading> same = recorded.stream()
                        .filter(r -> r.date.equals(in.date()) && r.km == in.km() && r.source == in.source()).findFirst();
                if (same.isPresent()) {
                    return Uni.createFrom().item(new Outcome<>(same.get(), false));
                }
                Optional<OdometerRules.Recorded> conflict = OdometerRules.contradiction(
                        recorded.stream().map(r -> new OdometerRules.Recorded(r.date, r.km, r.rollback)).toList(),
                        in.date(), in.km());
                if (conflict.isPresent() && !in.correctionRequested()) {
                    OdometerRules.Recorded c = conflict.get();
                    return Uni.createFrom().failure(ProblemException.conflict("odometer-rollback",
                            "Odometer reading contradicts the record", in.km() + " km on " + in.date() + " contradicts "
                                    + c.km() + " km recorded on " + c.date() + "; odometers only count up. Send it with "
                                    + "correction=true and a reason if it is right."));
                }
                OdometerReading o = new OdometerReading();
                o.vin = v.vin;
                o.date = in.date();
                o.km = in.km();
                o.source = in.source();
                o.correction = in.correctionRequested();
                o.reason = in.reason();
                o.rollback = conflict.isPresent();
                return o.<OdometerReading>persist().map(saved -> new Outcome<>(o, true));
            });
        }));
    }

    public Uni<Outcome<TitleBrand>> addBrand(String rawVin, TitleBrandInput in) {
        return Writes.transaction(() -> vehicles.get(rawVin).flatMap(v -> TitleBrand.<TitleBrand>find("vin = ?1 and brand = ?2 and date = ?3",
                v.vin, in.brand(), in.date()).firstResult().flatMap(same -> {
            if (same != null) {
                return Uni.createFrom().item(new Outcome<>(same, false));
            }
            TitleBrand t = new TitleBrand();
            t.vin = v.vin;
            t.brand = in.brand();
            t.date = in.date();
            t.source = in.source();
            t.note = in.note();
            return t.<TitleBrand>persist().map(saved -> new Outcome<>(t, true));
        })));
    }

    /**
     * The four kinds of record in one statement (issue 12: a screening reads every vehicle's history, and four lists
     * were four round trips): one row shape for all, told apart by {@code k}, each kind in time order (ties by id).
     */
    private static final String RECORDS = """
            SELECT 'R' AS k, id, reg_date AS day, CAST(region AS text) AS t1, CAST(city AS text) AS t2,
                   CAST(plate AS text) AS t3, CAST(owner_type AS text) AS t4, CAST(owner_id AS text) AS t5,
                   CAST(kind AS text) AS t6, CAST(NULL AS integer) AS km, CAST(NULL AS boolean) AS b1,
                   CAST(NULL AS boolean) AS b2
              FROM registration WHERE vin = :vin
            UNION ALL
            SELECT 'D', id, dereg_date, CAST(reason AS text), CAST(region AS text), NULL, NULL, NULL, NULL, NULL, NULL, NULL
              FROM deregistration WHERE vin = :vin
            UNION ALL
            SELECT 'O', id, reading_date, CAST(source AS text), CAST(reason AS text), NULL, NULL, NULL, NULL, km, correction,
                   rollback
              FROM odometer_reading WHERE vin = :vin
            UNION ALL
            SELECT 'B', id, brand_date, CAST(brand AS text), CAST(source AS text), CAST(note AS text), NULL, NULL, NULL, NULL,
                   NULL, NULL
              FROM title_brand WHERE vin = :vin
            ORDER BY k, day, id""";

    /** Everything recorded about a vehicle already read (and checked readable) by the caller: one statement. */
    @WithSession
    public Uni<History> history(Vehicle v) {
        return Panache.getSession().chain(s -> s.<Object[]>createNativeQuery(RECORDS).setParameter("vin", v.vin)
                .getResultList()).map(rows -> {
            List<Registration> regs = new ArrayList<>();
            List<Deregistration> deregs = new ArrayList<>();
            List<OdometerReading> readings = new ArrayList<>();
            List<TitleBrand> brands = new ArrayList<>();
            for (Object[] r : rows) {
                long id = ((Number) r[1]).longValue();
                LocalDate day = day(r[2]);
                switch ((String) r[0]) {
                    case "R" -> {
                        Registration x = new Registration();
                        x.id = id;
                        x.vin = v.vin;
                        x.date = day;
                        x.region = (String) r[3];
                        x.city = (String) r[4];
                        x.plate = (String) r[5];
                        x.ownerType = OwnerType.valueOf((String) r[6]);
                        x.ownerId = (String) r[7];
                        x.kind = RegistrationKind.valueOf((String) r[8]);
                        regs.add(x);
                    }
                    case "D" -> {
                        Deregistration x = new Deregistration();
                        x.id = id;
                        x.vin = v.vin;
                        x.date = day;
                        x.reason = DeregistrationReason.valueOf((String) r[3]);
                        x.region = (String) r[4];
                        deregs.add(x);
                    }
                    case "O" -> {
                        OdometerReading x = new OdometerReading();
                        x.id = id;
                        x.vin = v.vin;
                        x.date = day;
                        x.source = ReadingSource.valueOf((String) r[3]);
                        x.reason = (String) r[4];
                        x.km = ((Number) r[9]).intValue();
                        x.correction = Boolean.TRUE.equals(r[10]);
                        x.rollback = Boolean.TRUE.equals(r[11]);
                        readings.add(x);
                    }
                    default -> {
                        TitleBrand x = new TitleBrand();
                        x.id = id;
                        x.vin = v.vin;
                        x.date = day;
                        x.brand = TitleBrandKind.valueOf((String) r[3]);
                        x.source = (String) r[4];
                        x.note = (String) r[5];
                        brands.add(x);
                    }
                }
            }
            return new History(v, regs, deregs, readings, brands);
        });
    }

    /** A date column as the native query hands it over (LocalDate from the reactive client, or its JDBC-style forms). */
    private static LocalDate day(Object o) {
        if (o instanceof LocalDate d) {
            return d;
        }
        if (o instanceof java.sql.Date d) {
            return d.toLocalDate();
        }
        return LocalDate.parse(String.valueOf(o));
    }

    private static Uni<Void> deriveStatus(Vehicle v) {
        return Registration.<Registration>list("vin", v.vin).flatMap(regs -> Deregistration.<Deregistration>list("vin", v.vin)
                .map(deregs -> {
                    List<LocalDate> regDates = regs.stream().map(r -> r.date).toList();
                    List<LocalDate> deregDates = deregs.stream().map(d -> d.date).toList();
                    VehicleStatus status = VehicleStatus.derive(regDates, deregDates);
                    LocalDate first = regDates.stream().min(LocalDate::compareTo).orElse(null);
                    LocalDate forExport = regs.stream().filter(r -> r.kind == RegistrationKind.TRANSFER_FOR_EXPORT)
                            .map(r -> r.date).max(LocalDate::compareTo).orElse(null);
                    if (status != v.status || !Objects.equals(first, v.firstRegistrationDate)
                            || !Objects.equals(forExport, v.transferForExportDate)) {
                        v.status = status;
                        v.firstRegistrationDate = first;
                        v.transferForExportDate = forExport;
                        v.updatedAt = Instant.now();
                    }
                    return null;
                }));
    }
}
