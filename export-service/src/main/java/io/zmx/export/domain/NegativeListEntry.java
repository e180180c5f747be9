package io.zmx.export.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** An exporter on customs' negative list (dishonest exporters): its filings are held or refused while listed. */
@Entity
@Table(name = "exporter_negative_list")
public class NegativeListEntry extends PanacheEntityBase {

    public enum Measure { HOLD, REFUSE }

    @Id
    public UUID id;
    @Column(name = "credit_code")
    public String creditCode;
    public String measure;
    public String reason;
    public LocalDate since;
    public LocalDate until;
    public String source;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;

    /** In force at some point between {@code from} and {@code to} (both inclusive). */
    public boolean activeBetween(LocalDate from, LocalDate to) {
        return !since.isAfter(to) && (until == null || !until.isBefore(from));
    }
}
