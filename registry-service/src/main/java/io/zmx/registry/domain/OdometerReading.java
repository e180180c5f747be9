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

/**
 * One odometer reading. A reading that contradicts the earlier ones (lower than an earlier reading, or
 * higher than a later one) is only stored as a correction with a reason, and is then flagged as a rollback.
 */
@Entity
@Table(name = "odometer_reading")
public class OdometerReading extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String vin;
    @Column(name = "reading_date")
    public LocalDate date;
    public int km;
    @Enumerated(EnumType.STRING)
    public ReadingSource source;
    public boolean correction;
    public String reason;
    public boolean rollback;
}
