package io.zmx.registry.service;

import io.zmx.registry.api.HistoryInputs.DeregistrationInput;
import io.zmx.registry.api.HistoryInputs.OdometerReadingInput;
import io.zmx.registry.api.HistoryInputs.RegistrationInput;
import io.zmx.registry.api.HistoryInputs.TitleBrandInput;
import io.zmx.registry.api.HistoryViews.DeregistrationView;
import io.zmx.registry.api.HistoryViews.OdometerReadingView;
import io.zmx.registry.api.HistoryViews.RegistrationView;
import io.zmx.registry.api.HistoryViews.TimelineEntry;
import io.zmx.registry.api.HistoryViews.TitleBrandView;
import io.zmx.registry.api.HistoryViews.VehicleHistory;
import io.zmx.registry.api.VehicleView;
import io.zmx.edge.Problem.Violation;
import io.zmx.edge.ProblemException;
import io.zmx.registry.domain.Deregistration;
import io.zmx.registry.domain.OdometerReading;
import io.zmx.registry.domain.OdometerRules;
import io.zmx.registry.domain.Registration;
import io.zmx.registry.domain.RegistrationKind;
import io.zmx.registry.domain.TitleBrand;
import io.zmx.registry.domain.Vehicle;
import io.zmx.registry.domain.VehicleStatus;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
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

    @Transactional
    public Outcome<Registration> register(String rawVin, RegistrationInput in) {
        Vehicle v = vehicles.get(rawVin);
        Optional<Registration> same = Registration.<Registration>list("vin = ?1 and date = ?2 and region = ?3", v.vin,
                        in.date(), in.region()).stream()
                .filter(r -> Objects.equals(r.plate, in.plate())).findFirst();
        if (same.isPresent()) {
            if (in.kind() != null && in.kind() != same.get().kind) {
                throw ProblemException.conflict("registration-kind-conflict", "Registration recorded with another kind",
                        "The registration of " + v.vin + " on " + in.date() + " in " + in.region() + " is recorded as "
                                + same.get().kind + ", not " + in.kind());
            }
            return new Outcome<>(same.get(), false);
        }
        boolean earlier = Registration.count("vin = ?1 and date <= ?2", v.vin, in.date()) > 0;
        Registration r = new Registration();
        r.vin = v.vin;
        r.date = in.date();
        r.region = in.region();
        r.city = in.city();
        r.plate = in.plate();
        r.ownerType = in.ownerType();
        r.ownerId = in.ownerId();
        r.kind = in.kind() != null ? in.kind() : RegistrationKind.byDefault(earlier);
        r.persist();
        deriveStatus(v);
        return new Outcome<>(r, true);
    }

    @Transactional
    public Outcome<Deregistration> deregister(String rawVin, DeregistrationInput in) {
        Vehicle v = vehicles.get(rawVin);
        Optional<Deregistration> same = Deregistration.<Deregistration>find("vin = ?1 and date = ?2 and reason = ?3",
                v.vin, in.date(), in.reason()).firstResultOptional();
        if (same.isPresent()) {
            return new Outcome<>(same.get(), false);
        }
        Deregistration d = new Deregistration();
        d.vin = v.vin;
        d.date = in.date();
        d.reason = in.reason();
        d.region = in.region();
        d.persist();
        deriveStatus(v);
        return new Outcome<>(d, true);
    }

    /** Refuses a reading that contradicts the record unless it is a correction with a reason; then flags a rollback. */
    @Transactional
    public Outcome<OdometerReading> addReading(String rawVin, OdometerReadingInput in) {
        Vehicle v = vehicles.get(rawVin);
        if (in.correctionRequested() && (in.reason() == null || in.reason().isBlank())) {
            throw ProblemException.invalid("validation", "Request is not valid", "A correction needs a reason",
                    List.of(new Violation("reason", "required when correction is true")));
        }
        List<OdometerReading> recorded = OdometerReading.list("vin", v.vin);
        Optional<OdometerReading> same = recorded.stream()
                .filter(r -> r.date.equals(in.date()) && r.km == in.km() && r.source == in.source()).findFirst();
        if (same.isPresent()) {
            return new Outcome<>(same.get(), false);
        }
        Optional<OdometerRules.Recorded> conflict = OdometerRules.contradiction(
                recorded.stream().map(r -> new OdometerRules.Recorded(r.date, r.km, r.rollback)).toList(),
                in.date(), in.km());
        if (conflict.isPresent() && !in.correctionRequested()) {
            OdometerRules.Recorded c = conflict.get();
            throw ProblemException.conflict("odometer-rollback", "Odometer reading contradicts the record",
                    in.km() + " km on " + in.date() + " contradicts " + c.km() + " km recorded on " + c.date()
                            + "; odometers only count up. Send it with correction=true and a reason if it is right.");
        }
        OdometerReading o = new OdometerReading();
        o.vin = v.vin;
        o.date = in.date();
        o.km = in.km();
        o.source = in.source();
        o.correction = in.correctionRequested();
        o.reason = in.reason();
        o.rollback = conflict.isPresent();
        o.persist();
        return new Outcome<>(o, true);
    }

    @Transactional
    public Outcome<TitleBrand> addBrand(String rawVin, TitleBrandInput in) {
        Vehicle v = vehicles.get(rawVin);
        Optional<TitleBrand> same = TitleBrand.<TitleBrand>find("vin = ?1 and brand = ?2 and date = ?3", v.vin,
                in.brand(), in.date()).firstResultOptional();
        if (same.isPresent()) {
            return new Outcome<>(same.get(), false);
        }
        TitleBrand t = new TitleBrand();
        t.vin = v.vin;
        t.brand = in.brand();
        t.date = in.date();
        t.source = in.source();
        t.note = in.note();
        t.persist();
        return new Outcome<>(t, true);
    }

    public VehicleHistory history(String rawVin) {
        Vehicle v = vehicles.get(rawVin);
        Sort byDate = Sort.by("date").and("id");
        List<Registration> regs = Registration.list("vin", byDate, v.vin);
        List<Deregistration> deregs = Deregistration.list("vin", byDate, v.vin);
        List<OdometerReading> readings = OdometerReading.list("vin", byDate, v.vin);
        List<TitleBrand> brands = TitleBrand.list("vin", byDate, v.vin);
        List<TimelineEntry> timeline = new ArrayList<>();
        if (v.productionDate != null) {
            timeline.add(new TimelineEntry(v.productionDate, "PRODUCTION",
                    "Produced (" + v.make + " " + v.model + " " + v.modelYear + ")"));
        }
        regs.forEach(r -> timeline.add(new TimelineEntry(r.date, "REGISTRATION", (switch (r.kind) {
                    case FIRST -> "First registered in ";
                    case TRANSFER -> "Registered (transfer) in ";
                    case TRANSFER_FOR_EXPORT -> "Registered (transfer for export) in ";
                }) + r.region
                + (r.city == null ? "" : " (" + r.city + ")") + (r.plate == null ? "" : ", plate " + r.plate)
                + " to a " + r.ownerType.name().toLowerCase())));
        deregs.forEach(d -> timeline.add(new TimelineEntry(d.date, "DEREGISTRATION", "Deregistered: " + d.reason
                + (d.region == null ? "" : " in " + d.region))));
        readings.forEach(o -> timeline.add(new TimelineEntry(o.date, "ODOMETER_READING", o.km + " km ("
                + o.source + ")" + (o.rollback ? ", rollback accepted as a correction: " + o.reason : ""))));
        brands.forEach(t -> timeline.add(new TimelineEntry(t.date, "TITLE_BRAND", "Title branded " + t.brand
                + (t.source == null ? "" : " by " + t.source))));
        // stable sort: on the same day production, then registration, readings, brands, deregistration
        timeline.sort(Comparator.comparing(TimelineEntry::date).thenComparing(e -> kindOrder(e.kind())));
        return new VehicleHistory(VehicleView.of(v),
                regs.stream().map(RegistrationView::of).toList(),
                deregs.stream().map(DeregistrationView::of).toList(),
                readings.stream().map(OdometerReadingView::of).toList(),
                brands.stream().map(TitleBrandView::of).toList(),
                timeline);
    }

    private static int kindOrder(String kind) {
        return switch (kind) {
            case "PRODUCTION" -> 0;
            case "REGISTRATION" -> 1;
            case "ODOMETER_READING" -> 2;
            case "TITLE_BRAND" -> 3;
            default -> 4;
        };
    }

    private static void deriveStatus(Vehicle v) {
        List<Registration> regs = Registration.list("vin", v.vin);
        List<LocalDate> regDates = regs.stream().map(r -> r.date).toList();
        List<LocalDate> deregDates = Deregistration.<Deregistration>list("vin", v.vin).stream().map(d -> d.date).toList();
        VehicleStatus status = VehicleStatus.derive(regDates, deregDates);
        LocalDate first = regDates.stream().min(LocalDate::compareTo).orElse(null);
        LocalDate forExport = regs.stream().filter(r -> r.kind == RegistrationKind.TRANSFER_FOR_EXPORT).map(r -> r.date)
                .max(LocalDate::compareTo).orElse(null);
        if (status != v.status || !Objects.equals(first, v.firstRegistrationDate)
                || !Objects.equals(forExport, v.transferForExportDate)) {
            v.status = status;
            v.firstRegistrationDate = first;
            v.transferForExportDate = forExport;
            v.updatedAt = Instant.now();
        }
    }
}
