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

/** A brand on the vehicle's title (salvage, flood, fire, rebuilt), as NMVTIS records them. */
@Entity
@Table(name = "title_brand")
public class TitleBrand extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;
    public String vin;
    @Enumerated(EnumType.STRING)
    public TitleBrandKind brand;
    @Column(name = "brand_date")
    public LocalDate date;
    public String source;
    public String note;
}
