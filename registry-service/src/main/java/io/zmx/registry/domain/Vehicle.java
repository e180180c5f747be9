package io.zmx.registry.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;

/** A vehicle as the registry knows it: decoded identity, technical data and derived status. */
@Entity
@Table(name = "vehicle")
public class Vehicle extends PanacheEntityBase {

    @Id
    public String vin;
    public String manufacturer;
    public String make;
    public String model;
    @Column(name = "model_year")
    public int modelYear;
    @Enumerated(EnumType.STRING)
    @Column(name = "fuel_type")
    public FuelType fuelType;
    @Column(name = "engine_cc")
    public Integer engineCc;
    @Column(name = "power_kw")
    public Integer powerKw;
    @Enumerated(EnumType.STRING)
    @Column(name = "drive_side")
    public DriveSide driveSide;
    @Column(name = "emission_standard")
    public String emissionStandard;
    @Column(name = "production_date")
    public LocalDate productionDate;
    @Column(name = "plant_country")
    public String plantCountry;
    @Enumerated(EnumType.STRING)
    public VehicleStatus status = VehicleStatus.ACTIVE;
    @Column(name = "first_registration_date")
    public LocalDate firstRegistrationDate;
    /** Derived: the date of the latest TRANSFER_FOR_EXPORT registration, null when there is none. */
    @Column(name = "transfer_for_export_date")
    public LocalDate transferForExportDate;
    @Version
    public long version;
    @Column(name = "created_at")
    public Instant createdAt = Instant.now();
    @Column(name = "updated_at")
    public Instant updatedAt = Instant.now();
}
