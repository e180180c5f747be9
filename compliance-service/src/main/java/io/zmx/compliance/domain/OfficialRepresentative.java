package io.zmx.compliance.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A manufacturer's official representative in a destination country for one make, valid from a date to a
 * last valid day (inclusive). Entries are never edited: a change is a delete and a new entry, so what a
 * past evaluation decided stays explainable from its stored input.
 */
@Entity
@Table(name = "official_representative")
public class OfficialRepresentative extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String country;
    public String make;
    @Column(name = "make_key")
    public String makeKey;
    public String name;
    @Column(name = "name_key")
    public String nameKey;
    @Column(name = "registration_number")
    public String registrationNumber;
    @Column(name = "registration_key")
    public String registrationKey;
    @Column(name = "valid_from")
    public LocalDate validFrom;
    @Column(name = "valid_to")
    public LocalDate validTo;
    public String source;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
    @Column(name = "idempotency_key")
    public String idempotencyKey;

    public boolean validOn(LocalDate d) {
        return !d.isBefore(validFrom) && (validTo == null || !d.isAfter(validTo));
    }
}
