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
import java.time.LocalDate;
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
                                 List<TimelineEntry> timeline) {}
}
