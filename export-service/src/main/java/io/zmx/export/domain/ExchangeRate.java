package io.zmx.export.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EmbeddedId;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** One unit of {@code currency} is worth {@code rate} units of {@code referenceCurrency} on {@code validOn}. */
@Entity
@Table(name = "exchange_rates")
public class ExchangeRate extends PanacheEntityBase {

    @Embeddable
    public record Key(String currency, @Column(name = "reference_currency") String referenceCurrency,
                      @Column(name = "valid_on") LocalDate validOn) implements Serializable {}

    @EmbeddedId
    public Key key;
    public BigDecimal rate;
    public String source;
    @Column(name = "created_by")
    public String createdBy;
    @Column(name = "created_at")
    public Instant createdAt;
}
