package io.zmx.compliance.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/** A stored evaluation: the exact input and the result, so it can be audited and replayed in backtests. */
@Entity
@Table(name = "evaluation")
public class Evaluation extends PanacheEntityBase {

    @Id
    public UUID id;

    public String reference;
    public String origin;
    public String destination;

    @Column(name = "as_of")
    public LocalDate asOf;

    @Enumerated(EnumType.STRING)
    public Outcome outcome;

    @Enumerated(EnumType.STRING)
    public Outcome.Lane lane;

    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String input;

    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    public String result;

    @Column(name = "evaluated_at")
    public Instant evaluatedAt;

    @Column(name = "evaluated_by")
    public String evaluatedBy;

    @Column(name = "idempotency_key")
    public String idempotencyKey;
}
