package io.zmx.registry.service;

import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import io.zmx.registry.service.VehicleChange;
import io.zmx.registry.service.VehicleInput;
import io.zmx.edge.Problem;
import io.zmx.edge.ProblemException;
import io.zmx.edge.Writes;
import io.zmx.registry.domain.VehicleDecoder;
import io.zmx.registry.domain.FuelType;
import io.zmx.registry.domain.Registration;
import io.zmx.registry.domain.Vehicle;
import io.zmx.registry.domain.VehicleStatus;
import jakarta.enterprise.context.ApplicationScoped;
import io.vertx.pgclient.PgException;
import org.hibernate.exception.ConstraintViolationException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** Creating, reading, changing and finding vehicles (Hibernate Reactive: every method answers a {@link Uni}). */
@ApplicationScoped
public class VehicleService {

    private final VehicleDecoder decoder;

    public VehicleService(VehicleDecoder decoder) {
        this.decoder = decoder;
    }

    /** {@code created} is false when an identical vehicle already existed (a retried or replayed request). */
    public record Outcome(Vehicle vehicle, boolean created) {}

    public record Filter(String manufacturer, String make, String model, Integer modelYear, FuelType fuelType,
                         VehicleStatus status, String region) {}

    /**
     * Creates a vehicle; idempotent by VIN (the same vehicle again answers the stored one, a different one is a
     * 409). The {@code Idempotency-Key} is the caller's (edge's idempotency store, around this transaction).
     */
    public Uni<Outcome> create(VehicleInput in) {
        return Writes.transaction(() -> {
            VehicleDecoder.Result d = decoder.decode(in.vin(), in.manufacturer(), in.modelYear(), in.productionDate(),
                    in.plantCountry());
            if (!d.valid()) {
                return Uni.createFrom().failure(disagrees(d));
            }
            String vin = d.vin().value();
            return Vehicle.<Vehicle>findById(vin).flatMap(existing -> {
                if (existing != null) {
                    if (!sameData(existing, in, d)) {
                        return Uni.createFrom().failure(ProblemException.conflict("vehicle-exists", "Vehicle already registered",
                                "Vehicle " + vin + " already exists with different data; change it with PUT and If-Match"));
                    }
                    return Uni.createFrom().item(new Outcome(existing, false));
                }
                Vehicle v = new Vehicle();
                v.vin = vin;
                v.manufacturer = d.manufacturer();
                apply(v, in.make(), in.model(), d.modelYear(), in.fuelType(), in.engineCc(), in.powerKw(), in.driveSide(),
                        in.emissionStandard(), in.productionDate(), d.plantCountry());
                return v.<Vehicle>persistAndFlush().map(saved -> new Outcome(saved, true))
                        .onFailure(VehicleService::uniqueViolation).transform(e -> ProblemException.conflict("vehicle-exists",
                                "Vehicle already registered", "Vehicle " + vin + " was created concurrently; read it and retry"));
            });
        });
    }

    /** The vehicle, or a 404 problem. */
    @WithSession
    public Uni<Vehicle> get(String rawVin) {
        String vin = normalize(rawVin);
        return Vehicle.<Vehicle>findById(vin)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("Vehicle", vin));
    }

    /** A unique key was taken meanwhile (a concurrent insert of the same row), as Hibernate or the pg client says it. */
    static boolean uniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException || t instanceof PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }

    private static ProblemException disagrees(VehicleDecoder.Result d) {
        return ProblemException.invalid("invalid-vehicle", "Vehicle does not agree with its VIN",
                d.violations().get(0).message(),
                d.violations().stream().map(e -> new Problem.Violation(e.field(), e.message())).toList());
    }

    static String normalize(String rawVin) {
        return rawVin == null ? "" : rawVin.trim().toUpperCase(Locale.ROOT);
    }

    public Uni<Vehicle> update(String rawVin, long expectedVersion, VehicleChange in) {
        return Writes.transaction(() -> get(rawVin).flatMap(v -> {
            if (v.version != expectedVersion) {
                return Uni.createFrom().failure(new ProblemException(412, "stale-version",
                        "Resource was changed by someone else",
                        "If-Match names version " + expectedVersion + " but the vehicle is at version " + v.version));
            }
            VehicleDecoder.Result d = decoder.decode(v.vin, v.manufacturer, in.modelYear(), in.productionDate(),
                    in.plantCountry());
            if (!d.valid()) {
                return Uni.createFrom().failure(disagrees(d));
            }
            apply(v, in.make(), in.model(), d.modelYear(), in.fuelType(), in.engineCc(), in.powerKw(), in.driveSide(),
                    in.emissionStandard(), in.productionDate(), d.plantCountry());
            v.updatedAt = Instant.now();
            return v.<Vehicle>persistAndFlush();
        }));
    }

    /** The vehicle if this reader may see it: confined to an owner, a vehicle it never owned is a 404. */
    @WithSession
    public Uni<Vehicle> readable(String rawVin, String confinedToOwner) {
        return get(rawVin).flatMap(v -> confinedToOwner == null ? Uni.createFrom().item(v)
                : Registration.count("vin = ?1 and ownerId = ?2", v.vin, confinedToOwner)
                        .map(n -> n > 0 ? v : null)
                        .onItem().ifNull().failWith(() -> ProblemException.notFound("Vehicle", v.vin)));
    }

    /** Vehicles matching the filter; with an owner, only those a registration ever named that owner in. */
    @WithSession
    public Uni<Slice<Vehicle>> list(Filter f, String ownerId, int page, int size) {
        StringBuilder q = new StringBuilder("1 = 1");
        Map<String, Object> params = new LinkedHashMap<>();
        if (ownerId != null) {
            q.append(" and vin in (select o.vin from Registration o where o.ownerId = :ownerId)");
            params.put("ownerId", ownerId);
        }
        if (f.manufacturer() != null) {
            q.append(" and lower(manufacturer) = :manufacturer");
            params.put("manufacturer", f.manufacturer().toLowerCase(Locale.ROOT));
        }
        if (f.make() != null) {
            q.append(" and lower(make) = :make");
            params.put("make", f.make().toLowerCase(Locale.ROOT));
        }
        if (f.model() != null) {
            q.append(" and lower(model) = :model");
            params.put("model", f.model().toLowerCase(Locale.ROOT));
        }
        if (f.modelYear() != null) {
            q.append(" and modelYear = :modelYear");
            params.put("modelYear", f.modelYear());
        }
        if (f.fuelType() != null) {
            q.append(" and fuelType = :fuelType");
            params.put("fuelType", f.fuelType());
        }
        if (f.status() != null) {
            q.append(" and status = :status");
            params.put("status", f.status());
        }
        if (f.region() != null) {
            q.append(" and vin in (select r.vin from Registration r where r.region = :region)");
            params.put("region", f.region().toUpperCase(Locale.ROOT));
        }
        PanacheQuery<Vehicle> query = Vehicle.find(q.toString(), Sort.by("vin"), params);
        // one session runs one statement at a time: the page, then the count
        return query.page(Page.of(page, size)).list()
                .flatMap(items -> query.count().map(total -> new Slice<>(items, total)));
    }

    static void apply(Vehicle v, String make, String model, Integer modelYear, FuelType fuelType, Integer engineCc,
                      Integer powerKw, io.zmx.registry.domain.DriveSide driveSide, String emissionStandard,
                      java.time.LocalDate productionDate, String plantCountry) {
        v.make = make.trim();
        v.model = model.trim();
        v.modelYear = modelYear;
        v.fuelType = fuelType;
        v.engineCc = engineCc;
        v.powerKw = powerKw;
        v.driveSide = driveSide;
        v.emissionStandard = emissionStandard;
        v.productionDate = productionDate;
        v.plantCountry = plantCountry;
    }

    private static boolean sameData(Vehicle v, VehicleInput in, VehicleDecoder.Result d) {
        return v.make.equals(in.make().trim()) && v.model.equals(in.model().trim())
                && v.modelYear == d.modelYear() && v.fuelType == in.fuelType()
                && Objects.equals(v.engineCc, in.engineCc()) && Objects.equals(v.powerKw, in.powerKw())
                && v.driveSide == in.driveSide() && Objects.equals(v.emissionStandard, in.emissionStandard())
                && Objects.equals(v.productionDate, in.productionDate())
                && Objects.equals(v.plantCountry, d.plantCountry());
    }
}
