package io.zmx.registry.service;

import io.quarkus.hibernate.orm.panache.PanacheQuery;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import io.zmx.registry.api.VehicleChange;
import io.zmx.registry.api.VehicleInput;
import io.zmx.edge.ProblemException;
import io.zmx.registry.domain.FuelType;
import io.zmx.registry.domain.Registration;
import io.zmx.registry.domain.Vehicle;
import io.zmx.registry.domain.VehicleStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/** Creating, reading, changing and finding vehicles. */
@ApplicationScoped
public class VehicleService {

    private final VehicleDecoder decoder;
    private final EntityManager em;

    public VehicleService(VehicleDecoder decoder, EntityManager em) {
        this.decoder = decoder;
        this.em = em;
    }

    /** {@code created} is false when an identical vehicle already existed (a retried or replayed request). */
    public record Outcome(Vehicle vehicle, boolean created) {}

    public record Filter(String manufacturer, String make, String model, Integer modelYear, FuelType fuelType,
                         VehicleStatus status, String region) {}

    /**
     * Creates a vehicle; idempotent by VIN (the same vehicle again answers the stored one, a different one is a
     * 409) and by Idempotency-Key (the same key with another body is a 422).
     */
    @Transactional
    public Outcome create(VehicleInput in, String idempotencyKey, String principal) {
        VehicleDecoder.Result d = decoder.decode(in.vin(), in.manufacturer(), in.modelYear(), in.productionDate(),
                in.plantCountry());
        if (!d.valid()) {
            throw ProblemException.invalid("invalid-vehicle", "Vehicle does not agree with its VIN",
                    d.violations().get(0).message(), d.violations());
        }
        String vin = d.vin().value();
        String hash = hash(in.toString().replace(in.vin(), vin));
        if (idempotencyKey != null) {
            List<?> rows = em.createNativeQuery("SELECT request_hash, vin FROM idempotency_key WHERE principal = ?1 AND key = ?2")
                    .setParameter(1, principal).setParameter(2, idempotencyKey).getResultList();
            if (!rows.isEmpty()) {
                Object[] row = (Object[]) rows.get(0);
                if (!hash.equals(row[0])) {
                    throw new ProblemException(422, "idempotency-key-reused", "Idempotency-Key already used",
                            "Idempotency-Key '" + idempotencyKey + "' was used for a different request (VIN " + row[1] + ")");
                }
                return new Outcome(Vehicle.findById(row[1]), false);
            }
        }
        Vehicle existing = Vehicle.findById(vin);
        if (existing != null) {
            if (!sameData(existing, in, d)) {
                throw ProblemException.conflict("vehicle-exists", "Vehicle already registered",
                        "Vehicle " + vin + " already exists with different data; change it with PUT and If-Match");
            }
            return new Outcome(existing, false);
        }
        Vehicle v = new Vehicle();
        v.vin = vin;
        v.manufacturer = d.manufacturer();
        apply(v, in.make(), in.model(), d.modelYear(), in.fuelType(), in.engineCc(), in.powerKw(), in.driveSide(),
                in.emissionStandard(), in.productionDate(), d.plantCountry());
        try {
            v.persistAndFlush();
            if (idempotencyKey != null) {
                em.createNativeQuery("INSERT INTO idempotency_key (principal, key, request_hash, vin) VALUES (?1, ?2, ?3, ?4)")
                        .setParameter(1, principal).setParameter(2, idempotencyKey).setParameter(3, hash)
                        .setParameter(4, vin).executeUpdate();
            }
        } catch (PersistenceException e) {
            throw ProblemException.conflict("vehicle-exists", "Vehicle already registered",
                    "Vehicle " + vin + " was created concurrently; read it and retry");
        }
        return new Outcome(v, true);
    }

    public Vehicle get(String rawVin) {
        String vin = rawVin == null ? "" : rawVin.trim().toUpperCase(Locale.ROOT);
        Vehicle v = Vehicle.findById(vin);
        if (v == null) {
            throw ProblemException.notFound("Vehicle", vin);
        }
        return v;
    }

    @Transactional
    public Vehicle update(String rawVin, long expectedVersion, VehicleChange in) {
        Vehicle v = get(rawVin);
        if (v.version != expectedVersion) {
            throw new ProblemException(412, "stale-version", "Resource was changed by someone else",
                    "If-Match names version " + expectedVersion + " but the vehicle is at version " + v.version);
        }
        VehicleDecoder.Result d = decoder.decode(v.vin, v.manufacturer, in.modelYear(), in.productionDate(),
                in.plantCountry());
        if (!d.valid()) {
            throw ProblemException.invalid("invalid-vehicle", "Vehicle does not agree with its VIN",
                    d.violations().get(0).message(), d.violations());
        }
        apply(v, in.make(), in.model(), d.modelYear(), in.fuelType(), in.engineCc(), in.powerKw(), in.driveSide(),
                in.emissionStandard(), in.productionDate(), d.plantCountry());
        v.updatedAt = Instant.now();
        em.flush();
        return v;
    }

    public io.zmx.registry.api.Page<Vehicle> list(Filter f, int page, int size) {
        return list(f, null, page, size);
    }

    /** Whether a registration of this vehicle ever named this owner (an exporter's credit code). */
    public boolean everOwnedBy(String vin, String ownerId) {
        return Registration.count("vin = ?1 and ownerId = ?2", vin, ownerId) > 0;
    }

    /** Vehicles matching the filter; with an owner, only those a registration ever named that owner in. */
    public io.zmx.registry.api.Page<Vehicle> list(Filter f, String ownerId, int page, int size) {
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
        List<Vehicle> items = query.page(Page.of(page, size)).list();
        return new io.zmx.registry.api.Page<>(items, page, size, query.count());
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

    static String hash(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
