package io.zmx.registry.api;

import io.zmx.registry.domain.Deregistration;
import io.zmx.registry.domain.DeregistrationReason;
import io.zmx.registry.domain.OdometerReading;
import io.zmx.registry.domain.OwnerType;
import io.zmx.registry.domain.ReadingSource;
import io.zmx.registry.domain.Registration;
import io.zmx.registry.domain.RegistrationKind;
import io.zmx.registry.domain.TitleBrand;
import io.zmx.registry.domain.TitleBrandKind;
import io.zmx.registry.domain.Vehicle;
import io.zmx.registry.service.HistoryService;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Response shapes of a vehicle's history. */
public final class HistoryViews {

    private HistoryViews() {}

    @Schema(name = "Registration")
    public record RegistrationView(long id, LocalDate date, String region, @Schema(nullable = true) String city,
                                   @Schema(nullable = true) String plate, OwnerType ownerType,
                                   @Schema(nullable = true) String ownerId,
                                   @Schema(description = "FIRST, TRANSFER or TRANSFER_FOR_EXPORT") RegistrationKind kind) {
        public static RegistrationView of(Registration r) {
            return new RegistrationView(r.id, r.date, r.region, r.city, r.plate, r.ownerType, r.ownerId, r.kind);
        }
    }

    @Schema(name = "Deregistration")
    public record DeregistrationView(long id, LocalDate date, DeregistrationReason reason,
                                     @Schema(nullable = true) String region) {
        public static DeregistrationView of(Deregistration d) {
            return new DeregistrationView(d.id, d.date, d.reason, d.region);
        }
    }

    @Schema(name = "OdometerReading")
    public record OdometerReadingView(long id, LocalDate date, int km, ReadingSource source, boolean correction,
                                      @Schema(nullable = true) String reason,
                                      @Schema(description = "true when this reading is lower than an earlier one "
                                              + "(accepted as a correction)") boolean rollback) {
        public static OdometerReadingView of(OdometerReading o) {
            return new OdometerReadingView(o.id, o.date, o.km, o.source, o.correction, o.reason, o.rollback);
        }
    }

    @Schema(name = "TitleBrand")
    public record TitleBrandView(long id, TitleBrandKind brand, LocalDate date, @Schema(nullable = true) String source,
                                 @Schema(nullable = true) String note) {
        public static TitleBrandView of(TitleBrand t) {
            return new TitleBrandView(t.id, t.brand, t.date, t.source, t.note);
        }
    }

    @Schema(name = "TimelineEntry")
    public record TimelineEntry(LocalDate date,
                                @Schema(description = "REGISTRATION, DEREGISTRATION, ODOMETER_READING or TITLE_BRAND")
                                String kind,
                                String summary) {}

    @Schema(name = "VehicleHistory", description = "Everything recorded about a vehicle; every list in time order")
    public record VehicleHistory(VehicleView vehicle,
                                 List<RegistrationView> registrations,
                                 List<DeregistrationView> deregistrations,
                                 List<OdometerReadingView> odometerReadings,
                                 List<TitleBrandView> titleBrands,
                                 List<TimelineEntry> timeline,
                                 @Schema(nullable = true, description = "Only with include=referencePrice: the reference "
                                         + "price in force on asOf for the vehicle's make, model and model year")
                                 ReferencePriceLookup referencePrice) {

        /** The same history with the reference-price lookup attached. */
        public VehicleHistory withReferencePrice(ReferencePriceLookup lookup) {
            return new VehicleHistory(vehicle, registrations, deregistrations, odometerReadings, titleBrands, timeline, lookup);
        }
    }

    @Schema(name = "ReferencePriceLookup", description = "The reference price in force on asOf (the one with the latest "
            + "validFrom on or before it), as GET /api/v1/reference-prices/current answers; price is null when none is "
            + "known or the vehicle has no make or model")
    public record ReferencePriceLookup(LocalDate asOf,
                                       @Schema(nullable = true) ReferencePriceResource.ReferencePriceView price) {}

    /** The history as answered: views of every record plus a merged timeline of one-line summaries. */
    public static VehicleHistory of(HistoryService.History h) {
        Vehicle v = h.vehicle();
        List<Registration> regs = h.registrations();
        List<Deregistration> deregs = h.deregistrations();
        List<OdometerReading> readings = h.readings();
        List<TitleBrand> brands = h.titleBrands();
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
                timeline, null);
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
}
