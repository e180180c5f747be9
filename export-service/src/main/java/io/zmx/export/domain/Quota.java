package io.zmx.export.domain;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Clearances allowed for an issuing region in a period, optionally for one exporter only. */
@Entity
@Table(name = "quotas")
public class Quota extends PanacheEntityBase {

    @Id
    public UUID id;
    public String region;
    @Column(name = "exporter_credit_code")
    public String exporterCreditCode;
    @Column(name = "period_start")
    public LocalDate periodStart;
    @Column(name = "period_end")
    public LocalDate periodEnd;
    @Column(name = "quota_limit")
    public int limit;
    public int used;
    @Column(name = "created_at")
    public Instant createdAt;
}
