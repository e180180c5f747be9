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

/** A vehicle taken off the register, e.g. because it was exported. */
@Entity
@Table(name = "deregistration")
public class Deregistration extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String vin;
    @Column(name = "dereg_date")
    public LocalDate date;
    @Enumerated(EnumType.STRING)
    public DeregistrationReason reason;
    public String region;
}
