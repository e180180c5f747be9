package io.zmx.registry.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.LocalDate;

/** A vehicle entered on a regional register (region ISO 3166-2, e.g. CN-SC) for an owner. */
@Entity
@Table(name = "registration")
public class Registration extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String vin;
    @Column(name = "reg_date")
    public LocalDate date;
    public String region;
    public String city;
    public String plate;
    @Enumerated(EnumType.STRING)
    @Column(name = "owner_type")
    public OwnerType ownerType;
    @Column(name = "owner_id")
    public String ownerId;
    @Enumerated(EnumType.STRING)
    public RegistrationKind kind;
}
