package io.zmx.compliance.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import io.zmx.compliance.engine.EvaluationRequest;
import io.zmx.compliance.engine.EvaluationResult;
import io.zmx.compliance.engine.Outcome;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

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

    /** The input as judged (jsonb), replayed by backtests. */
    @JdbcTypeCode(SqlTypes.JSON)
    public EvaluationRequest input;

    /** The result as answered (jsonb), served again by GET. */
    @JdbcTypeCode(SqlTypes.JSON)
    public EvaluationResult result;

    @Column(name = "evaluated_at")
    public Instant evaluatedAt;

    @Column(name = "evaluated_by")
    public String evaluatedBy;

    @Column(name = "idempotency_key")
    public String idempotencyKey;
}
