package io.zmx.registry.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.math.BigDecimal;
import java.time.LocalDate;

/** What a make, model and model year is worth from a date on; export-service flags filings declared far below it. */
@Entity
@Table(name = "reference_price")
public class ReferencePrice extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String make;
    public String model;
    @Column(name = "model_year")
    public int modelYear;
    public BigDecimal amount;
    public String currency;
    @Column(name = "valid_from")
    public LocalDate validFrom;
    @Version
    public long version;
}
